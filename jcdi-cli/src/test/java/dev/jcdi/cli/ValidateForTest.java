package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateForTest {
  @TempDir Path tmp;

  @Test
  void everyListedConsumerIsJudgedByTheVersionItReads() throws Exception {
    Path f = Files.writeString(tmp.resolve("a.yaml"), """
        cdiVersion: 0.6.0
        kind: example.com/dev
        devices:
        - name: d
          annotations: {a: b}
          containerEdits:
            env: [A=1]
        """);
    for (Consumers.Consumer c : Consumers.load().all()) {
      CliRun r = CliRun.run("validate", "--for", c.name(), f.toString());
      if (c.reads() == null) {
        assertThat(r.status()).as(c.name()).isEqualTo(1);
        assertThat(r.out()).as(c.name()).contains(c.name() + " has no CDI support");
      } else if (c.reads().isAtLeast(SpecVersion.V0_6_0)) {
        assertThat(r.status()).as("%s: %s", c.name(), r.out()).isZero();
      } else {
        assertThat(r.status()).as(c.name()).isEqualTo(1);
        assertThat(r.out()).as(c.name())
            .contains(f + ":1:13: " + c.name() + ": cdiVersion 0.6.0: " + c.name() + " reads at most " + c.reads())
            .contains(f + ":5:16: " + c.name() + ": device annotations (CDI 0.6.0 or later) is unknown to " + c.name());
      }
      assertThat(c.source()).as(c.name()).isNotBlank();
    }
  }

  @Test
  void aSpecThatFitsLowerSaysHowToConvert() throws Exception {
    Path f = Files.writeString(tmp.resolve("a.yaml"), "cdiVersion: 1.0.0\nkind: example.com/dev\ndevices:\n- name: d\n  containerEdits:\n    env: [A=1]\n");
    CliRun r = CliRun.run("validate", "--for", "podman-4.3", f.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("reads at most 0.5.0; the spec fits 0.3.0: cdi convert --to-version minimum");
  }

  @Test
  void additionalGidsIsUnknownToPodman49() throws Exception {
    Path f = Files.writeString(tmp.resolve("a.yaml"),
        "cdiVersion: 0.7.0\nkind: example.com/dev\ndevices:\n- name: d\n  containerEdits:\n    additionalGids: [44]\n");
    CliRun r = CliRun.run("validate", "--for", "podman-4.9", f.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains(":6:21: podman-4.9: additionalGids (CDI 0.7.0 or later) is unknown to podman-4.9, which reads at most 0.6.0");
    assertThat(CliRun.run("validate", "--for", "docker-27", f.toString()).status()).isZero();
  }

  @Test
  void oneLetterNamesPanicPodman43ButNotPodman52() throws Exception {
    Path f = Files.writeString(tmp.resolve("a.yaml"), "cdiVersion: 0.3.0\nkind: a/gpu\ndevices:\n- name: d\n  containerEdits:\n    env: [A=1]\n");
    CliRun r = CliRun.run("validate", "--for", "podman-4.3", f.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains(":2:7: podman-4.3: kind a/gpu: a one-letter vendor or class name").contains("panic");
    assertThat(CliRun.run("validate", "--for", "podman-5.2", f.toString()).status()).isZero();
  }

  @Test
  void anUnknownConsumerIsAUsageError() {
    CliRun r = CliRun.run("validate", "--for", "podman-0.1", tmp.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("unknown consumer \"podman-0.1\"").contains("podman-4.3");
  }

  @Test
  void helpListsTheConsumers() {
    assertThat(CliRun.run("validate", "--help").out()).contains("--for").contains("podman-4.3").contains("cri-o-1.31");
  }
}
