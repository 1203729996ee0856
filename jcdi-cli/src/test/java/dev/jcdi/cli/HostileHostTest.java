package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tool on hostile hosts, as a separate process where the host is the point (locales, full
 * disks, closed pipes, /dev/full), in-process otherwise: special files are never replaced, a failed
 * write is a failure, file names are bytes, and stderr speaks with one voice.
 */
class HostileHostTest {
  @TempDir Path tmp;
  Path specs;
  Path config;

  private static final String SPEC =
      "{\"cdiVersion\": \"0.3.0\", \"kind\": \"vendor.com/gpu\", \"devices\": [{\"name\": \"NAME\", \"containerEdits\": {\"env\": [\"DEV_NAME=1\"]}}]}";

  private static String spec(String device) {
    return SPEC.replace("NAME", device);
  }

  @BeforeEach
  void setUp() throws IOException {
    specs = Files.createDirectories(tmp.resolve("cdi"));
    Files.writeString(specs.resolve("gpu.json"), spec("g1"));
    config = Files.writeString(tmp.resolve("config.json"), "{\"ociVersion\": \"1.0.2\", \"process\": {\"env\": [\"PATH=/bin\"], \"cwd\": \"/\"}}");
  }

  // ---- helpers ----

  record Result(int status, String out, String err) {}

  private static int sh(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  /** The tool as a process of its own, under {@code env} (LANG, LC_ALL and LC_CTYPE removed first). */
  private static ProcessBuilder process(Map<String, String> env, List<String> prefix, String... args) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Cdi.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("LC_ALL");
    pb.environment().remove("LC_CTYPE");
    pb.environment().remove("LANG");
    pb.environment().remove("CDI_SPEC_DIRS");
    pb.environment().putAll(env);
    return pb;
  }

  private static Result finish(Process p) throws Exception {
    CompletableFuture<String> out = p.getOutputStream() == null ? null : read(p.getInputStream());
    CompletableFuture<String> err = read(p.getErrorStream());
    p.getOutputStream().close();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the tool ends").isTrue();
    return new Result(p.exitValue(), out.get(), err.get());
  }

  private static CompletableFuture<String> read(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }

  private Result runProcess(Map<String, String> env, String... args) throws Exception {
    return finish(process(env, List.of(), args).start());
  }

  private CliRun cdi(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--spec-dir";
    all[1] = specs.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.run(all);
  }

  private List<String> entries(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  // ---- 1. never replace what is not a regular file ----

  @Test
  void anOutputThatIsACharacterDeviceIsWrittenIntoNotReplaced() throws Exception {
    Path dev = tmp.resolve("null");
    assumeTrue(sh("mknod '" + dev + "' c 1 3") == 0, "mknod needs root");
    CliRun r = cdi("inject", "-o", dev.toString(), config.toString(), "vendor.com/gpu=g1");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat((Integer) Files.getAttribute(dev, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000).isEqualTo(0020000);
    CliRun devNull = cdi("inject", "-o", "/dev/null", config.toString(), "vendor.com/gpu=g1");
    assertThat(devNull.status()).as(devNull.err()).isZero();
    assertThat((Integer) Files.getAttribute(Path.of("/dev/null"), "unix:mode") & 0170000).isEqualTo(0020000);
  }

  @Test
  void anOutputThatIsAFifoIsStreamed() throws Exception {
    Path fifo = tmp.resolve("fifo");
    assumeTrue(sh("mkfifo '" + fifo + "'") == 0);
    CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readString(fifo);
      } catch (IOException e) {
        return "<" + e + ">";
      }
    });
    CliRun r = cdi("inject", "-o", fifo.toString(), config.toString(), "vendor.com/gpu=g1");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(reader.get(60, TimeUnit.SECONDS)).contains("DEV_g1=1");
    assertThat(Files.isRegularFile(fifo)).isFalse();
  }

  @Test
  void anOutputThatIsADirectoryOrALoopIsRefusedAndLeftAlone() throws IOException {
    CliRun dir = cdi("inject", "-o", specs.toString(), config.toString(), "vendor.com/gpu=g1");
    assertThat(dir.status()).isEqualTo(1);
    assertThat(dir.err()).isEqualTo("cdi: cannot write " + specs + ": not a regular file\n");
    Path a = Files.createSymbolicLink(tmp.resolve("a.json"), Path.of("b.json"));
    Files.createSymbolicLink(tmp.resolve("b.json"), Path.of("a.json"));
    CliRun loop = cdi("inject", "-o", a.toString(), config.toString(), "vendor.com/gpu=g1");
    assertThat(loop.status()).isEqualTo(1);
    assertThat(loop.err()).isEqualTo("cdi: cannot write " + a + ": too many levels of symbolic links\n");
    assertThat(Files.isSymbolicLink(a)).isTrue();
    assertThat(entries(tmp)).containsExactly("a.json", "b.json", "cdi", "config.json");
  }

  @Test
  void inPlaceKeepsModeOwnerAndGroup() throws IOException {
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    boolean root = Integer.valueOf(0).equals(Files.getAttribute(config, "unix:uid"));
    if (root) {
      Files.setAttribute(config, "unix:uid", 1234);
      Files.setAttribute(config, "unix:gid", 5678);
    }
    CliRun r = cdi("inject", "--in-place", config.toString(), "vendor.com/gpu=g1");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(Files.readString(config)).contains("DEV_g1=1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
    if (root) {
      assertThat(Files.getAttribute(config, "unix:uid")).isEqualTo(1234);
      assertThat(Files.getAttribute(config, "unix:gid")).isEqualTo(5678);
    }
  }

  @Test
  void anOutputNameOfTheLongestLegalLengthWorks() throws IOException {
    Path out = tmp.resolve("o".repeat(250) + ".json");
    CliRun r = cdi("inject", "-o", out.toString(), config.toString(), "vendor.com/gpu=g1");
    assertThat(r.status()).as(r.err()).isZero();
    CliRun again = cdi("inject", "--in-place", out.toString(), "vendor.com/gpu=g1");
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(Files.readString(out)).contains("DEV_g1=1");
  }

  @Test
  void staleTempFilesAreNeitherLoadedNorValidatedAndTheNextWriteRemovesThem() throws Exception {
    Path target = specs.resolve("vendor.com-gpu.json");
    Path stale = specs.resolve(dev.jcdi.spec.internal.AtomicFiles.tempPrefix(target) + "999999-dead");
    Files.writeString(stale, spec("half"));
    CliRun devices = cdi("devices");
    assertThat(devices.out()).isEqualTo("vendor.com/gpu=g1\n");
    assertThat(devices.err()).isEmpty();
    assertThat(cdi("validate").err()).isEqualTo("cdi validate: 1 file, 0 errors, 0 warnings\n");
    dev.jcdi.spec.SpecFiles.write(specs, dev.jcdi.spec.SpecReader.standard().parse(
        spec("g2").replace("vendor.com/gpu", "vendor.com/gpu").getBytes(StandardCharsets.UTF_8),
        dev.jcdi.spec.SpecFormat.JSON, "x").spec(), dev.jcdi.spec.SpecFiles.WriteOptions.DEFAULT.withFileName("vendor.com-gpu.json"));
    assertThat(stale).doesNotExist();
  }

  @Test
  void stdoutOnAPipeCanBeNamedAsTheOutputFile() throws Exception {
    Result r = runProcess(Map.of("LANG", "C.UTF-8"), "-d", specs.toString(), "inject", "-o", "/dev/stdout", config.toString(), "vendor.com/gpu=g1");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("DEV_g1=1");
  }

  // ---- 2. a failed write is a failure ----

  @Test
  void outputToDevFullIsAWriteError() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/full")));
    for (String[] args : List.of(
        new String[] {"-d", specs.toString(), "inject", config.toString(), "vendor.com/gpu=g1"},
        new String[] {"-d", specs.toString(), "devices"},
        new String[] {"version"})) {
      Process p = process(Map.of("LANG", "C.UTF-8"), List.of(), args).redirectOutput(new java.io.File("/dev/full")).start();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(err).isEqualTo("cdi: write error: no space left on device\n");
    }
    CliRun file = cdi("inject", "-o", "/dev/full", config.toString(), "vendor.com/gpu=g1");
    assertThat(file.status()).isEqualTo(1);
    assertThat(file.err()).isEqualTo("cdi: cannot write /dev/full: no space left on device\n");
  }

  @Test
  void aFullFileSystemIsAWriteErrorAndLeavesNoTempFile() throws Exception {
    Path mnt = Files.createDirectory(tmp.resolve("small"));
    assumeTrue(sh("mount -t tmpfs -o size=64k tmpfs '" + mnt + "'") == 0, "mounting a tmpfs needs root");
    try {
      sh("dd if=/dev/zero of='" + mnt + "/filler' bs=4k 2>/dev/null; sync");
      Process p = process(Map.of("LANG", "C.UTF-8"), List.of(), "-d", specs.toString(), "inject", config.toString(), "vendor.com/gpu=g1")
          .redirectOutput(mnt.resolve("out.json").toFile()).start();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(1);
      assertThat(err).isEqualTo("cdi: write error: no space left on device\n");
      Files.delete(mnt.resolve("out.json"));
      Path out = mnt.resolve("config.json");
      CliRun r = cdi("inject", "-o", out.toString(), config.toString(), "vendor.com/gpu=g1");
      assertThat(r.status()).isEqualTo(1);
      assertThat(r.err()).isEqualTo("cdi: cannot write " + out + ": no space left on device\n");
      assertThat(entries(mnt)).containsExactly("filler");
    } finally {
      sh("umount '" + mnt + "'");
    }
  }

  @Test
  void aClosedPipeEndsAListingQuietlyButFailsAConfig() throws Exception {
    for (int i = 0; i < 3000; i++) { // more than a pipe holds
      Files.writeString(specs.resolve("s" + i + ".json"), spec("d" + i).replace("vendor.com/gpu", "vendor.com/c" + i));
    }
    Process listing = process(Map.of("LANG", "C.UTF-8"), List.of(), "-d", specs.toString(), "devices").start();
    listing.getInputStream().close();
    Result l = finish(listing);
    assertThat(l.status()).isZero();
    assertThat(l.err()).isEmpty();
    Process inject = process(Map.of("LANG", "C.UTF-8"), List.of(), "-d", specs.toString(), "inject", config.toString(), "vendor.com/gpu=g1").start();
    inject.getInputStream().close();
    Result i = finish(inject);
    assertThat(i.status()).isEqualTo(1);
    assertThat(i.err()).isEqualTo("cdi: write error: broken pipe\n");
  }

  // ---- 3. file names are bytes ----

  /** A spec dir with a valid UTF-8 non-ASCII name, an invalid UTF-8 name and a plain one, made by the shell. */
  private Path oddNames() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("odd"));
    Files.writeString(dir.resolve("plain.json"), spec("plain"));
    Files.writeString(dir.resolve("cafe.tmpl"), spec("cafe"));
    Files.writeString(dir.resolve("bad.tmpl"), spec("bad"));
    assertThat(sh("cd '" + dir + "' && mv cafe.tmpl \"$(printf 'caf\\303\\251.json')\" && mv bad.tmpl \"$(printf 'bad\\377.json')\"")).isZero();
    return dir;
  }

  @ParameterizedTest
  @ValueSource(strings = {"C", "POSIX", "C.UTF-8"})
  void aNameTheJvmCannotRepresentIsOneErrorForThatFile(String lang) throws Exception {
    Path dir = oddNames();
    boolean utf8 = lang.equals("C.UTF-8");
    Result devices = runProcess(Map.of("LANG", lang), "-d", dir.toString(), "devices");
    assertThat(devices.status()).as(devices.err()).isZero();
    assertThat(devices.out()).isEqualTo(utf8 ? "vendor.com/gpu=cafe\nvendor.com/gpu=plain\n" : "vendor.com/gpu=plain\n");
    List<String> warnings = devices.err().lines().toList();
    assertThat(warnings).hasSize(utf8 ? 1 : 2).allMatch(w -> w.startsWith("cdi: warning: " + dir + "/"));
    assertThat(devices.err()).contains("file name \"bad\\xff.json\" is not valid in the file name encoding ");
    if (!utf8) {
      assertThat(devices.err()).contains("file name \"caf\\xc3\\xa9.json\" is not valid").contains("LC_ALL=C.UTF-8");
    }
    Result validate = runProcess(Map.of("LANG", lang), "validate", dir.toString());
    assertThat(validate.status()).isEqualTo(1);
    assertThat(validate.out()).contains("file name \"bad\\xff.json\" is not valid");
    assertThat(validate.out().lines().count()).isEqualTo(utf8 ? 1 : 2);
    assertThat(validate.err()).isEqualTo("cdi validate: 3 files, " + (utf8 ? "1 error" : "2 errors") + ", 0 warnings\n");
  }

  @Test
  void monitorUnderTheCLocaleReportsUnrepresentableNamesAsSpecErrorsWithoutAStackTrace() throws Exception {
    Path dir = oddNames();
    Process p = process(Map.of("LANG", "C"), List.of(), "-d", dir.toString(), "monitor", "--list").start();
    CompletableFuture<String> err = read(p.getErrorStream());
    try {
      java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        lines.add(out.readLine());
      }
      assertThat(lines).anyMatch(l -> l.startsWith("device-added vendor.com/gpu=plain"));
      assertThat(lines).filteredOn(l -> l.startsWith("spec-error ")).hasSize(2);
      assertThat(sh("cd '" + dir + "' && printf '%s' '" + spec("late") + "' > \"$(printf 'late\\376.json')\"")).isZero();
      String late = out.readLine();
      assertThat(late).startsWith("spec-error ").contains("file name \"late\\xfe.json\" is not valid");
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(err.get(30, TimeUnit.SECONDS)).doesNotContain("Exception").doesNotContain("\tat ");
  }

  // ---- 6. one voice on stderr ----

  @Test
  void libraryWarningsSpeakAsTheTool() throws IOException {
    Path rdt = Files.writeString(specs.resolve("rdt.json"),
        "{\"cdiVersion\": \"0.7.0\", \"kind\": \"vendor.com/rdt\", \"devices\": [{\"name\": \"r\", \"containerEdits\": {\"env\": [\"A=1\"]}}],"
            + " \"containerEdits\": {\"intelRdt\": {\"closID\": \"c\", \"enableCMT\": true}}}");
    CliRun r = cdi("devices");
    assertThat(r.status()).isZero();
    assertThat(r.err()).startsWith("cdi: warning: " + rdt + ":").contains("enableCMT").doesNotContain("WARNING").doesNotContain(": warning: \"enableCMT").hasLineCount(1);
  }

  @Test
  void theRegistryAndValidateGiveOneReasonForALoopOfLinks() throws IOException {
    Files.createSymbolicLink(specs.resolve("loop.json"), Path.of("loop.json"));
    CliRun devices = cdi("devices");
    CliRun validate = cdi("validate");
    Path loop = specs.resolve("loop.json");
    assertThat(devices.err()).isEqualTo("cdi: warning: " + loop + ": failed to read spec file: too many levels of symbolic links\n");
    assertThat(validate.out()).isEqualTo(loop + ":1:1: failed to read spec file: too many levels of symbolic links\n");
  }

  @Test
  void theRegistryAndValidateGiveOneReasonForAnUnsearchableDirectory() throws Exception {
    assumeTrue(sh("command -v setpriv") == 0, "setpriv drops root for the test");
    Path dir = Files.createDirectories(tmp.resolve("locked"));
    Files.writeString(dir.resolve("a.json"), spec("a"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rw-r--r--")); // listable, not searchable
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> asNobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
    String classPath = readableCopyOfTheClassPath(Files.createDirectory(tmp.resolve("cp")));
    ProcessBuilder devicesPb = process(Map.of("LANG", "C.UTF-8"), asNobody, "-d", dir.toString(), "devices");
    ProcessBuilder validatePb = process(Map.of("LANG", "C.UTF-8"), asNobody, "-d", dir.toString(), "validate");
    for (ProcessBuilder pb : List.of(devicesPb, validatePb)) {
      pb.command().set(pb.command().indexOf("-cp") + 1, classPath);
    }
    Result devices = finish(devicesPb.start());
    Result validate = finish(validatePb.start());
    assumeTrue(!devices.err().contains("setpriv:"), devices.err());
    Path a = dir.resolve("a.json");
    assertThat(devices.err()).isEqualTo("cdi: warning: " + a + ": failed to read spec file: permission denied\n");
    assertThat(validate.out()).isEqualTo(a + ":1:1: failed to read spec file: permission denied\n");
  }

  /** Copies the class path where another user can read it (the Maven repository is root's). */
  private static String readableCopyOfTheClassPath(Path into) throws IOException {
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path from = Path.of(e);
      if (!Files.exists(from)) {
        continue;
      }
      Path to = into.resolve(String.valueOf(n++) + (Files.isDirectory(from) ? "" : ".jar"));
      try (var all = Files.walk(from)) {
        for (Path p : (Iterable<Path>) all::iterator) {
          Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
      }
      entries.add(to.toString());
    }
    try (var all = Files.walk(into)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  @Test
  void messagesNeverEchoHugeNumbersOrJacksonInternals() throws IOException {
    String digits = "9".repeat(400);
    Files.writeString(specs.resolve("gpu.json"), spec("g1").replace("\"0.3.0\"", "\"" + digits + ".0.0\""));
    Files.writeString(specs.resolve("node.json"), "{\"cdiVersion\": \"0.3.0\", \"kind\": \"vendor.com/n\", \"devices\": [{\"name\": \"n\","
        + " \"containerEdits\": {\"deviceNodes\": [{\"path\": \"/dev/n\", \"major\": 1e400}]}}]}");
    CliRun validate = cdi("validate");
    CliRun devices = cdi("devices");
    Files.writeString(config, "{\"ociVersion\": \"1.0.2\", \"linux\": {\"devices\": [{\"path\": \"/dev/x\", \"type\": \"c\", \"major\": " + digits + "}]}}");
    CliRun bigInConfig = cdi("inject", config.toString(), "vendor.com/gpu=g1");
    Files.writeString(config, "{\"ociVersion\": \"1.0.2\", \"process\": {\"user\": {\"uid\": " + "9".repeat(2000) + "}}}");
    CliRun jackson = cdi("inject", config.toString(), "vendor.com/gpu=g1");
    Files.writeString(config, "{\"ociVersion\": \"1.0.2\",, }");
    CliRun syntax = cdi("inject", config.toString(), "vendor.com/gpu=g1");
    for (CliRun r : List.of(validate, devices, bigInConfig, jackson, syntax)) {
      String all = r.out() + r.err();
      assertThat(all).doesNotContain("9".repeat(41)).doesNotContain("0".repeat(41))
          .doesNotContain("StreamReadConstraints").doesNotContain("com.fasterxml").doesNotContain("(code ")
          .doesNotContain("null").doesNotContain("Version{").doesNotContain("Exception");
    }
    assertThat(validate.out()).contains("invalid version \"99999999999999999999... (404 characters)\"");
    assertThat(bigInConfig.status()).isEqualTo(1);
    assertThat(jackson.status()).isEqualTo(1);
    assertThat(jackson.err()).contains("invalid JSON: Number value length (2000) exceeds the maximum allowed (1000)");
    assertThat(syntax.err()).contains("invalid JSON: ");
  }

  @Test
  void aMissingSpecDirWarnsOnce() {
    Path missing = tmp.resolve("nowhere");
    CliRun r = CliRun.run("-d", missing.toString(), "devices", "-d", missing.toString());
    assertThat(r.status()).isZero();
    assertThat(r.err()).isEqualTo("cdi: warning: " + missing + ": no such spec directory\n");
  }

  @Test
  void specsOfAnUnknownVendorFail() {
    CliRun r = cdi("specs", "vendor.com", "nobody.org");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEqualTo(specs.resolve("gpu.json") + "\n");
    assertThat(r.err()).isEqualTo("cdi: no specs of vendor \"nobody.org\"\n");
  }

  @Test
  void aBadAnnotationInResolveIsNamedByItsKey() throws IOException {
    Files.writeString(config, "{\"ociVersion\": \"1.0.2\", \"annotations\": {\"cdi.k8s.io/ok\": \"vendor.com/gpu=g1\", \"cdi.k8s.io/x\": \"vendor.com/gpu=g1,\"}}");
    CliRun r = cdi("resolve", config.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("cdi: " + config + ": annotation \"cdi.k8s.io/x\": invalid CDI device name \"\"\n");
  }
}
