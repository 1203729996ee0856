package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cdi inject} and {@code cdi resolve} say why a device does not resolve, as cdi-runtime does. */
class UnresolvedReasonsTest {
  @TempDir Path tmp;
  Path specs;
  Path config;

  @BeforeEach
  void setUp() throws IOException {
    specs = Files.createDirectories(tmp.resolve("cdi"));
    Files.writeString(specs.resolve("gpu.json"),
        "{\"cdiVersion\":\"0.3.0\",\"kind\":\"vendor.com/gpu\",\"devices\":["
            + "{\"name\":\"gpu0\",\"containerEdits\":{\"env\":[\"G0=1\"],\"mounts\":[{\"hostPath\":\"/a\",\"containerPath\":\"/b\"}]}},"
            + "{\"name\":\"gpu1\",\"containerEdits\":{\"env\":[\"G1=1\"]}}]}");
    String dup = "{\"cdiVersion\":\"0.3.0\",\"kind\":\"x.org/dup\",\"devices\":[{\"name\":\"d\",\"containerEdits\":{\"env\":[\"D=1\"]}}]}";
    Files.writeString(specs.resolve("dup1.json"), dup);
    Files.writeString(specs.resolve("dup2.json"), dup);
    Files.writeString(specs.resolve("nic.yaml"), "cdiVersion: 0.3.0\nkind: x.org/nic\ndevices:\n- name: n0\n  containerEdits:\n    env: [N=1]\n    hooks: 5\n");
    config = tmp.resolve("config.json");
    Files.writeString(config, "{\"ociVersion\":\"1.0.2\",\"process\":{\"env\":[]},"
        + "\"annotations\":{\"cdi.k8s.io/a\":\"vendor.com/gpu=gpu0\",\"cdi.k8s.io/b\":\"vendor.com/gpu=gpu0,vendor.com/gpu=gpu1\"}}");
  }

  private CliRun cdi(String... args) {
    List<String> all = new ArrayList<>(List.of("--spec-dir", specs.toString()));
    all.addAll(List.of(args));
    return CliRun.run(all.toArray(String[]::new));
  }

  @Test
  void injectExplainsEachUnresolvedDevice() {
    CliRun r = cdi("inject", config.toString(), "vendor.com/gpu=gpu2", "x.org/dup=d", "x.org/nic=n0", "foo.org/bar=baz");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains(
        "cdi: unresolved CDI device vendor.com/gpu=gpu2: no spec in " + specs
            + " defines it (nearest known: vendor.com/gpu=gpu0, vendor.com/gpu=gpu1)\n",
        "cdi: unresolved CDI device x.org/dup=d: two spec files of one directory define it, so neither counts: "
            + specs.resolve("dup1.json") + " and " + specs.resolve("dup2.json") + "\n",
        "cdi: unresolved CDI device x.org/nic=n0: the spec that defines it is invalid: " + specs.resolve("nic.yaml") + ":7:12: ",
        "cdi: unresolved CDI device foo.org/bar=baz: no spec in " + specs + " defines it (2 other devices known; `cdi devices` lists them)\n");
  }

  @Test
  void resolveExplainsAlike() throws IOException {
    Files.writeString(config, "{\"process\":{\"env\":[]},\"linux\":{\"devices\":[{\"path\":\"x.org/dup=d\"}]}}");
    CliRun r = cdi("resolve", config.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("cdi: unresolved CDI device x.org/dup=d: two spec files of one directory define it");
  }

  @Test
  void resolveInjectsADeviceNamedByTwoAnnotationsOnce() throws IOException {
    CliRun r = cdi("resolve", config.toString());
    assertThat(r.status()).as(r.err()).isZero();
    var tree = new ObjectMapper().readTree(r.out());
    assertThat(tree.get("process").get("env").toString()).isEqualTo("[\"G0=1\",\"G1=1\"]");
    assertThat(tree.get("mounts")).hasSize(1);
  }

  @Test
  void nearestNamesAreThoseWithinAFewEdits() {
    assertThat(UnresolvedReasons.nearest("vendor.com/gpu=gpu7", List.of("vendor.com/gpu=gpu1", "vendor.com/nic=n1", "x.org/y=z")))
        .containsExactly("vendor.com/gpu=gpu1");
    assertThat(UnresolvedReasons.distance("kitten", "sitting", 10)).isEqualTo(3);
    assertThat(UnresolvedReasons.distance("a", "abcdef", 2)).isEqualTo(3);
  }
}
