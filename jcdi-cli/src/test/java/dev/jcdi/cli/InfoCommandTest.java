package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
  @TempDir Path root;

  private void write(String path, String text) throws Exception {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private void binary(String name, String versionLine) throws Exception {
    write("usr/bin/" + name, "#!/bin/sh\necho '" + versionLine + "'\n");
    Files.setPosixFilePermissions(root.resolve("usr/bin/" + name), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static final String SPEC = "cdiVersion: 0.3.0\nkind: example.com/%s\ndevices:\n- name: d\n  containerEdits:\n    env: [A=1]\n";

  private JsonNode engine(JsonNode all, String name) {
    for (JsonNode e : all) {
      if (e.path("engine").asText().equals(name)) {
        return e;
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void eachEngineIsReadFromItsOwnConfig() throws Exception {
    binary("dockerd", "Docker version 26.1.5+dfsg1, build a72d7cd");
    write("etc/docker/daemon.json", "{\"features\": {\"cdi\": true}, \"cdi-spec-dirs\": [\"/srv/cdi\"]}");
    binary("containerd", "containerd github.com/containerd/containerd 1.7.24 88bf19b");
    write("etc/containerd/config.toml", """
        version = 2
        [plugins."io.containerd.grpc.v1.cri"]
          enable_cdi = true   # on
          cdi_spec_dirs = [
            "/etc/cdi", # static
            "/run/cdi",
          ]
        """);
    binary("podman", "podman version 4.3.1");
    write("usr/share/containers/containers.conf", "[engine]\ncdi_spec_dirs = [\"/usr/share/cdi\"]\n");
    write("etc/containers/containers.conf.d/50-cdi.conf", "[engine]\ncdi_spec_dirs = [\"/etc/cdi\", \"/run/cdi\"]\n");
    write("etc/crio/crio.conf", "[crio.runtime]\ncdi_spec_dirs = ['/var/run/cdi']\n");
    write("srv/cdi/a.yaml", SPEC.formatted("a"));
    write("etc/cdi/b.yaml", SPEC.formatted("b"));
    write("run/cdi/c.yaml", SPEC.formatted("c"));
    write("run/cdi/broken.yaml", "cdiVersion: 9\n");

    CliRun r = CliRun.run("info", "--config-root", root.toString(), "-d", root.resolve("srv/cdi").toString(), "--output", "json");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode all = new ObjectMapper().readTree(r.out());
    JsonNode docker = engine(all, "docker");
    assertThat(docker.path("installed").asBoolean()).isTrue();
    assertThat(docker.path("version").asText()).isEqualTo("26.1.5");
    assertThat(docker.path("cdi").asBoolean()).isTrue();
    assertThat(docker.path("dirs").get(0).path("dir").asText()).isEqualTo(root.resolve("srv/cdi").toString());
    assertThat(docker.path("dirs").get(0).path("devices").asInt()).isEqualTo(1);

    JsonNode containerd = engine(all, "containerd");
    assertThat(containerd.path("version").asText()).isEqualTo("1.7.24");
    assertThat(containerd.path("cdi").asBoolean()).isTrue();
    assertThat(containerd.path("dirs")).hasSize(2);
    assertThat(containerd.path("dirs").get(1).path("errors")).hasSize(3);
    assertThat(containerd.path("dirs").get(1).path("devices").asInt()).isEqualTo(1);

    JsonNode podman = engine(all, "podman");
    assertThat(podman.path("version").asText()).isEqualTo("4.3.1");
    assertThat(podman.path("dirs").get(1).path("dir").asText()).as("the drop-in wins").isEqualTo(root.resolve("run/cdi").toString());
    JsonNode buildah = engine(all, "buildah");
    assertThat(buildah.path("installed").asBoolean()).isFalse();

    JsonNode crio = engine(all, "cri-o");
    assertThat(crio.path("dirs").get(0).path("dir").asText()).isEqualTo(root.resolve("var/run/cdi").toString());
    assertThat(crio.path("dirs").get(0).path("exists").asBoolean()).isFalse();

    JsonNode jcdi = engine(all, "jcdi");
    assertThat(jcdi.path("dirs").get(0).path("devices").asInt()).isEqualTo(1);
  }

  @Test
  void defaultsApplyWhenNothingIsConfigured() throws Exception {
    binary("dockerd", "Docker version 25.0.3, build 4debf41");
    binary("containerd", "containerd containerd.io 2.0.1 abc");
    CliRun r = CliRun.run("info", "--config-root", root.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("docker: installed (25.0.3), CDI off: features.cdi is not set in " + root.resolve("etc/docker/daemon.json"));
    assertThat(r.out()).contains("containerd: installed (2.0.1), CDI on: on by default from containerd 2.0");
    assertThat(r.out()).contains("podman: not installed; its configuration names these directories").contains("cri-o: not installed");
    assertThat(r.out()).contains("  " + root.resolve("etc/cdi") + ": missing");
    assertThat(r.out()).contains("jcdi: this tool");
  }

  @Test
  void oldEnginesHaveNoCdi() throws Exception {
    binary("dockerd", "Docker version 20.10.24+dfsg1, build 297e128");
    binary("containerd", "containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+b1");
    write("etc/containerd/config.toml", "[plugins.\"io.containerd.grpc.v1.cri\"]\nenable_cdi = true\n");
    CliRun r = CliRun.run("info", "--config-root", root.toString());
    assertThat(r.out()).contains("docker: installed (20.10.24), CDI off: docker 20.10.24 has no CDI");
    assertThat(r.out()).contains("containerd: installed (1.6.20), CDI off: containerd 1.6.20 has no CDI");
  }

  @Test
  void aBrokenDaemonJsonIsReported() throws Exception {
    write("etc/docker/daemon.json", "{nope");
    CliRun r = CliRun.run("info", "--config-root", root.toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("error: " + root.resolve("etc/docker/daemon.json") + ": not valid JSON");
  }

  @Test
  void helpStartsWithTheUnresolvableDevicesLine() {
    assertThat(CliRun.run("info", "--help").out()).contains("What each container engine here sees of CDI: run it first on \"unresolvable");
  }
}
