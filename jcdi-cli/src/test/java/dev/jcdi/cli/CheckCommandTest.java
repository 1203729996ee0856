package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path tmp;

  @Test
  void aNodeWhoseMajorMovedAfterWritingIsReportedWithBothNumbersAtItsLine() throws Exception {
    DevNodes.requireRoot();
    DevNodes.mknod(tmp.resolve("dev/acme0"), 240, 0);
    DevNodes.mknod(tmp.resolve("dev/acme1"), 240, 1);
    Path dir = tmp.resolve("cdi");
    CliRun gen = CliRun.run("generate", "-k", "acme.com/npu", "--dev-root", tmp.toString(), "--write", dir.toString(), "/dev/acme*");
    assertThat(gen.status()).as(gen.err()).isZero();
    CliRun before = CliRun.run("check", "-d", dir.toString());
    assertThat(before.status()).as(before.out() + before.err()).isZero();
    assertThat(before.out()).isEqualTo("acme.com/npu=acme0: ok\nacme.com/npu=acme1: ok\nacme.com/npu=all: ok\n");

    DevNodes.mknod(tmp.resolve("dev/acme0"), 241, 0); // the driver upgrade moved the major
    CliRun after = CliRun.run("check", "-d", dir.toString());
    assertThat(after.status()).isEqualTo(1);
    Path file = dir.resolve("acme.com-npu.yaml");
    String host = tmp.resolve("dev/acme0").toRealPath().toString();
    assertThat(after.out()).contains(file + ":8:7: acme.com/npu=acme0: device node " + host
        + " is 241:0 on the host, 240:0 in the spec (major 240 moved to 241)");
    assertThat(after.out()).contains("acme.com/npu=acme1: ok");
    assertThat(after.out()).contains(": acme.com/npu=all: device node " + host + " is 241:0");
    assertThat(after.err()).contains("3 devices, 2 failing");

    CliRun named = CliRun.run("check", "-d", dir.toString(), "acme.com/npu=acme1");
    assertThat(named.status()).isZero();
    assertThat(named.out()).isEqualTo("acme.com/npu=acme1: ok\n");

    Files.delete(tmp.resolve("dev/acme1"));
    CliRun gone = CliRun.run("check", "-d", dir.toString(), "acme.com/npu=acme1", "--output", "json");
    assertThat(gone.status()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(gone.out());
    assertThat(json.get(0).path("ok").asBoolean()).isFalse();
    assertThat(json.get(0).path("problems").get(0).path("message").asText()).endsWith("dev/acme1 does not exist");
    assertThat(json.get(0).path("problems").get(0).path("field").asText()).isEqualTo("devices[1].containerEdits.deviceNodes[0]");
  }

  @Test
  void missingMountSourcesHooksThatCannotRunAndWrongTypesAreReported() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cdi"));
    Path hook = Files.writeString(tmp.resolve("hook.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rw-r--r--"));
    Files.writeString(dir.resolve("x.yaml"), """
        cdiVersion: 0.5.0
        kind: example.com/x
        containerEdits:
          mounts:
          - {hostPath: %s/missing, containerPath: /m, options: [bind]}
          - {hostPath: tmpfs, containerPath: /t, type: tmpfs}
        devices:
        - name: a
          containerEdits:
            deviceNodes:
            - {path: /dev/null, type: b, major: 1, minor: 3}
            hooks:
            - {hookName: prestart, path: %s}
        - name: b
          containerEdits:
            deviceNodes:
            - {path: /dev/null}
            - {path: /dev/zero, type: c, major: 1, minor: 5}
        """.formatted(tmp, hook));
    CliRun r = CliRun.run("check", "-d", dir.toString());
    assertThat(r.status()).isEqualTo(1);
    Path f = dir.resolve("x.yaml");
    assertThat(r.out()).contains(f + ":11:7: example.com/x=a: device node /dev/null is of type c on the host, b in the spec");
    assertThat(r.out()).contains(f + ":13:34: example.com/x=a: hook " + hook + " is not executable");
    assertThat(r.out()).contains(f + ":5:16: example.com/x=a: mount source " + tmp + "/missing does not exist");
    assertThat(r.out()).contains(f + ":5:16: example.com/x=b: mount source");
    assertThat(r.out()).doesNotContain("tmpfs does not exist").doesNotContain("x=b: device node");
  }

  @Test
  void anUnknownDeviceIsAProblem() {
    CliRun r = CliRun.run("check", "-d", tmp.toString(), "example.com/x=nope");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("example.com/x=nope: unresolved CDI device\n");
  }
}
