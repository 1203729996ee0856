package dev.jcdi.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.DeviceNode;
import dev.jcdi.spec.SourcePosition;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecFormat;
import dev.jcdi.spec.SpecParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** jcdi's own copy of the CDI schema: it accepts every valid spec and rejects malformed structure. */
class BuiltinSchemaTest {
  private static final SpecSchema SCHEMA = SpecSchema.builtin();

  private static List<SchemaViolation> json(String text) throws SpecParseException {
    return SCHEMA.validate(text, SpecFormat.JSON, "test.json");
  }

  private static List<SchemaViolation> yaml(String text) throws SpecParseException {
    return SCHEMA.validate(text, SpecFormat.YAML, "test.yaml");
  }

  /** A one-device spec whose device edits are {@code edits} (a JSON object's inside). */
  private static String withEdits(String edits) {
    return "{\"cdiVersion\":\"1.1.0\",\"kind\":\"vendor.com/gpu\",\"devices\":[{\"name\":\"d\",\"containerEdits\":{" + edits + "}}]}";
  }

  @Test
  void everyBundledExampleConforms() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("../examples/cdi"))) {
      List<Path> specs = files.sorted().toList();
      assertThat(specs).hasSizeGreaterThanOrEqualTo(3);
      for (Path p : specs) {
        assertThat(SCHEMA.validate(p)).as(p.toString()).isEmpty();
      }
    }
  }

  @Test
  void minimalSpecOfEveryVersionConforms() throws SpecParseException {
    for (String v : List.of("0.1.0", "0.2.0", "0.3.0", "0.4.0", "0.5.0", "0.6.0", "0.7.0", "0.8.0", "1.0.0", "1.1.0", "v1.0.0")) {
      String spec = "{\"cdiVersion\":\"" + v + "\",\"kind\":\"vendor.com/device\",\"devices\":[{\"name\":\"myDevice\",\"containerEdits\":{\"deviceNodes\":[{\"path\":\"/dev/card1\"}]}}]}";
      assertThat(json(spec)).as(v).isEmpty();
    }
  }

  @Test
  void everyFieldOfEveryObjectConforms() throws SpecParseException {
    String edits = """
        "env":["A=1","B="],
        "deviceNodes":[{"path":"/dev/x","hostPath":"/dev/y","type":"c","major":1,"minor":3,"fileMode":438,"permissions":"rw","uid":0,"gid":4294967295}],
        "netDevices":[{"hostInterfaceName":"eth1","name":"net0"}],
        "mounts":[{"hostPath":"/h","containerPath":"/c","type":"bind","options":["ro","rbind"]}],
        "hooks":[{"hookName":"createContainer","path":"/bin/hook","args":["hook","x"],"env":["K=V"],"timeout":5}],
        "intelRdt":{"closID":"c1","l3CacheSchema":"L3:0=f","memBwSchema":"MB:0=50","schemata":["L3:0=f"],"enableMonitoring":true},
        "additionalGids":[5,6]""";
    assertThat(json(withEdits(edits))).isEmpty();
    assertThat(json(withEdits("\"intelRdt\":{\"closID\":\"/\"}"))).as("the root class of service").isEmpty();
  }

  @Test
  void unknownFieldIsReportedAtItsKey() throws SpecParseException {
    List<SchemaViolation> v = json("{\"cdiVersion\":\"0.3.0\",\"kind\":\"vendor.com/gpu\",\"devices\":[{\"name\":\"d\",\n  \"colour\":1,\"containerEdits\":{\"env\":[\"A=1\"]}}]}");
    assertThat(v).singleElement().satisfies(x -> {
      assertThat(x.instancePath()).isEqualTo("/devices/0/colour");
      assertThat(x.position()).isEqualTo(new SourcePosition(2, 3));
      assertThat(x.message()).isEqualTo("property \"colour\" is not allowed");
      assertThat(x).hasToString("at /devices/0/colour: property \"colour\" is not allowed");
    });
  }

  @Test
  void missingRequiredFieldsAreEachReported() throws SpecParseException {
    assertThat(json("{\"kind\":\"vendor.com/gpu\"}")).extracting(SchemaViolation::message)
        .containsExactly("missing property \"cdiVersion\"", "missing property \"devices\"");
    assertThat(json("{\"cdiVersion\":\"0.3.0\",\"kind\":\"vendor.com/gpu\",\"devices\":[{\"name\":\"d\"}]}"))
        .extracting(SchemaViolation::instancePath, SchemaViolation::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/devices/0", "missing property \"containerEdits\""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      empty device list           | {"cdiVersion":"0.3.0","kind":"vendor.com/gpu","devices":[]}                                                    | /devices
      unknown version             | {"cdiVersion":"0.9.0","kind":"vendor.com/gpu","devices":[{"name":"d","containerEdits":{"env":["A=1"]}}]}         | /cdiVersion
      kind without class          | {"cdiVersion":"0.3.0","kind":"vendor.com","devices":[{"name":"d","containerEdits":{"env":["A=1"]}}]}             | /kind
      vendor ends with a dot      | {"cdiVersion":"0.3.0","kind":"vendor./gpu","devices":[{"name":"d","containerEdits":{"env":["A=1"]}}]}            | /kind
      device name with a slash    | {"cdiVersion":"0.3.0","kind":"vendor.com/gpu","devices":[{"name":"a/b","containerEdits":{"env":["A=1"]}}]}       | /devices/0/name
      empty device edits          | {"cdiVersion":"0.3.0","kind":"vendor.com/gpu","devices":[{"name":"d","containerEdits":{}}]}                      | /devices/0/containerEdits
      null device edits           | {"cdiVersion":"0.3.0","kind":"vendor.com/gpu","devices":[{"name":"d","containerEdits":null}]}                    | /devices/0/containerEdits
      env without a key           | {"cdiVersion":"0.3.0","kind":"vendor.com/gpu","devices":[{"name":"d","containerEdits":{"env":["=X"]}}]}          | /devices/0/containerEdits/env/0
      env that is a number        | {"cdiVersion":"0.3.0","kind":"vendor.com/gpu","devices":[{"name":"d","containerEdits":{"env":[1]}}]}             | /devices/0/containerEdits/env/0
      """)
  void malformedSpecIsRejectedAtTheRightPlace(String what, String spec, String pointer) throws SpecParseException {
    assertThat(json(spec)).extracting(SchemaViolation::instancePath).contains(pointer);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      node type                | "deviceNodes":[{"path":"/dev/x","type":"x"}]                 | /devices/0/containerEdits/deviceNodes/0/type
      negative major           | "deviceNodes":[{"path":"/dev/x","major":-1}]                 | /devices/0/containerEdits/deviceNodes/0/major
      uid above uint32         | "deviceNodes":[{"path":"/dev/x","uid":4294967296}]           | /devices/0/containerEdits/deviceNodes/0/uid
      fractional gid           | "deviceNodes":[{"path":"/dev/x","gid":1.5}]                  | /devices/0/containerEdits/deviceNodes/0/gid
      permissions              | "deviceNodes":[{"path":"/dev/x","permissions":"rwx"}]        | /devices/0/containerEdits/deviceNodes/0/permissions
      empty node path          | "deviceNodes":[{"path":""}]                                  | /devices/0/containerEdits/deviceNodes/0/path
      relative node path       | "deviceNodes":[{"path":"dev/x"}]                             | /devices/0/containerEdits/deviceNodes/0/path
      NUL in a node path       | "deviceNodes":[{"path":"/dev/x\\u0000"}]                      | /devices/0/containerEdits/deviceNodes/0/path
      NUL in a node host path  | "deviceNodes":[{"path":"/dev/x","hostPath":"/dev/\\u0000"}]   | /devices/0/containerEdits/deviceNodes/0/hostPath
      relative mount target    | "mounts":[{"hostPath":"/h","containerPath":"c"}]             | /devices/0/containerEdits/mounts/0/containerPath
      NUL in a mount source    | "mounts":[{"hostPath":"/h\\u0000","containerPath":"/c"}]      | /devices/0/containerEdits/mounts/0/hostPath
      NUL in an env entry      | "env":["A=\\u0000"]                                          | /devices/0/containerEdits/env/0
      NUL in a hook path       | "hooks":[{"hookName":"prestart","path":"/bin/\\u0000"}]      | /devices/0/containerEdits/hooks/0/path
      mount without target     | "mounts":[{"hostPath":"/h"}]                                 | /devices/0/containerEdits/mounts/0
      mount options            | "mounts":[{"hostPath":"/h","containerPath":"/c","options":"ro"}] | /devices/0/containerEdits/mounts/0/options
      hook name                | "hooks":[{"hookName":"preStart","path":"/bin/h"}]            | /devices/0/containerEdits/hooks/0/hookName
      relative hook path       | "hooks":[{"hookName":"prestart","path":"bin/h"}]             | /devices/0/containerEdits/hooks/0/path
      zero hook timeout        | "hooks":[{"hookName":"prestart","path":"/bin/h","timeout":0}] | /devices/0/containerEdits/hooks/0/timeout
      closID dot-dot           | "intelRdt":{"closID":".."}                                   | /devices/0/containerEdits/intelRdt/closID
      closID with a slash      | "intelRdt":{"closID":"a/b"}                                  | /devices/0/containerEdits/intelRdt/closID
      enableMonitoring string  | "intelRdt":{"enableMonitoring":"yes"}                        | /devices/0/containerEdits/intelRdt/enableMonitoring
      negative gid             | "additionalGids":[-1]                                        | /devices/0/containerEdits/additionalGids/0
      netDevice without name   | "netDevices":[{"hostInterfaceName":"eth0"}]                  | /devices/0/containerEdits/netDevices/0
      """)
  void malformedEditIsRejectedAtTheRightPlace(String what, String edits, String pointer) throws SpecParseException {
    assertThat(json(withEdits(edits))).extracting(SchemaViolation::instancePath).containsExactly(pointer);
  }

  @Test
  void annotationKeysFollowKubernetesRules() throws SpecParseException {
    String ok = "{\"cdiVersion\":\"0.6.0\",\"kind\":\"vendor.com/gpu\",\"annotations\":{\"Vendor.COM/some_key.1\":\"v\",\"plain\":\"\"},\"devices\":[{\"name\":\"d\",\"containerEdits\":{\"env\":[\"A=1\"]}}]}";
    assertThat(json(ok)).isEmpty();
    String bad = ok.replace("plain", "-bad");
    assertThat(json(bad)).extracting(SchemaViolation::instancePath, SchemaViolation::message)
        .singleElement().satisfies(t -> assertThat(t.toList().get(1).toString()).startsWith("property name \"-bad\": "));
    String longName = ok.replace("plain", "a".repeat(64));
    assertThat(json(longName)).hasSize(1);
    String number = ok.replace("\"plain\":\"\"", "\"plain\":1");
    assertThat(json(number)).extracting(SchemaViolation::instancePath).containsExactly("/annotations/plain");
  }

  @Test
  void yamlPlainScalarsAreReadAsJcdiReadsThem() throws SpecParseException {
    String spec = """
        cdiVersion: 0.5.0
        kind: vendor.com/gpu
        devices:
          - name: y
            containerEdits:
              deviceNodes:
                - path: /dev/x
                  fileMode: 0660
                  major: 0x10
                  uid: 1000
              env: [ON=yes]
        """;
    assertThat(yaml(spec)).isEmpty();
    assertThat(yaml(spec.replace("fileMode: 0660", "fileMode: 0668"))).extracting(SchemaViolation::instancePath)
        .containsExactly("/devices/0/containerEdits/deviceNodes/0/fileMode");
    assertThat(yaml(spec.replace("fileMode: 0660", "fileMode: \"0660\""))).extracting(SchemaViolation::message)
        .containsExactly("expected integer, got string");
    assertThat(yaml(spec.replace("name: y", "name: ~"))).extracting(SchemaViolation::message)
        .containsExactly("expected string, got null");
  }

  @Test
  void yamlViolationCarriesItsLineAndColumn() throws SpecParseException {
    String spec = "cdiVersion: 0.3.0\nkind: vendor.com/gpu\ndevices:\n  - name: d\n    containerEdits:\n      deviceNodes:\n        - path: /dev/x\n          major: -4\n";
    assertThat(yaml(spec)).singleElement().satisfies(v -> assertThat(v.position()).isEqualTo(new SourcePosition(8, 18)));
  }

  @Test
  void syntaxErrorIsAParseExceptionWithItsPlace() {
    assertThatThrownBy(() -> json("{\"cdiVersion\": }"))
        .isInstanceOf(SpecParseException.class)
        .hasMessageContaining("test.json:1:");
    assertThatThrownBy(() -> json("")).isInstanceOf(SpecParseException.class);
  }

  @Test
  void fileOfInvalidUtf8IsAParseException(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("x.json");
    Files.write(p, new byte[] {'{', (byte) 0xff, '}'});
    assertThatThrownBy(() -> SCHEMA.validate(p)).isInstanceOf(SpecParseException.class).hasMessageContaining("UTF-8");
  }

  @Test
  void aModelSpecIsCheckedAsItIsWritten() {
    Spec spec = Spec.builder("vendor.com/gpu").device("gpu0", ContainerEdits.builder().deviceNodes(DeviceNode.of("/dev/gpu0")).build()).build();
    assertThat(SCHEMA.validate(spec)).isEmpty();
  }

  @Test
  void noneAcceptsAnything() throws SpecParseException {
    assertThat(SpecSchema.none().validate("{\"x\":1}", SpecFormat.JSON, "x")).isEmpty();
    assertThat(SpecSchema.none().isNone()).isTrue();
    assertThat(SCHEMA.isNone()).isFalse();
    assertThat(SCHEMA.name()).isEqualTo("builtin");
  }

  @Test
  void hostileNumbersAndKeysAreViolationsNotExceptionsOrHangs() {
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
      for (String doc : List.of("1e2147483648", "1e999999999", "1e-999999999")) {
        assertThat(json(doc)).as(doc).isNotEmpty();
        assertThat(yaml(doc)).as(doc).isNotEmpty();
      }
      assertThat(yaml("7".repeat(1_000_000))).isNotEmpty(); // JSON stops such a number at 1,000 digits
      String key = "a.".repeat(2000) + "a/b";
      String spec = "{\"cdiVersion\":\"0.6.0\",\"kind\":\"vendor.com/gpu\",\"annotations\":{\"" + key + "\":\"\"},\"devices\":[{\"name\":\"d\",\"containerEdits\":{\"env\":[\"A=1\"]}}]}";
      assertThat(json(spec)).extracting(SchemaViolation::instancePath).containsOnly("/annotations/" + key.replace("/", "~1"));
    });
  }
}
