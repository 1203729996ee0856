package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformCommandTest {
  @TempDir Path tmp;

  private Path spec() throws Exception {
    return Files.writeString(tmp.resolve("drv.json"), """
        {"cdiVersion": "0.3.0", "kind": "example.com/gpu",
         "devices": [{"name": "g0", "containerEdits": {"deviceNodes": [{"path": "/dev/gpu0"}, {"path": "/run/driverx/dev/y"}]}}],
         "containerEdits": {
           "mounts": [{"hostPath": "/usr/lib/libgpu.so", "containerPath": "/usr/lib/libgpu.so", "options": ["ro", "bind"]}],
           "hooks": [{"hookName": "createContainer", "path": "/usr/bin/gpu-hook", "args": ["gpu-hook", "/usr/lib"]}]}}
        """);
  }

  @Test
  void hostPathsMoveUnderTheNewRootAndTheVersionRises() throws Exception {
    CliRun r = CliRun.run("transform", "root", "--from", "/", "--to", "/run/driver", spec().toString());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode s = new ObjectMapper().readTree(r.out());
    assertThat(s.path("cdiVersion").asText()).isEqualTo("0.5.0");
    assertThat(r.err()).contains("cdiVersion raised from 0.3.0 to 0.5.0");
    JsonNode node = s.path("devices").get(0).path("containerEdits").path("deviceNodes").get(0);
    assertThat(node.path("path").asText()).isEqualTo("/dev/gpu0");
    assertThat(node.path("hostPath").asText()).isEqualTo("/run/driver/dev/gpu0");
    JsonNode m = s.path("containerEdits").path("mounts").get(0);
    assertThat(m.path("hostPath").asText()).isEqualTo("/run/driver/usr/lib/libgpu.so");
    assertThat(m.path("containerPath").asText()).isEqualTo("/usr/lib/libgpu.so");
    assertThat(s.path("containerEdits").path("hooks").get(0).path("path").asText()).isEqualTo("/run/driver/usr/bin/gpu-hook");
    assertThat(s.path("containerEdits").path("hooks").get(0).path("args").get(1).asText()).as("arguments are left alone").isEqualTo("/usr/lib");
  }

  @Test
  void relativeToContainerMovesContainerPathsToo() throws Exception {
    CliRun r = CliRun.run("transform", "root", "--from", "/usr", "--to", "/opt/drv/", "--relative-to", "container", spec().toString(), "--output", "yaml");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("hostPath: /opt/drv/lib/libgpu.so").contains("containerPath: /opt/drv/lib/libgpu.so")
        .contains("path: /opt/drv/bin/gpu-hook").contains("path: /dev/gpu0").contains("cdiVersion: \"0.3.0\"");
  }

  @Test
  void aPrefixMatchesWholePathElementsOnly() throws Exception {
    CliRun r = CliRun.run("transform", "root", "--from", "/run/driver", "--to", "/", spec().toString());
    assertThat(r.out()).contains("/run/driverx/dev/y");
    assertThat(r.out()).doesNotContain("\"hostPath\": \"x/dev/y\"");
  }

  @Test
  void inPlaceRewritesTheFile() throws Exception {
    Path f = spec();
    CliRun r = CliRun.run("transform", "root", "--from", "/usr", "--to", "/opt", "--in-place", f.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(f)).contains("\"/opt/lib/libgpu.so\"");
  }

  @Test
  void readsStdinByDefault() throws Exception {
    java.io.InputStream saved = System.in;
    System.setIn(new java.io.ByteArrayInputStream(Files.readAllBytes(spec())));
    try {
      CliRun r = CliRun.run("transform", "root", "--from", "/usr", "--to", "/opt");
      assertThat(r.status()).as(r.err()).isZero();
      assertThat(r.out()).startsWith("---\n").contains("hostPath: /opt/lib/libgpu.so");
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void usageErrors() throws Exception {
    assertThat(CliRun.run("transform", "root", "--from", "usr", "--to", "/opt", spec().toString()).status()).isEqualTo(2);
    assertThat(CliRun.run("transform", "root", "--from", "/usr", spec().toString()).status()).isEqualTo(2);
    assertThat(CliRun.run("transform", "root", "--from", "/usr", "--to", "/opt", "--in-place").status()).isEqualTo(2);
    assertThat(CliRun.run("transform").status()).isEqualTo(2);
    assertThat(CliRun.run("transform", "root", "--help").out()).contains("--relative-to");
  }
}
