package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
  @TempDir Path tmp;

  private Path spec(String name, String version, String deviceEdits) throws Exception {
    return Files.writeString(tmp.resolve(name), """
        cdiVersion: "%s"
        kind: example.com/dev
        devices:
        - name: d
          containerEdits:
        %s
        """.formatted(version, deviceEdits.indent(4).stripTrailing()));
  }

  @Test
  void downToTheMinimumAndBackUp() throws Exception {
    Path f = spec("a.yaml", "1.1.0", "env: [A=1]\ndeviceNodes: [{path: /dev/x, hostPath: /run/x}]");
    CliRun down = CliRun.run("convert", "--to-version", "minimum", f.toString());
    assertThat(down.status()).as(down.err()).isZero();
    assertThat(down.out()).startsWith("---\ncdiVersion: \"0.5.0\"\n");
    CliRun exact = CliRun.run("convert", "-t", "0.5.0", "--output", "json", f.toString());
    assertThat(exact.out()).startsWith("{\n  \"cdiVersion\": \"0.5.0\"");
    Path low = spec("b.yaml", "0.3.0", "env: [A=1]");
    CliRun up = CliRun.run("convert", "-t", "v1.1.0", low.toString());
    assertThat(up.status()).isZero();
    assertThat(up.out()).contains("cdiVersion: \"1.1.0\"");
  }

  @Test
  void aFieldTheTargetLacksBlocksTheConversionNamingFieldLineAndVersion() throws Exception {
    Path f = spec("a.yaml", "0.7.0", "env: [A=1]\nadditionalGids: [44]\ndeviceNodes: [{path: /dev/x, hostPath: /run/x}]");
    CliRun r = CliRun.run("convert", "--to-version", "0.4.0", f.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).as("in file order").isEqualTo(f + ":7:21: additionalGids needs CDI 0.7.0 or later, not 0.4.0\n"
        + f + ":8:44: deviceNodes hostPath needs CDI 0.5.0 or later, not 0.4.0\n");
  }

  @Test
  void aDroppedFieldBlocksMovingUp() throws Exception {
    Path f = spec("a.yaml", "0.7.0", "intelRdt: {closID: x, enableCMT: true}");
    CliRun r = CliRun.run("convert", "--to-version", "1.1.0", f.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("intelRdt enableCMT needs CDI 0.7.0 to 1.0.0, not 1.1.0");
    assertThat(CliRun.run("convert", "--to-version", "1.0.0", f.toString()).status()).isZero();
  }

  @Test
  void inPlaceReplacesTheFileThroughTheProducer() throws Exception {
    Path f = spec("a.json.yaml", "1.0.0", "env: [A=1]");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    CliRun r = CliRun.run("convert", "--to-version", "minimum", "--in-place", f.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(f)).contains("cdiVersion: \"0.3.0\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r--r--");
    Path yml = spec("c.yml", "1.0.0", "env: [A=1]");
    CliRun refused = CliRun.run("convert", "-t", "minimum", "-i", yml.toString());
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err()).contains("--in-place needs a .json or .yaml file");
  }

  @Test
  void badInputAndUsage() throws Exception {
    assertThat(CliRun.run("convert", "-t", "9.9.9", "x.yaml").status()).isEqualTo(2);
    assertThat(CliRun.run("convert", "-t", "0.2.0", "x.yaml").status()).isEqualTo(2);
    assertThat(CliRun.run("convert", "x.yaml").status()).as("--to-version is required").isEqualTo(2);
    CliRun missing = CliRun.run("convert", "-t", "minimum", tmp.resolve("none.yaml").toString());
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).contains("none.yaml");
    Path bad = Files.writeString(tmp.resolve("bad.yaml"), "cdiVersion: 0.3.0\nkind: example.com/dev\nnope: 1\n");
    CliRun unreadable = CliRun.run("convert", "-t", "minimum", bad.toString());
    assertThat(unreadable.status()).isEqualTo(1);
    assertThat(unreadable.err()).contains(bad + ":3:1:");
  }
}
