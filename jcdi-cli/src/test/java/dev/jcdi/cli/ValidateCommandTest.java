package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidateCommandTest {
  @TempDir Path dir;

  private static final Path EXAMPLES = findExamples();

  /** The repository's examples/ folder, found above the working directory. */
  static Path findExamples() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("examples/cdi"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("examples/cdi not found above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("examples");
  }

  private Path file(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  private static void assertNoStackTrace(CliRun r) {
    assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void bundledExamplesAreValid() {
    CliRun r = CliRun.run("validate", EXAMPLES.resolve("cdi").toString());
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("3 files, 0 errors");
  }

  @Test
  void readmeAnnotationsExampleFailsExactlyWhereTheCommaIsMissing() {
    Path f = EXAMPLES.resolve("invalid/vendor-annotations.json");
    CliRun r = CliRun.run("validate", f.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEqualTo(f + ":9:9: invalid JSON: expected ',' or '}' after an object entry\n");
    assertNoStackTrace(r);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          bad-syntax.json   | {"cdiVersion": "0.3.0",,}                                   | 1:24 | invalid JSON
          bad-syntax.yaml   | 'cdiVersion: [0.3.0'                                        | 1:19 | invalid YAML
          trailing.json     | {"cdiVersion": "0.3.0"} {}                                  | 1:25 | after the end
          duplicate.json    | {"kind": "a/b", "kind": "a/b"}                              | 1:17 | duplicate key "kind"
          unknown.json      | {"cdiVersion": "0.3.0", "kind": "a/b", "devicez": []}       | 1:40 | unknown field "devicez"
          mixedcase.json    | {"CDIVersion": "0.3.0"}                                     | 1:2  | did you mean "cdiVersion"
          wrongtype.json    | {"cdiVersion": 3}                                           | 1:16 | must be a string
          empty.yaml        | ''                                                          | 1:1  | no spec data
          """)
  void eachKindOfBrokenFileIsReportedWithItsPlace(String name, String content, String at, String message)
      throws IOException {
    Path f = file(name, content);
    CliRun r = CliRun.run("validate", f.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out().lines()).anySatisfy(l -> assertThat(l).startsWith(f + ":" + at + ": ").contains(message));
    assertNoStackTrace(r);
  }

  @Test
  void ruleViolationsAreAllReportedInFileOrder() throws IOException {
    Path f =
        file(
            "rules.yaml",
            """
            cdiVersion: 0.3.0
            kind: vendor.com/device
            devices:
            - name: _bad
              containerEdits:
                env: [NOEQUALS]
            - name: good
              containerEdits:
                deviceNodes:
                - path: /dev/x
                  permissions: rwx
            """);
    CliRun r = CliRun.run("validate", f.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out().lines().toList())
        .containsExactly(
            f + ":4:9: devices[0].name: invalid device name \"_bad\": should start with a letter or digit",
            f + ":6:11: devices[0].containerEdits.env[0]: invalid environment variable \"NOEQUALS\": expected KEY=VALUE with a non-empty KEY",
            f + ":11:20: devices[1].containerEdits.deviceNodes[0].permissions: device \"/dev/x\": invalid permissions \"rwx\" (expected letters from \"rwm\", or \"none\")");
    assertThat(r.err()).contains("1 file, 3 errors");
  }

  @Test
  void fieldsThatCannotBeReadAndOtherRulesAreReportedTogether() throws IOException {
    Path f =
        file(
            "both.yaml",
            """
            cdiVersion: 0.3.0
            kind: vendor.com/device
            devices:
            - name: dev
              containerEdits:
                env: [=x]
                deviceNodes:
                - path: /dev/x
                  uid: -1
            """);
    CliRun r = CliRun.run("validate", f.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out().lines().toList())
        .hasSize(2)
        .anySatisfy(l -> assertThat(l).startsWith(f + ":6:11: ").contains("invalid environment variable"))
        .anySatisfy(l -> assertThat(l).startsWith(f + ":9:12: ").contains("out of range"));
  }

  @Test
  void versionTooLowNamesTheMinimum() throws IOException {
    Path f =
        file(
            "old.json",
            "{\"cdiVersion\": \"0.3.0\", \"kind\": \"vendor.com/device\", \"annotations\": {\"a\": \"b\"},"
                + " \"devices\": [{\"name\": \"d\", \"containerEdits\": {\"env\": [\"A=1\"]}}]}");
    CliRun r = CliRun.run("validate", f.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).startsWith(f + ":1:16: cdiVersion: the spec version must be at least v0.6.0");
  }

  @Test
  void warningsDoNotFailValidation() throws IOException {
    Path f =
        file(
            "rdt.yaml",
            """
            cdiVersion: 0.7.0
            kind: vendor.com/device
            devices:
            - name: d
              containerEdits:
                intelRdt:
                  closID: clos1
                  enableCMT: true
            """);
    CliRun r = CliRun.run("validate", f.toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith(f + ":8:18: ").contains("warning:").contains("enableCMT");
  }

  @Test
  void containerPathsAreSafeAndClearInValidateAndInTheRegistry() throws IOException {
    Path specs = Files.createDirectories(dir.resolve("paths"));
    Path f = Files.writeString(specs.resolve("paths.yaml"), """
        cdiVersion: 0.3.0
        kind: vendor.com/device
        devices:
        - name: d
          containerEdits:
            deviceNodes:
            - path: /dev/../etc/passwd
            mounts:
            - hostPath: /srv/proc
              containerPath: /proc
        """);
    CliRun r = CliRun.run("validate", f.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(
        f + ":7:13: devices[0].containerEdits.deviceNodes[0].path: warning: device path \"/dev/../etc/passwd\" is not clean: it resolves to \"/etc/passwd\"\n"
        + f + ":10:22: devices[0].containerEdits.mounts[0].containerPath: warning: the mount at \"/proc\" replaces the container's own /proc mount (a default OCI mount) when injected\n");

    Path rel = Files.writeString(specs.resolve("paths.yaml"), """
        cdiVersion: 0.3.0
        kind: vendor.com/device
        devices:
        - name: d
          containerEdits:
            mounts:
            - hostPath: /srv/data
              containerPath: data
        """);
    CliRun bad = CliRun.run("validate", rel.toString());
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.out()).isEqualTo(rel + ":8:22: devices[0].containerEdits.mounts[0].containerPath: "
        + "invalid mount container path \"data\": it must be absolute (a path in the container)\n");
    // the registry refuses the same file for the same reason
    CliRun devices = CliRun.run("--spec-dir", specs.toString(), "devices");
    assertThat(devices.out()).isEmpty();
    assertThat(devices.err()).contains(rel + ":8:22: ").contains("must be absolute");
  }

  @Test
  void directoryChecksOnlySpecFilesInNameOrder() throws IOException {
    file("b.yaml", "cdiVersion: 0.3.0\nkind: vendor.com/x\ndevices: []\n");
    file("a.json", "{}");
    file("ignored.yml", "garbage: [");
    file("notes.txt", "garbage");
    CliRun r = CliRun.run("validate", dir.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out().lines().map(l -> l.substring(0, l.indexOf(':'))).distinct().toList())
        .containsExactly(dir.resolve("a.json").toString(), dir.resolve("b.yaml").toString());
    assertThat(r.err()).contains("2 files");
  }

  @Test
  void missingExplicitPathIsAnError() {
    CliRun r = CliRun.run("validate", dir.resolve("nope.yaml").toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEqualTo(dir.resolve("nope.yaml") + ":1:1: no such file or directory\n");
  }

  @Test
  void withoutPathsTheSpecDirectoriesAreValidatedAndMissingOnesAreFine() throws IOException {
    Path good = dir.resolve("good");
    Files.createDirectories(good);
    Files.copy(EXAMPLES.resolve("cdi/vendor.json"), good.resolve("vendor.json"));
    CliRun r = CliRun.run("validate", "--spec-dir", dir.resolve("absent").toString(), "--spec-dir", good.toString());
    assertThat(r.status()).as(r.out()).isZero();
    assertThat(r.err()).contains("1 file, 0 errors");
  }

  @Test
  void specDirOptionWorksBeforeTheCommandAndFromTheEnvironment() throws IOException {
    Path bad = dir.resolve("bad");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("x.json"), "{");
    assertThat(CliRun.run("--spec-dir", bad.toString(), "validate").status()).isEqualTo(1);
    assertThat(CliRun.run(Map.of("CDI_SPEC_DIRS", dir.resolve("none") + ":" + bad), "validate").status()).isEqualTo(1);
    assertThat(CliRun.run(Map.of("CDI_SPEC_DIRS", dir.resolve("none").toString()), "validate").status()).isZero();
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliRun r = CliRun.run("frobnicate");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("frobnicate");
  }

  @Test
  void versionPrintsJcdiAndSpecVersions() {
    CliRun r = CliRun.run("version");
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("jcdi ").contains("0.3.0").contains("1.1.0");
  }

  @Test
  void twoFilesOfADirectoryDefiningOneDeviceAreAConflictReportedAtBothNames() throws IOException {
    Path specs = Files.createDirectories(dir.resolve("specs"));
    String a = "{\"cdiVersion\": \"0.3.0\", \"kind\": \"vendor.com/gpu\",\n \"devices\": [{\"name\": \"g0\", \"containerEdits\": {\"env\": [\"A=1\"]}}]}";
    String b = "{\"cdiVersion\": \"0.3.0\", \"kind\": \"vendor.com/gpu\",\n \"devices\": [{\"name\": \"g1\", \"containerEdits\": {\"env\": [\"B=1\"]}},\n"
        + "  {\"name\": \"g0\", \"containerEdits\": {\"env\": [\"B=2\"]}}]}";
    Files.writeString(specs.resolve("a.json"), a);
    Files.writeString(specs.resolve("b.json"), b);
    CliRun r = CliRun.run("validate", specs.toString());
    assertThat(r.status()).isEqualTo(1);
    String message = "conflicting device \"vendor.com/gpu=g0\" (specs \"" + specs.resolve("b.json") + "\", \"" + specs.resolve("a.json") + "\")";
    assertThat(r.out().lines().toList())
        .containsExactlyInAnyOrder(specs.resolve("a.json") + ":2:23: " + message, specs.resolve("b.json") + ":3:12: " + message);
    assertThat(r.err()).contains("2 files, 2 errors");
  }

  @Test
  void aDeviceInTwoDirectoriesIsNoConflict() throws IOException {
    Path low = Files.createDirectories(dir.resolve("low"));
    Path high = Files.createDirectories(dir.resolve("high"));
    String spec = "{\"cdiVersion\": \"0.3.0\", \"kind\": \"vendor.com/gpu\", \"devices\": [{\"name\": \"g0\", \"containerEdits\": {\"env\": [\"A=1\"]}}]}";
    Files.writeString(low.resolve("a.json"), spec);
    Files.writeString(high.resolve("a.json"), spec);
    CliRun r = CliRun.run("validate", low.toString(), high.toString());
    assertThat(r.status()).as(r.out()).isZero();
  }

  // ---- --schema ----

  @Test
  void bareSchemaOptionChecksTheBundledExamplesAgainstTheBuiltinSchema() {
    CliRun r = CliRun.run("validate", "--schema", EXAMPLES.resolve("cdi").toString());
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    assertThat(r.err()).contains("3 files, 0 errors");
    assertThat(CliRun.run("validate", "-s", EXAMPLES.resolve("cdi").toString()).status()).isZero();
  }

  @Test
  void schemaFileAddsItsRulesAtTheirPlaces() throws IOException {
    // a site policy: every device must carry annotations
    Path schema = file("policy.json", """
        {"properties": {"devices": {"items": {"required": ["annotations"]}}}}
        """);
    Path spec = file("s.yaml", "cdiVersion: 0.6.0\nkind: vendor.com/gpu\ndevices:\n- name: a\n  annotations: {x: y}\n  containerEdits: {env: [A=1]}\n- name: b\n  containerEdits: {env: [B=1]}\n");
    CliRun r = CliRun.run("validate", "--schema=" + schema, spec.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEqualTo(spec + ":7:3: schema " + schema.toUri() + ": at /devices/1: missing property \"annotations\"\n");
    assertThat(CliRun.run("validate", "-s" + schema, spec.toString()).out()).isEqualTo(r.out());
    assertThat(CliRun.run("validate", spec.toString()).status()).as("without the schema").isZero();
    assertThat(CliRun.run("validate", "--schema=none", spec.toString()).status()).isZero();
  }

  @Test
  void problemTheReaderFoundIsNotReportedAgainByTheSchema() throws IOException {
    Path spec = file("s.json", "{\"cdiVersion\":\"0.3.0\",\"kind\":\"vendor.com/gpu\",\"devices\":[{\"name\":\"d\",\"colour\":1,\"containerEdits\":{\"env\":[\"A=1\"]}}]}");
    CliRun r = CliRun.run("validate", "--schema", spec.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out().lines()).singleElement().asString().contains("unknown field \"colour\"");
  }

  @Test
  void unusableSchemaFailsBeforeAnyFileIsChecked() throws IOException {
    CliRun missing = CliRun.run("validate", "--schema=" + dir.resolve("none.json"), EXAMPLES.resolve("cdi").toString());
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err()).startsWith("cdi validate: cannot load JSON schema ").contains("no such file");
    Path broken = file("broken.json", "{\"pattern\": \"(\"}");
    CliRun bad = CliRun.run("validate", "--schema=" + broken, EXAMPLES.resolve("cdi").toString());
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.err()).contains(broken.toUri() + ":1:").contains("not a regular expression");
    assertNoStackTrace(bad);
  }

  @Test
  void aFifoInADirectoryIsReportedNotRead() throws Exception {
    Path sd = Files.createDirectories(dir.resolve("sd"));
    Process p = new ProcessBuilder("mkfifo", sd.resolve("f.json").toString()).start();
    assertThat(p.waitFor()).isZero();
    CliRun r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> CliRun.run("validate", sd.toString()));
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEqualTo(sd.resolve("f.json") + ":1:1: not a regular file\n");
  }

  @Test
  void aFieldOfTheWrongTypeIsOneProblemNotAlsoAnEmptyParent() throws IOException {
    Path f = file("e.yaml", "cdiVersion: 0.3.0\nkind: a/b\ndevices:\n- name: d\n  containerEdits:\n    env: C=1\n");
    CliRun r = CliRun.run("validate", f.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEqualTo(f + ":6:10: devices[0].containerEdits.env must be a list, not the scalar C=1\n");
  }

  @Test
  void aSpecDirectoryThatIsAFileIsNotReadAsASpec() throws IOException {
    Path f = file("notadir", "secret: 1\n");
    CliRun r = CliRun.run("--spec-dir", f.toString(), "validate");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEqualTo(f + ":1:1: spec directory is not a directory\n"); // the registry's words
  }

  @Test
  void aDefaultSpecDirThatIsADanglingLinkHoldsNoSpecs() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("gone"), dir.resolve("nowhere"));
    CliRun r = CliRun.run("--spec-dir", link.toString(), "validate");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aPathGivenTwiceIsCheckedOnce() throws IOException {
    Path f = file("e.yaml", "cdiVersion: 0.3.0\nkind: a/b\ndevices: []\n");
    CliRun r = CliRun.run("validate", f.toString(), f.toString());
    assertThat(r.out().lines()).hasSize(1);
    assertThat(r.err()).contains("1 file, 1 error");
  }

  @Test
  void aSpecDirNamedLikeTheSchemaOptionStaysADirectory() throws IOException {
    Path odd = Files.createDirectories(dir.resolve("-s"));
    Files.copy(EXAMPLES.resolve("cdi/vendor.json"), odd.resolve("vendor.json"));
    assertThat(ValidateCommand.optionalSchemaValue(new String[] {"-d", "-s", "validate", "-s"}))
        .containsExactly("-d", "-s", "validate", "--schema=builtin");
    assertThat(ValidateCommand.optionalSchemaValue(new String[] {"validate", "--", "-s"})).containsExactly("validate", "--", "-s");
  }
}
