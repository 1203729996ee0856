package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCommandsTest {
  @TempDir Path tmp;
  Path etc;
  Path run;
  Path config;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String spec(String kind, String version, String... devices) {
    StringBuilder b = new StringBuilder("{\"cdiVersion\": \"" + version + "\", \"kind\": \"" + kind + "\", \"devices\": [");
    for (int i = 0; i < devices.length; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"name\": \"")
          .append(devices[i])
          .append("\", \"containerEdits\": {\"env\": [\"DEV_")
          .append(devices[i])
          .append("=1\"]}}");
    }
    return b.append("], \"containerEdits\": {\"env\": [\"SPEC_" + kind.replaceAll("[^a-z]", "_") + "=1\"]}}").toString();
  }

  @BeforeEach
  void setUp() throws IOException {
    etc = Files.createDirectories(tmp.resolve("etc"));
    run = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(etc.resolve("gpu.json"), spec("vendor.com/gpu", "0.3.0", "g1", "g2"));
    Files.writeString(run.resolve("nic.json"), spec("other.org/nic", "0.3.0", "n1"));
    Files.writeString(run.resolve("gpu2.json"), spec("vendor.com/fpga", "0.3.0", "f1"));
    config = tmp.resolve("config.json");
    Files.writeString(config, "{\"ociVersion\": \"1.0.2\", \"x-unknown\": {\"b\": 1, \"a\": [1.0, 2]}, \"process\": {\"env\": [\"PATH=/bin\"], \"cwd\": \"/\"}}");
  }

  private CliRun cdi(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--spec-dir";
    all[1] = etc.toString();
    all[2] = "--spec-dir";
    all[3] = run.toString();
    System.arraycopy(args, 0, all, 4, args.length);
    return CliRun.run(all);
  }

  @Test
  void devicesListsEveryQualifiedNameSorted() {
    CliRun r = cdi("devices");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("other.org/nic=n1\nvendor.com/fpga=f1\nvendor.com/gpu=g1\nvendor.com/gpu=g2\n");
  }

  @Test
  void specDirMayFollowTheCommand() {
    CliRun r = CliRun.run("devices", "--spec-dir", etc.toString());
    assertThat(r.out()).isEqualTo("vendor.com/gpu=g1\nvendor.com/gpu=g2\n");
  }

  @Test
  void specDirsComeFromTheEnvironmentWhenNotGiven() {
    CliRun r = CliRun.run(Map.of("CDI_SPEC_DIRS", etc + ":" + run), "vendors");
    assertThat(r.out()).isEqualTo("other.org\nvendor.com\n");
  }

  @Test
  void classesAreDeduplicatedAndSorted() {
    assertThat(cdi("classes").out()).isEqualTo("fpga\ngpu\nnic\n");
  }

  @Test
  void specsOfOneVendorListOnlyThatVendor() {
    CliRun r = cdi("specs", "other.org");
    assertThat(r.out()).isEqualTo(run.resolve("nic.json") + "\n");
  }

  @Test
  void dirsListsTheDirectoriesInPriorityOrder() throws IOException {
    CliRun r = cdi("dirs", "--output", "json");
    JsonNode dirs = JSON.readTree(r.out());
    assertThat(dirs).hasSize(2);
    assertThat(dirs.get(0).get("dir").asText()).isEqualTo(etc.toString());
    assertThat(dirs.get(1).get("priority").asInt()).isEqualTo(1);
  }

  @Test
  void devicesAsJsonAndYaml() throws IOException {
    JsonNode devices = JSON.readTree(cdi("devices", "--output", "json").out());
    assertThat(devices.get(0).get("name").asText()).isEqualTo("other.org/nic=n1");
    assertThat(devices.get(0).get("spec").asText()).isEqualTo(run.resolve("nic.json").toString());
    assertThat(cdi("devices", "--output", "yaml").out()).startsWith("---\n- name: other.org/nic=n1\n");
  }

  @Test
  void specErrorsGoToStderrAndListingsStayClean() throws IOException {
    Files.writeString(run.resolve("broken.json"), "{");
    CliRun r = cdi("devices");
    assertThat(r.status()).isZero();
    assertThat(r.out()).doesNotContain("broken");
    assertThat(r.err()).contains("broken.json");
  }

  @Test
  void injectPrintsOnlyTheUpdatedConfigAndKeepsEveryOtherField() throws IOException {
    CliRun r = cdi("inject", config.toString(), "vendor.com/gpu=g1", "other.org/nic=n1", "vendor.com/gpu=g2");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode out = JSON.readTree(r.out());
    assertThat(out.get("process").get("env"))
        .extracting(JsonNode::asText)
        .containsExactly("PATH=/bin", "SPEC_other_org_nic=1", "DEV_n1=1", "SPEC_vendor_com_gpu=1", "DEV_g1=1", "DEV_g2=1");
    assertThat(r.out()).contains("\"x-unknown\": {\n    \"b\": 1,\n    \"a\": [\n      1.0,");
    assertThat(List.copyOf(iterable(out.fieldNames()))).containsExactly("ociVersion", "x-unknown", "process");
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> l = new java.util.ArrayList<>();
    it.forEachRemaining(l::add);
    return l;
  }

  @Test
  void injectWithUnresolvedDevicesFailsNamingAllAndPrintsNothing() throws IOException {
    String before = Files.readString(config);
    CliRun r = cdi("inject", "--in-place", config.toString(), "vendor.com/gpu=g1", "vendor.com/gpu=nope", "x.org/y=z");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("vendor.com/gpu=nope").contains("x.org/y=z").doesNotContain("device vendor.com/gpu=g1");
    assertThat(Files.readString(config)).isEqualTo(before);
  }

  @Test
  void injectInPlaceReplacesTheConfigAtomicallyKeepingItsMode() throws IOException {
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
    CliRun r = cdi("inject", "--in-place", config.toString(), "vendor.com/fpga=f1");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(config)).contains("DEV_f1=1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-r-----");
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("etc", "run", "config.json");
    }
  }

  @Test
  void injectToAnOutputFile() throws IOException {
    Path out = tmp.resolve("out.json");
    CliRun r = cdi("inject", "-o", out.toString(), config.toString(), "vendor.com/fpga=f1");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(out)).contains("DEV_f1=1");
  }

  @Test
  void injectExpandsGlobPatterns() throws IOException {
    CliRun r = cdi("inject", config.toString(), "vendor.com/gpu=*");
    assertThat(r.status()).isZero();
    assertThat(JSON.readTree(r.out()).get("process").get("env")).extracting(JsonNode::asText).contains("DEV_g1=1", "DEV_g2=1");
  }

  @Test
  void injectAppliesTheMatchesOnceEachInSortedOrderAsTheReferenceDoes() throws IOException {
    CliRun r = cdi("inject", config.toString(), "vendor.com/gpu=g2", "other.org/nic=n1", "vendor.com/gpu=*", "vendor.com/gpu=g2");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(JSON.readTree(r.out()).get("process").get("env")).extracting(JsonNode::asText)
        .containsExactly("PATH=/bin", "SPEC_other_org_nic=1", "DEV_n1=1", "SPEC_vendor_com_gpu=1", "DEV_g1=1", "DEV_g2=1");
  }

  @Test
  void patternsFollowGoFilepathMatch() throws Glob.BadPatternException {
    List<String> known = List.of("a.com/x=dev", "a.com/x=dev2", "a.com/y=d:1", "b.org/x=dev");
    assertThat(InjectCommand.expand(known, List.of("a.com/x=[d]ev"))).containsExactly("a.com/x=dev");
    assertThat(InjectCommand.expand(known, List.of("a.com/x=de\\v"))).containsExactly("a.com/x=dev");
    assertThat(InjectCommand.expand(known, List.of("a.com/x=dev?"))).containsExactly("a.com/x=dev2");
    assertThat(InjectCommand.expand(known, List.of("*/x=dev"))).containsExactly("a.com/x=dev", "b.org/x=dev");
    assertThat(InjectCommand.expand(known, List.of("a.com/[^x]=*"))).containsExactly("a.com/y=d:1");
    assertThat(InjectCommand.expand(known, List.of("a.com/[w-y]=d*"))).containsExactly("a.com/x=dev", "a.com/x=dev2", "a.com/y=d:1");
    // * and ? stop at '/', so they never reach across the vendor and class: these match nothing
    assertThat(InjectCommand.expand(known, List.of("*"))).containsExactly("*");
    assertThat(InjectCommand.expand(known, List.of("a.com*"))).containsExactly("a.com*");
    // Go reads a reversed range as empty: [z-a] matches nothing, [^z-a] any one character
    assertThat(InjectCommand.expand(known, List.of("a.com/x=de[z-a]"))).containsExactly("a.com/x=de[z-a]");
    assertThat(InjectCommand.expand(known, List.of("a.com/x=de[^z-a]"))).containsExactly("a.com/x=dev");
    assertThat(InjectCommand.expand(known, List.of("a.com/x=de[z-av]"))).containsExactly("a.com/x=dev");
    // a plain name matches only itself, whatever its length; only patterns are bounded
    String longName = "a.com/x=" + "d".repeat(5_000);
    assertThat(InjectCommand.expand(List.of(longName), List.of(longName))).containsExactly(longName);
    assertThat(InjectCommand.expand(known, List.of(longName))).containsExactly(longName);
    // a malformed pattern matches nothing and is reported as it was given
    assertThat(InjectCommand.expand(known, List.of("a.com/x=[dev", "a.com/x=dev\\"))).containsExactly("a.com/x=[dev", "a.com/x=dev\\");
  }

  @Test
  void backtrackingPatternsFinishAndOverlongOnesAreRefused() {
    // A regex-based glob took exponential time here; Go's chunk matching is bounded.
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
      CliRun r = cdi("inject", config.toString(), "vendor.com/r=*a*a*a*a*a*a*a*ab");
      assertThat(r.status()).isEqualTo(1);
      assertThat(r.err()).contains("cdi: unresolved CDI device vendor.com/r=*a*a*a*a*a*a*a*ab");
      CliRun stars = cdi("inject", config.toString(), "*".repeat(20_000));
      assertThat(stars.status()).isEqualTo(2);
      assertThat(stars.out()).isEmpty();
      assertThat(stars.err()).contains("cdi: invalid device pattern").contains("longer than 4096 characters (20000)");
      assertThat(stars.err().length()).isLessThan(300);
    });
  }

  @Test
  void allowHookRefusesDevicesWhoseHooksRunOtherProgramsNamingSpecDeviceAndHook() throws IOException {
    Path spec = Files.writeString(etc.resolve("hooked.json"), "{\"cdiVersion\": \"0.3.0\", \"kind\": \"vendor.com/hooked\","
        + " \"devices\": [{\"name\": \"h\", \"containerEdits\": {\"hooks\": [{\"hookName\": \"createContainer\", \"path\": \"/tmp/evil\"}]}}]}");
    CliRun refused = cdi("inject", "--allow-hook", "/usr/bin/*", "--allow-hook", "/opt/vendor/**", config.toString(),
        "vendor.com/gpu=g1", "vendor.com/hooked=h");
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err()).isEqualTo("cdi: device vendor.com/hooked=h (" + spec + "): createContainer hook \"/tmp/evil\""
        + " is not allowed: no allowed hook glob matches it\n");

    CliRun allowed = cdi("inject", "--allow-hook", "/tmp/*", config.toString(), "vendor.com/hooked=h");
    assertThat(allowed.status()).as(allowed.err()).isZero();
    assertThat(allowed.out()).contains("/tmp/evil");
    // without the option every hook is allowed, as the reference
    assertThat(cdi("inject", config.toString(), "vendor.com/hooked=h").status()).isZero();
    // a device without hooks is never refused
    assertThat(cdi("inject", "--allow-hook", "/usr/bin/*", config.toString(), "vendor.com/gpu=g1").status()).isZero();
  }

  @Test
  void aBadAllowHookGlobIsAUsageError() {
    CliRun r = cdi("inject", "--allow-hook", "usr/bin/*", config.toString(), "vendor.com/gpu=g1");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("--allow-hook: invalid hook glob \"usr/bin/*\": it must be an absolute path pattern");
  }

  @Test
  void injectInPlaceAndOutputFileAreAUsageError() {
    CliRun r = cdi("inject", "--in-place", "-o", "x", config.toString(), "vendor.com/gpu=g1");
    assertThat(r.status()).isEqualTo(2);
  }

  @Test
  void injectIntoAMalformedConfigFailsCleanly() throws IOException {
    Files.writeString(config, "{\"process\": ");
    CliRun r = cdi("inject", config.toString(), "vendor.com/gpu=g1");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void everyCommandTakesHelp() {
    for (String command : List.of("devices", "vendors", "classes", "specs", "dirs", "inject", "resolve", "monitor", "validate", "version", "completion", "man")) {
      for (String flag : List.of("--help", "-h")) {
        CliRun r = CliRun.run(command, flag);
        assertThat(r.status()).as(command + " " + flag + ": " + r.err()).isZero();
        assertThat(r.out()).startsWith("Usage: cdi " + command);
      }
    }
  }

  @Test
  void specDirsBeforeAndAfterTheCommandAreAllUsedInOrder() {
    CliRun r = CliRun.run("-d", etc.toString(), "dirs", "-d", run.toString(), "--spec-dir=" + tmp.resolve("x"));
    assertThat(r.status()).isZero();
    assertThat(r.out().lines()).containsExactly(etc.toString(), run.toString(), tmp.resolve("x").toString());
    assertThat(CliRun.run("-d", run.toString(), "devices", "-d", etc.toString()).out().lines())
        .contains("other.org/nic=n1", "vendor.com/gpu=g1");
  }

  @Test
  void anEmptySpecDirIsAUsageError() {
    CliRun r = CliRun.run("-d", "", "dirs", "-d", etc.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("--spec-dir: a directory name cannot be empty\n");
  }

  @Test
  void aConfigThatCannotBeReadIsNamedWithTheReason() throws IOException {
    CliRun dir = cdi("inject", tmp.toString(), "vendor.com/gpu=g1");
    assertThat(dir.status()).isEqualTo(1);
    assertThat(dir.err()).isEqualTo("cdi: " + tmp + ": is a directory\n");
    CliRun missing = cdi("inject", tmp.resolve("none.json").toString(), "vendor.com/gpu=g1");
    assertThat(missing.err()).isEqualTo("cdi: " + tmp.resolve("none.json") + ": no such file or directory\n");
  }

  @Test
  void anEndlessConfigEndsInAnErrorNotAStackTrace() {
    CliRun r = cdi("inject", "/dev/zero", "vendor.com/gpu=g1");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("cdi: /dev/zero:1:1: config larger than the limit of 67108864 bytes\n");
  }

  @Test
  void anOutputFileThatCannotBeWrittenIsNamedWithTheReason() {
    Path out = tmp.resolve("no/such/dir/out.json");
    CliRun r = cdi("inject", "-o", out.toString(), config.toString(), "vendor.com/gpu=g1");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("cdi: cannot write " + out + ": no such file or directory\n");
    CliRun dir = cdi("inject", "-o", tmp.toString(), config.toString(), "vendor.com/gpu=g1");
    assertThat(dir.err()).startsWith("cdi: cannot write " + tmp + ": ").doesNotContain(".tmp");
  }

  @Test
  void inPlaceThroughASymlinkChangesTheTargetAndKeepsTheLink() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("link.json"), config.getFileName());
    CliRun r = cdi("inject", "--in-place", link.toString(), "vendor.com/gpu=g1");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(config)).contains("DEV_g1=1");
  }

  @Test
  void anOutputFileThatIsADanglingLinkCreatesItsTarget() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("out.json"), Path.of("made.json"));
    CliRun r = cdi("inject", "-o", link.toString(), config.toString(), "vendor.com/gpu=g1");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(tmp.resolve("made.json"))).contains("DEV_g1=1");
  }

  @Test
  void warningsNameThePathOnce() throws IOException {
    Files.writeString(run.resolve("bad.json"), "{");
    CliRun r = cdi("devices");
    assertThat(r.err().lines()).singleElement().asString().startsWith("cdi: warning: " + run.resolve("bad.json") + ":1:")
        .doesNotContain(run.resolve("bad.json") + ": " + run.resolve("bad.json"));
    CliRun dirs = cdi("dirs", "--output", "json");
    assertThat(dirs.out()).contains("\"" + run.resolve("bad.json") + ":1:").doesNotContain(run.resolve("bad.json") + ": " + run.resolve("bad.json"));
  }

  @Test
  void manPageDescribesEachCommandOnce() {
    List<String> sections = CliRun.run("man").out().lines().filter(l -> l.startsWith(".SS ")).toList();
    assertThat(sections).doesNotHaveDuplicates().anyMatch(l -> l.startsWith(".SS inject")).hasSize(18);
  }

  @Test
  void resolveInjectsDevicesNamedInLinuxDevicesAndAnnotations() throws IOException {
    Files.writeString(
        config,
        "{\"annotations\": {\"cdi.k8s.io/plugin_dev\": \"vendor.com/gpu=g1\"}, \"linux\": {\"devices\": ["
            + "{\"path\": \"other.org/nic=n1\"}, {\"path\": \"/dev/null\", \"type\": \"c\", \"major\": 1, \"minor\": 3}]}}");
    CliRun r = cdi("resolve", config.toString());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode out = JSON.readTree(r.out());
    assertThat(out.get("process").get("env")).extracting(JsonNode::asText).contains("DEV_g1=1", "DEV_n1=1");
    assertThat(out.get("linux").get("devices")).extracting(d -> d.get("path").asText()).containsExactly("/dev/null");
  }

  @Test
  void resolveFailsOnAnUnresolvableRequest() throws IOException {
    Files.writeString(config, "{\"linux\": {\"devices\": [{\"path\": \"other.org/nic=zz\"}]}}");
    CliRun r = cdi("resolve", config.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("other.org/nic=zz");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void resolveHonoursAllowHookToo() throws IOException {
    Path spec = Files.writeString(etc.resolve("hooked.json"), "{\"cdiVersion\": \"0.3.0\", \"kind\": \"vendor.com/hooked\","
        + " \"containerEdits\": {\"hooks\": [{\"hookName\": \"poststop\", \"path\": \"/usr/local/bin/cleanup\"}]},"
        + " \"devices\": [{\"name\": \"h\", \"containerEdits\": {\"env\": [\"H=1\"]}}]}");
    Files.writeString(config, "{\"annotations\": {\"cdi.k8s.io/plugin\": \"vendor.com/hooked=h\"}}");
    CliRun refused = cdi("resolve", "--allow-hook", "/usr/bin/*", config.toString());
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err()).isEqualTo("cdi: device vendor.com/hooked=h (" + spec + "): poststop hook \"/usr/local/bin/cleanup\""
        + " is not allowed: no allowed hook glob matches it\n");
    CliRun allowed = cdi("resolve", "--allow-hook", "/usr/local/**", config.toString());
    assertThat(allowed.status()).as(allowed.err()).isZero();
    assertThat(allowed.out()).contains("/usr/local/bin/cleanup");
  }
}
