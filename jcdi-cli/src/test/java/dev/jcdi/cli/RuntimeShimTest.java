package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The create step of cdi-runtime, run in-process on real bundle and spec files. */
class RuntimeShimTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  Path specs;
  Path bundle;
  Path config;
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws IOException {
    specs = Files.createDirectories(tmp.resolve("cdi"));
    bundle = Files.createDirectories(tmp.resolve("bundle"));
    config = bundle.resolve("config.json");
    Files.writeString(specs.resolve("gpu.json"), """
        {"cdiVersion": "0.5.0", "kind": "vendor.com/gpu",
         "containerEdits": {"env": ["SPEC=1"]},
         "devices": [
           {"name": "g0", "containerEdits": {"env": ["G0=1"]}},
           {"name": "g1", "containerEdits": {"env": ["G1=1"], "mounts": [{"hostPath": "/h1", "containerPath": "/c1"}]}}
         ]}
        """);
  }

  private void writeConfig(String env, String extra) throws IOException {
    Files.writeString(config, """
        {
          "ociVersion": "1.0.2",
          "x-first": {"z": 1, "a": 12345678901234567890, "f": 1.50},
          "process": {"args": ["sh"], "env": ["PATH=/bin"%s]}%s
        }
        """.formatted(env, extra));
  }

  private int shim(String... args) {
    List<String> all = new ArrayList<>(List.of("--cdi-spec-dir", specs.toString()));
    all.addAll(List.of(args));
    return new RuntimeShim(Map.of(), tmp, new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK).run(all);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private List<String> env() throws IOException {
    List<String> out = new ArrayList<>();
    JSON.readTree(config.toFile()).get("process").get("env").forEach(e -> out.add(e.asText()));
    return out;
  }

  @Test
  void devicesFromEnvAnnotationsAndDevicePathsAreInjectedOnceInRequestOrder() throws IOException {
    writeConfig(", \"CDI_DEVICES=vendor.com/gpu=g1, vendor.com/gpu=g0\"",
        ",\n  \"annotations\": {\"cdi.k8s.io/a\": \"vendor.com/gpu=g0\", \"cdi.k8s.io/b\": \"vendor.com/gpu=g1\"}"
            + ",\n  \"linux\": {\"devices\": [{\"path\": \"vendor.com/gpu=g1\"}, {\"path\": \"/dev/null\", \"type\": \"c\", \"major\": 1, \"minor\": 3}]}");
    assertThat(shim("create", "--bundle", bundle.toString(), "c1")).as(err()).isZero();
    assertThat(env()).containsExactly(
        "PATH=/bin", "CDI_DEVICES=vendor.com/gpu=g1, vendor.com/gpu=g0", "SPEC=1", "G1=1", "G0=1");
    JsonNode tree = JSON.readTree(config.toFile());
    assertThat(tree.get("mounts")).hasSize(1);
    assertThat(tree.get("linux").get("devices")).hasSize(1);
    assertThat(tree.get("linux").get("devices").get(0).get("path").asText()).isEqualTo("/dev/null");
    String text = Files.readString(config);
    assertThat(text).contains("\"x-first\": {\n    \"z\": 1,\n    \"a\": 12345678901234567890,\n    \"f\": 1.50\n  }");
    assertThat(err()).isEmpty();
  }

  @Test
  void withoutARequestTheConfigIsNotTouched() throws IOException {
    writeConfig("", "");
    Object key = Files.readAttributes(config, BasicFileAttributes.class).fileKey();
    Files.setLastModifiedTime(config, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
    byte[] before = Files.readAllBytes(config);
    assertThat(shim("run", "-b", bundle.toString(), "c1")).isZero();
    assertThat(Files.readAllBytes(config)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(config).toMillis()).isEqualTo(1_000_000);
    assertThat(Files.readAttributes(config, BasicFileAttributes.class).fileKey()).isEqualTo(key);
  }

  @Test
  void theBundleDefaultsToTheWorkingDirectory() throws IOException {
    writeConfig(", \"CDI_DEVICES=vendor.com/gpu=g0\"", "");
    Files.move(config, tmp.resolve("config.json"));
    config = tmp.resolve("config.json");
    assertThat(shim("create", "c1")).as(err()).isZero();
    assertThat(env()).contains("G0=1");
  }

  @Test
  void otherSubcommandsDoNothing() {
    assertThat(shim("state", "c1")).isZero();
    assertThat(err()).isEmpty();
  }

  @Test
  void anUnresolvableDeviceRefusesTheContainerInRuncsJsonLogAndLeavesTheConfig() throws IOException {
    writeConfig(", \"CDI_DEVICES=vendor.com/gpu=g0,vendor.com/gpu=g2\"", "");
    byte[] before = Files.readAllBytes(config);
    Path log = tmp.resolve("log.json");
    Path cdiLog = tmp.resolve("cdi.log");
    int status = shim("--log", log.toString(), "--log-format=json", "--cdi-log", cdiLog.toString(),
        "create", "--bundle", bundle.toString(), "c9");
    assertThat(status).isEqualTo(1);
    assertThat(Files.readAllBytes(config)).isEqualTo(before);
    String line = "cdi-runtime: container c9: cannot inject CDI devices: vendor.com/gpu=g2: no spec in " + specs
        + " defines it (nearest known: vendor.com/gpu=g0, vendor.com/gpu=g1)";
    assertThat(err()).isEqualTo(line + "\n");
    JsonNode logged = JSON.readTree(Files.readString(log));
    assertThat(logged.get("level").asText()).isEqualTo("error");
    assertThat(logged.get("msg").asText()).isEqualTo(line);
    assertThat(logged.get("time").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(Files.readString(cdiLog)).startsWith("2026-01-02T03:04:05Z c9: refused: cannot inject CDI devices: vendor.com/gpu=g2: ");
  }

  @Test
  void runcsTextLogFormatIsTheDefault() throws IOException {
    writeConfig(", \"CDI_DEVICES=vendor.com/gpu=\\\"x\\\"\"", "");
    Path log = tmp.resolve("log.txt");
    assertThat(shim("--log", log.toString(), "create", "--bundle", bundle.toString(), "c9")).isEqualTo(1);
    assertThat(Files.readString(log)).startsWith("time=\"2026-01-02T03:04:05Z\" level=error msg=\"cdi-runtime: container c9: ")
        .contains("\\\"vendor.com/gpu=\\\"x\\\"\\\" is not a qualified CDI device name");
  }

  @Test
  void aMissingOrInvalidConfigRefusesTheContainer() throws IOException {
    assertThat(shim("create", "--bundle", bundle.toString(), "c1")).isEqualTo(1);
    assertThat(err()).contains("cannot read " + config);
    Files.writeString(config, "{\"process\": {\"env\": 5}}");
    err.reset();
    assertThat(shim("create", "--bundle", bundle.toString(), "c1")).isEqualTo(1);
    assertThat(err()).startsWith("cdi-runtime: container c1: invalid config: ");
  }

  @Test
  void aConflictNamesBothFiles() throws IOException {
    Files.writeString(specs.resolve("a.json"), "{\"cdiVersion\":\"0.5.0\",\"kind\":\"x.org/y\",\"devices\":[{\"name\":\"d\",\"containerEdits\":{\"env\":[\"A=1\"]}}]}");
    Files.copy(specs.resolve("a.json"), specs.resolve("b.json"));
    writeConfig(", \"CDI_DEVICES=x.org/y=d\"", "");
    assertThat(shim("create", "--bundle", bundle.toString(), "c1")).isEqualTo(1);
    assertThat(err()).contains("x.org/y=d: two spec files of one directory define it, so neither counts: "
        + specs.resolve("a.json") + " and " + specs.resolve("b.json"));
  }

  @Test
  void anInvalidSpecGivesItsFirstErrorWithFileAndLine() throws IOException {
    Files.writeString(specs.resolve("nic.yaml"), "cdiVersion: 0.5.0\nkind: x.org/nic\ndevices:\n- name: n0\n  containerEdits:\n    envv: [A=1]\n");
    writeConfig(", \"CDI_DEVICES=x.org/nic=n0\"", "");
    assertThat(shim("create", "--bundle", bundle.toString(), "c1")).isEqualTo(1);
    assertThat(err()).contains("x.org/nic=n0: the spec that defines it is invalid: " + specs.resolve("nic.yaml") + ":6:5: ");
  }

  @Test
  void anUnknownShimOptionIsAUsageError() {
    assertThat(shim("--cdi-nope", "x", "create", "c1")).isEqualTo(2);
    assertThat(err()).startsWith("cdi-runtime: unknown option --cdi-nope");
  }

  @Test
  void aHookOutsideTheAllowListRefusesTheContainerAndAnAllowedOneIsInjected() throws IOException {
    Files.writeString(specs.resolve("hooked.json"), """
        {"cdiVersion": "0.5.0", "kind": "vendor.com/hooked",
         "devices": [{"name": "h", "containerEdits": {"env": ["H=1"],
           "hooks": [{"hookName": "createContainer", "path": "/opt/vendor/bin/hook"}]}}]}
        """);
    writeConfig(", \"CDI_DEVICES=vendor.com/hooked=h\"", "");
    byte[] before = Files.readAllBytes(config);
    assertThat(shim("--cdi-allow-hook", "/usr/bin/*", "create", "--bundle", bundle.toString(), "c1")).isEqualTo(1);
    assertThat(Files.readAllBytes(config)).isEqualTo(before);
    assertThat(err()).contains("vendor.com/hooked=h").contains("/opt/vendor/bin/hook").contains("not allowed");

    err.reset();
    assertThat(shim("--cdi-allow-hook=/opt/vendor/**", "create", "--bundle", bundle.toString(), "c2")).isEqualTo(0);
    assertThat(env()).contains("H=1");
  }

  @Test
  void aMalformedHookGlobIsAUsageError() {
    assertThat(shim("--cdi-allow-hook", "relative/*", "create", "c1")).isEqualTo(2);
    assertThat(err()).startsWith("cdi-runtime: invalid --cdi-allow-hook relative/*");
  }
}
