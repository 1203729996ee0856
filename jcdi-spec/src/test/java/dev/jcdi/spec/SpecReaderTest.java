package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.jcdi.spec.SpecParseException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading spec files strictly, with line and column for every problem (cdi-reference.md §1). */
class SpecReaderTest {

  @TempDir Path dir;

  private SpecDocument read(String name, String content) throws IOException {
    return SpecReader.standard().read(Specs.write(dir, name, content));
  }

  private SpecParseException fails(String name, String content) {
    SpecParseException e = catchThrowableOfType(SpecParseException.class, () -> read(name, content));
    assertThat(e).as("reading %s should fail", name).isNotNull();
    assertThat(e.source()).isEqualTo(dir.resolve(name).toString());
    return e;
  }

  private static Problem only(SpecParseException e) {
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  private static void assertAt(Problem p, int line, int column) {
    assertThat(p.position()).as("position of %s", p).isEqualTo(new SourcePosition(line, column));
  }

  private static final String YAML =
      """
      cdiVersion: 1.1.0
      kind: vendor.com/gpu
      annotations:
        vendor.com/key: value
      devices:
      - name: dev0
        containerEdits:
          env: [A=1]
          deviceNodes:
          - path: /dev/x
            type: c
            major: 195
            minor: 0
            fileMode: 0666
            permissions: rw
            uid: 0
            gid: 44
          mounts:
          - hostPath: /a
            containerPath: /b
            options: [ro]
            type: bind
          hooks:
          - hookName: prestart
            path: /bin/h
            args: [h, --x]
            env: [K=V]
            timeout: 5
          intelRdt:
            closID: clos
            schemata: ["L3:0=ff"]
            enableMonitoring: true
          netDevices:
          - hostInterfaceName: eth0
            name: ctr0
          additionalGids: [5, 0]
      containerEdits:
        env: [SPEC=1]
      """;

  private static final Spec EXPECTED =
      Spec.builder("vendor.com/gpu")
          .version("1.1.0")
          .annotation("vendor.com/key", "value")
          .device(
              Device.builder("dev0")
                  .edit(b -> b.env("A=1")
                      .deviceNodes(new DeviceNode("/dev/x", null, Optional.of("c"), OptionalLong.of(195L), OptionalLong.of(0L), OptionalLong.of(0666L), Optional.of("rw"), OptionalLong.of(0L), OptionalLong.of(44L)))
                      .mounts(new Mount("/a", "/b", List.of("ro"), Optional.of("bind")))
                      .hooks(new Hook("prestart", "/bin/h", List.of("h", "--x"), List.of("K=V"), OptionalLong.of(5L)))
                      .intelRdt(new IntelRdt(Optional.of("clos"), null, null, Optional.ofNullable(List.of("L3:0=ff")), Optional.of(true), null, null))
                      .netDevices(NetDevice.of("eth0", "ctr0"))
                      .additionalGids(5, 0))
                  .build())
          .containerEdits(Specs.env("SPEC=1"))
          .build();

  private static final String JSON =
      """
      {
        "cdiVersion": "1.1.0",
        "kind": "vendor.com/gpu",
        "annotations": {"vendor.com/key": "value"},
        "devices": [
          {
            "name": "dev0",
            "containerEdits": {
              "env": ["A=1"],
              "deviceNodes": [{"path": "/dev/x", "type": "c", "major": 195, "minor": 0, "fileMode": 438,
                               "permissions": "rw", "uid": 0, "gid": 44}],
              "mounts": [{"hostPath": "/a", "containerPath": "/b", "options": ["ro"], "type": "bind"}],
              "hooks": [{"hookName": "prestart", "path": "/bin/h", "args": ["h", "--x"], "env": ["K=V"], "timeout": 5}],
              "intelRdt": {"closID": "clos", "schemata": ["L3:0=ff"], "enableMonitoring": true},
              "netDevices": [{"hostInterfaceName": "eth0", "name": "ctr0"}],
              "additionalGids": [5, 0]
            }
          }
        ],
        "containerEdits": {"env": ["SPEC=1"]}
      }
      """;

  // ---- reading valid files ----

  @Test
  void yamlFileWithEveryFieldReads() throws IOException {
    SpecDocument doc = read("vendor.yaml", YAML);
    assertThat(doc.spec()).isEqualTo(EXPECTED);
    assertThat(doc.format()).isEqualTo(SpecFormat.YAML);
    assertThat(doc.source()).isEqualTo(dir.resolve("vendor.yaml").toString());
    assertThat(SpecValidator.validate(doc)).isEmpty();
  }

  @Test
  void jsonFileWithEveryFieldReads() throws IOException {
    SpecDocument doc = read("vendor.json", JSON);
    assertThat(doc.spec()).isEqualTo(EXPECTED);
    assertThat(doc.format()).isEqualTo(SpecFormat.JSON);
  }

  @Test
  void jsonContentInAYamlFileReads() throws IOException {
    assertThat(read("vendor.yaml", JSON).spec()).isEqualTo(EXPECTED);
  }

  @Test
  void ymlAndExtensionlessFilesReadAsYaml() throws IOException {
    assertThat(read("vendor.yml", YAML).spec()).isEqualTo(EXPECTED);
    assertThat(read("vendor", YAML).spec()).isEqualTo(EXPECTED);
  }

  @Test
  void absentFieldsAndEmptyListsReadAsEmpty() throws IOException {
    Spec s = read("x.yaml", """
        cdiVersion: 0.3.0
        kind: vendor.com/gpu
        devices:
        - name: d
          containerEdits:
            env: []
            deviceNodes: [{path: /dev/x}]
        """).spec();
    ContainerEdits e = s.devices().get(0).containerEdits();
    assertThat(e.env()).isEmpty();
    assertThat(e.mounts()).isEmpty();
    assertThat(e.intelRdt()).isEmpty();
    assertThat(e.deviceNodes().get(0).hostPath()).isEmpty();
    assertThat(s.annotations()).isEmpty();
    assertThat(s.containerEdits()).isEqualTo(ContainerEdits.EMPTY);
  }

  @Test
  void explicitNullReadsAsAbsent() throws IOException {
    Spec s = read("x.yaml", "cdiVersion: 0.3.0\nkind: vendor.com/gpu\nannotations: ~\ncontainerEdits: null\ndevices: []\n").spec();
    assertThat(s.annotations()).isEmpty();
    assertThat(s.containerEdits()).isEqualTo(ContainerEdits.EMPTY);
    assertThat(s.devices()).isEmpty();
  }

  @Test
  void byteOrderMarkIsTolerated() throws IOException {
    assertThat(read("bom.json", "\uFEFF" + JSON).spec()).isEqualTo(EXPECTED);
  }

  @Test
  void missingFileIsAnIOExceptionNotAParseProblem() {
    assertThatThrownBy(() -> SpecReader.standard().read(dir.resolve("absent.yaml")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void readingDoesNotValidate() throws IOException {
    Spec s = read("x.yaml", "cdiVersion: 9.9.9\nkind: nope\ndevices: [{name: _x}]\n").spec();
    assertThat(s.cdiVersion()).isEqualTo("9.9.9");
    assertThat(SpecValidator.isValid(s)).isFalse();
  }

  // ---- unknown fields ----

  /** Every place a key can be, as a marker line in the templates below. */
  private static final String YAML_TEMPLATE =
      """
      cdiVersion: 1.1.0
      %top%
      kind: vendor.com/gpu
      devices:
      - name: dev0
        %device%
        containerEdits:
          %edits%
          deviceNodes:
          - path: /dev/x
            %node%
          mounts:
          - hostPath: /a
            %mount%
            containerPath: /b
          hooks:
          - hookName: prestart
            %hook%
            path: /bin/h
          intelRdt:
            %intelRdt%
            closID: c
          netDevices:
          - hostInterfaceName: eth0
            %netDevice%
            name: eth1
      """;

  private static final String JSON_TEMPLATE =
      """
      {
        %top%
        "cdiVersion": "1.1.0",
        "kind": "vendor.com/gpu",
        "devices": [
          {
            %device%
            "name": "dev0",
            "containerEdits": {
              %edits%
              "deviceNodes": [
                {
                  %node%
                  "path": "/dev/x"
                }
              ],
              "mounts": [{
                %mount%
                "hostPath": "/a", "containerPath": "/b"
              }],
              "hooks": [{
                %hook%
                "hookName": "prestart", "path": "/bin/h"
              }],
              "intelRdt": {
                %intelRdt%
                "closID": "c"
              },
              "netDevices": [{
                %netDevice%
                "hostInterfaceName": "eth0", "name": "eth1"
              }]
            }
          }
        ]
      }
      """;

  /** The template with {@code marker} replaced by {@code line}, the other markers removed. */
  private record Placed(String text, int line, int column) {}

  private static Placed place(String template, String marker, String line) {
    StringBuilder b = new StringBuilder();
    int at = -1;
    int column = -1;
    int n = 0;
    for (String l : template.split("\n", -1)) {
      String t = l.strip();
      if (t.startsWith("%") && t.endsWith("%")) {
        if (!t.equals("%" + marker + "%")) {
          continue;
        }
        column = l.indexOf('%') + 1;
        l = l.replace(t, line);
        at = n + 1;
      }
      b.append(l).append('\n');
      n++;
    }
    assertThat(at).as("marker %s", marker).isPositive();
    return new Placed(b.toString(), at, column);
  }

  @Test
  void templatesWithoutMarkersAreValidSpecs() throws IOException {
    Placed y = place(YAML_TEMPLATE, "top", "");
    Placed j = place(JSON_TEMPLATE, "top", "");
    assertThat(SpecValidator.validate(read("t.yaml", y.text()).spec())).isEmpty();
    assertThat(read("t.json", j.text()).spec()).isEqualTo(read("t.yaml", y.text()).spec());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "top, ''",
    "device, devices[0]",
    "edits, devices[0].containerEdits",
    "node, devices[0].containerEdits.deviceNodes[0]",
    "mount, devices[0].containerEdits.mounts[0]",
    "hook, devices[0].containerEdits.hooks[0]",
    "intelRdt, devices[0].containerEdits.intelRdt",
    "netDevice, devices[0].containerEdits.netDevices[0]",
  })
  void unknownFieldAnywhereIsAnErrorWithLineAndColumn(String where, String parent) {
    String field = parent.isEmpty() ? "bogus" : parent + ".bogus";
    Placed y = place(YAML_TEMPLATE, where, "bogus: 1");
    Problem p = only(fails("u.yaml", y.text()));
    assertThat(p.fieldPath()).isEqualTo(field);
    assertThat(p.message()).startsWith("unknown field \"bogus\"");
    assertAt(p, y.line(), y.column());

    Placed j = place(JSON_TEMPLATE, where, "\"bogus\": 1,");
    Problem q = only(fails("u.json", j.text()));
    assertThat(q.fieldPath()).isEqualTo(field);
    assertThat(q.message()).startsWith("unknown field \"bogus\"");
    assertAt(q, j.line(), j.column());
  }

  @ParameterizedTest(name = "{1} for {2}")
  @CsvSource({
    "top, CDIVERSION, cdiVersion",
    "top, Kind, kind",
    "device, NAME, name",
    "device, containeredits, containerEdits",
    "edits, DeviceNodes, deviceNodes",
    "edits, additionalGIDs, additionalGids",
    "node, hostpath, hostPath",
    "mount, containerpath, containerPath",
    "hook, HookName, hookName",
    "intelRdt, closId, closID",
    "netDevice, hostinterfacename, hostInterfaceName",
  })
  void keyDifferingOnlyInCaseNamesTheRightKey(String where, String wrong, String right) {
    Placed y = place(YAML_TEMPLATE, where, wrong + ": x");
    SpecParseException e = fails("case.yaml", y.text());
    Problem p = only(e);
    assertThat(p.message()).contains("unknown field \"" + wrong + "\"").contains("did you mean \"" + right + "\"");
    assertThat(p.fieldPath()).endsWith(right);
    assertAt(p, y.line(), y.column());
  }

  @Test
  void unknownKeysInTwoPlacesAreBothReported() {
    SpecParseException e = fails("two.yaml", """
        cdiVersion: 0.3.0
        kind: vendor.com/gpu
        extra: 1
        devices:
        - name: d
          containerEdits:
            env: [A=1]
            mystery: true
        """);
    assertThat(e.problems())
        .extracting(Problem::fieldPath, p -> p.position().toString())
        .containsExactly(tuple("extra", "3:1"), tuple("devices[0].containerEdits.mystery", "8:5"));
  }

  // ---- duplicate keys ----

  @Test
  void duplicateKeyInJsonIsAnError() {
    Problem p = only(fails("dup.json", "{\n  \"cdiVersion\": \"0.3.0\",\n  \"kind\": \"a/b\",\n  \"kind\": \"c/d\"\n}\n"));
    assertThat(p.message()).contains("duplicate key \"kind\"").contains("first at line 3");
    assertAt(p, 4, 3);
  }

  @Test
  void duplicateKeyInYamlIsAnError() {
    Problem p = only(fails("dup.yaml", "cdiVersion: 0.3.0\nkind: a/b\ndevices:\n- name: x\n  name: y\n"));
    assertThat(p.message()).contains("duplicate key \"name\"").contains("first at line 4");
    assertAt(p, 5, 3);
  }

  @Test
  void duplicateAnnotationKeyIsAnError() {
    Problem p = only(fails("dup.yaml", "annotations:\n  a: 1\n  b: 2\n  a: 3\n"));
    assertThat(p.message()).contains("duplicate key \"a\"");
    assertAt(p, 4, 3);
  }

  @Test
  void keysDifferingInCaseAreNotDuplicates() throws IOException {
    Spec s = read("ann.yaml", "annotations:\n  a: 1\n  A: 2\n").spec();
    assertThat(s.annotations()).containsExactly(Map.entry("a", "1"), Map.entry("A", "2"));
  }

  // ---- wrong types ----

  @Test
  void stringWhereListIsAnError() {
    Problem p = only(fails("t.yaml", "devices:\n- name: d\n  containerEdits:\n    env: A=1\n"));
    assertThat(p.fieldPath()).isEqualTo("devices[0].containerEdits.env");
    assertThat(p.message()).isEqualTo("devices[0].containerEdits.env must be a list, not the scalar A=1");
    assertAt(p, 4, 10);
  }

  @Test
  void numberWhereStringInJsonIsAnError() {
    Problem p = only(fails("t.json", "{\"cdiVersion\": \"0.3.0\", \"kind\": 42}"));
    assertThat(p.fieldPath()).isEqualTo("kind");
    assertThat(p.message()).isEqualTo("kind must be a string, not a number");
    assertAt(p, 1, 33);
  }

  @Test
  void booleanWhereStringInJsonIsAnError() {
    Problem p = only(fails("t.json", "{\"devices\": [{\"name\": true}]}"));
    assertThat(p.fieldPath()).isEqualTo("devices[0].name");
    assertThat(p.message()).contains("must be a string, not a boolean");
  }

  @Test
  void stringWhereBooleanInJsonIsAnError() {
    Problem p = only(fails("t.json", "{\"containerEdits\": {\"intelRdt\": {\"enableMonitoring\": \"true\"}}}"));
    assertThat(p.fieldPath()).isEqualTo("containerEdits.intelRdt.enableMonitoring");
    assertThat(p.message()).contains("must be true or false, not a string");
  }

  /** The reference reads a number written as a float through a float: a whole one is the integer. */
  @ParameterizedTest
  @CsvSource({"t.json, 1.0, 1", "t.json, 1e2, 100", "t.json, -0.0, 0", "t.json, 2.50e1, 25", "t.yaml, 1.0, 1", "t.yaml, 1e3, 1000", "t.yaml, +3.0, 3"})
  void wholeNumberWrittenAsAFloatIsTheInteger(String file, String value, long expected) throws IOException {
    String text = file.endsWith(".json")
        ? "{\"containerEdits\": {\"deviceNodes\": [{\"path\": \"/x\", \"major\": " + value + "}]}}"
        : "containerEdits:\n  deviceNodes:\n  - path: /x\n    major: " + value + "\n";
    assertThat(read(file, text).spec().containerEdits().deviceNodes().get(0).major()).hasValue(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "1e-3", "1e99999", "1e9999999999", "\"1\"", "true", "[]"})
  void nonIntegerIntoIntegerFieldInJsonIsAnError(String value) {
    Problem p = only(fails("t.json", "{\"containerEdits\": {\"deviceNodes\": [{\"path\": \"/x\", \"major\": " + value + "}]}}"));
    assertThat(p.fieldPath()).isEqualTo("containerEdits.deviceNodes[0].major");
    assertThat(p.message()).contains("must be an integer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", ".5", "0x", "1:30", "08", "0668", "true", "'1'", "١٢", "０６６０"})
  void nonIntegerIntoIntegerFieldInYamlIsAnError(String value) {
    Problem p = only(fails("t.yaml", "containerEdits:\n  hooks:\n  - hookName: prestart\n    path: /x\n    timeout: " + value + "\n"));
    assertThat(p.fieldPath()).isEqualTo("containerEdits.hooks[0].timeout");
    assertThat(p.message()).contains("must be an integer");
    assertAt(p, 5, 14);
  }

  @Test
  void negativeUidIsAnError() {
    Problem p = only(fails("t.json", "{\"containerEdits\": {\"deviceNodes\": [{\"path\": \"/x\", \"uid\": -1}]}}"));
    assertThat(p.fieldPath()).isEqualTo("containerEdits.deviceNodes[0].uid");
    assertThat(p.message()).contains("-1 is out of range for an unsigned 32-bit integer");
  }

  @Test
  void uint32OverflowIsAnError() throws IOException {
    Problem p = only(fails("t.yaml", "containerEdits:\n  additionalGids: [4294967295, 4294967296]\n"));
    assertThat(p.fieldPath()).isEqualTo("containerEdits.additionalGids[1]");
    assertThat(p.message()).contains("4294967296 is out of range");
    assertAt(p, 2, 32);
    assertThat(read("ok.yaml", "containerEdits:\n  additionalGids: [4294967295]\n").spec().containerEdits().additionalGids())
        .containsExactly(4294967295L);
  }

  @Test
  void int64OverflowIsAnError() throws IOException {
    Problem p = only(fails("t.json", "{\"containerEdits\": {\"deviceNodes\": [{\"path\": \"/x\", \"minor\": 9223372036854775808}]}}"));
    assertThat(p.message()).contains("does not fit in a signed 64-bit integer");
    Spec s = read("ok.json", "{\"containerEdits\": {\"deviceNodes\": [{\"path\": \"/x\", \"minor\": -9223372036854775808}]}}").spec();
    assertThat(s.containerEdits().deviceNodes().get(0).minor()).hasValue(Long.MIN_VALUE);
  }

  @Test
  void mapWhereListIsAnError() {
    Problem p = only(fails("t.yaml", "devices:\n  name: d\n"));
    assertThat(p.fieldPath()).isEqualTo("devices");
    assertThat(p.message()).isEqualTo("devices must be a list, not a map");
    assertAt(p, 2, 3);
  }

  @Test
  void listWhereMapIsAnError() {
    Problem p = only(fails("t.json", "{\"containerEdits\": []}"));
    assertThat(p.message()).isEqualTo("containerEdits must be a map, not a list");
  }

  @Test
  void documentThatIsNotAMapIsAnError() {
    assertThat(only(fails("t.yaml", "just a string\n")).message()).isEqualTo("the spec must be a map, not the scalar just a string");
    assertThat(only(fails("t.json", "[1]")).message()).isEqualTo("the spec must be a map, not a list");
  }

  @Test
  void aLongScalarIsQuotedInAMessageByItsStartAndLength() { // a fuzzing finding
    String scalar = "x".repeat(15) + "6".repeat(100_000);
    assertThat(only(fails("t.yaml", scalar + "\n")).message())
        .isEqualTo("the spec must be a map, not the scalar xxxxxxxxxxxxxxx66666... (100015 characters)");
  }

  @Test
  void nullInAListOfStringsIsTheEmptyStringAsInTheReference() throws IOException {
    Spec spec = read("t.yaml", "containerEdits:\n  hooks:\n  - hookName: prestart\n    path: /bin/h\n    args: [a, null, ~]\n  mounts:\n  - {hostPath: /a, containerPath: /b, options: [ro, ~]}\n").spec();
    assertThat(spec.containerEdits().hooks().get(0).args()).containsExactly("a", "", "");
    assertThat(spec.containerEdits().mounts().get(0).options()).containsExactly("ro", "");
    // in env the empty string is then an invalid entry, reported by validation at the item
    Spec env = read("t.yaml", "containerEdits:\n  env:\n  - A=1\n  - null\n").spec();
    assertThat(env.containerEdits().env()).containsExactly("A=1", "");
  }

  @Test
  void nullAnnotationValueIsTheEmptyStringAsInTheReference() throws IOException {
    assertThat(read("t.json", "{\"annotations\": {\"a\": null}}").spec().annotations()).containsExactly(java.util.Map.entry("a", ""));
    assertThat(read("t.yaml", "annotations:\n  a:\n  b: ~\n").spec().annotations()).containsOnlyKeys("a", "b").containsValues("", "");
  }

  @Test
  void nullItemInAListOfObjectsIsAnError() {
    Problem p = only(fails("t.yaml", "containerEdits:\n  mounts:\n  - null\n"));
    assertThat(p.fieldPath()).isEqualTo("containerEdits.mounts[0]");
    assertThat(p.message()).contains("must not be null");
  }

  @Test
  void complexYamlKeyIsAnError() {
    Problem p = only(fails("t.yaml", "? [a, b]\n: c\n"));
    assertThat(p.message()).contains("a key must be a plain string");
  }

  // ---- one document, nothing after it ----

  @Test
  void trailingContentAfterJsonIsAnError() {
    Problem p = only(fails("t.json", "{\"cdiVersion\": \"0.3.0\"}\n{}\n"));
    assertThat(p.message()).isEqualTo("unexpected content after the end of the JSON document");
    assertAt(p, 2, 1);
  }

  @Test
  void trailingGarbageAfterJsonIsAnError() {
    Problem p = only(fails("t.json", "{\"cdiVersion\": \"0.3.0\"} xyz"));
    assertThat(p.message()).startsWith("invalid JSON");
    assertAt(p, 1, 25);
  }

  @Test
  void trailingWhitespaceAfterJsonIsFine() throws IOException {
    assertThat(read("t.json", "{\"cdiVersion\": \"0.3.0\"}\n\n  \t\n").spec().cdiVersion()).isEqualTo("0.3.0");
  }

  @Test
  void jsonFileContainingYamlFails() {
    Problem p = only(fails("spec.json", YAML));
    assertThat(p.message()).startsWith("invalid JSON");
    assertAt(p, 1, 1);
  }

  @Test
  void jsonWithCommentsFails() {
    assertThat(only(fails("c.json", "// comment\n{}")).message()).startsWith("invalid JSON");
  }

  @Test
  void secondYamlDocumentFails() {
    Problem p = only(fails("two.yaml", "cdiVersion: 0.3.0\n---\nkind: vendor.com/gpu\n"));
    assertThat(p.message()).contains("exactly one YAML document");
    assertAt(p, 2, 1);
  }

  @Test
  void documentEndMarkerAloneIsFine() throws IOException {
    assertThat(read("one.yaml", "---\ncdiVersion: 0.3.0\n...\n").spec().cdiVersion()).isEqualTo("0.3.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty.yaml", "empty.json"})
  void emptyFileFails(String name) {
    assertThat(only(fails(name, "")).message()).contains("no spec data");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "n.yaml|null", "n.yaml|~", "n.yaml|---", "n.json|null", "n.yaml|# only a comment", "n.json|  \\n "
  })
  void nullOrBlankDocumentFails(String name, String content) {
    assertThat(only(fails(name, content.replace("\\n", "\n") + "\n")).message()).contains("no spec data");
  }

  // ---- syntax errors: place and wording ----

  @Test
  void unclosedJsonObjectNamesTheEnd() {
    Problem p = only(fails("t.json", "{\n  \"cdiVersion\": \"0.3.0\",\n"));
    assertThat(p.message()).contains("unexpected end of file");
    assertThat(p.position().line()).isEqualTo(3);
  }

  @Test
  void missingCommaInJsonIsLocated() {
    Problem p = only(fails("t.json", "{\n  \"cdiVersion\": \"0.3.0\"\n  \"kind\": \"a/b\"\n}\n"));
    assertThat(p.message()).isEqualTo("invalid JSON: expected ',' or '}' after an object entry");
    assertAt(p, 3, 3);
  }

  @Test
  void badYamlIndentationIsLocated() {
    Problem p = only(fails("t.yaml", "cdiVersion: 0.3.0\nkind: a/b\n  devices: []\n"));
    assertThat(p.message()).startsWith("invalid YAML");
    assertAt(p, 3, 10);
  }

  @Test
  void invalidUtf8Fails() throws IOException {
    Path f = dir.resolve("bad.yaml");
    Files.write(f, new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
    SpecParseException e = catchThrowableOfType(SpecParseException.class, () -> SpecReader.standard().read(f));
    assertThat(only(e).message()).contains("not valid UTF-8");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "80",          // a lone continuation byte
    "c3",          // a sequence cut short by the end of the file
    "c0af",        // an overlong '/'
    "eda080",      // a UTF-16 surrogate written as UTF-8
    "f4908080",    // past U+10FFFF
    "f5",          // a byte no UTF-8 has
    "efbfbd80",    // a real U+FFFD and then a broken byte
  })
  void everyMalformedUtf8SequenceFails(String hex) {
    byte[] tail = java.util.HexFormat.of().parseHex(hex);
    byte[] head = "cdiVersion: 0.3.0\nkind: a/b # ".getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[head.length + tail.length];
    System.arraycopy(head, 0, content, 0, head.length);
    System.arraycopy(tail, 0, content, head.length, tail.length);
    SpecParseException e = catchThrowableOfType(SpecParseException.class,
        () -> SpecReader.standard().parse(content, SpecFormat.YAML, "t.yaml"));
    assertThat(only(e).message()).isEqualTo("the file is not valid UTF-8");
  }

  @Test
  void aReplacementCharacterInTheFileIsText() throws SpecParseException {
    byte[] content = "{\"cdiVersion\":\"0.3.0\",\"kind\":\"a/b\",\"devices\":[{\"name\":\"x\",\"annotations\":{\"k\":\"\uFFFD\"},\"containerEdits\":{\"env\":[\"A=1\"]}}]}"
        .getBytes(StandardCharsets.UTF_8);
    SpecDocument d = SpecReader.standard().parse(content, SpecFormat.JSON, "t.json");
    assertThat(d.spec().devices().get(0).annotations()).containsEntry("k", "\uFFFD");
  }

  @Test
  void theDocumentsPositionsAreReadOnlyAsACopyWouldBe() throws SpecParseException {
    byte[] content = "{\"cdiVersion\":\"0.3.0\",\"kind\":\"a/b\",\"devices\":[{\"name\":\"x\",\"containerEdits\":{\"env\":[\"A=1\"]}}]}"
        .getBytes(StandardCharsets.UTF_8);
    SpecDocument doc = SpecReader.standard().parse(content, SpecFormat.JSON, "t.json");
    Map<String, SourcePosition> positions = doc.positions();
    Map<String, SourcePosition> copy = Map.copyOf(positions);
    assertThat(positions).isEqualTo(copy).hasSameHashCodeAs(copy).containsKey("devices[0].containerEdits.env[0]");
    assertThat(positions.get("kind")).isEqualTo(new SourcePosition(1, 30));
    assertThatThrownBy(() -> positions.put("x", new SourcePosition(1, 1))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> positions.putIfAbsent("kind", new SourcePosition(1, 1))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> positions.remove("kind")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(positions::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> positions.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> positions.keySet().remove("kind")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> positions.get(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> positions.containsKey(null)).isInstanceOf(NullPointerException.class);
    SpecDocument again = new SpecDocument("t.json", SpecFormat.JSON, doc.spec(), positions);
    assertThat(again.positions()).isSameAs(positions);
  }

  // ---- every problem, each in its place ----

  @Test
  void everyBindingProblemIsListedInFileOrder() {
    SpecParseException e = fails("many.json",
        """
        {
          "cdiVersion": 1.1,
          "kind": "vendor.com/gpu",
          "devices": [
            {"name": "d", "containerEdits": {"deviceNodes": [{"path": "/x", "uid": -1, "gid": "0"}]}},
            {"name": "e", "Annotations": {}, "containerEdits": {"env": "A=1"}}
          ],
          "containerEdits": {"intelRdt": {"closID": 7}}
        }
        """);
    assertThat(e.problems())
        .extracting(Problem::fieldPath, p -> p.position().toString())
        .containsExactly(
            tuple("cdiVersion", "2:17"),
            tuple("devices[0].containerEdits.deviceNodes[0].uid", "5:76"),
            tuple("devices[0].containerEdits.deviceNodes[0].gid", "5:87"),
            tuple("devices[1].annotations", "6:19"),
            tuple("devices[1].containerEdits.env", "6:64"),
            tuple("containerEdits.intelRdt.closID", "8:45"));
    String src = dir.resolve("many.json").toString();
    assertThat(e.getMessage().split("\n"))
        .hasSize(6)
        .allSatisfy(line -> assertThat(line).startsWith(src + ":"));
    assertThat(e.getMessage()).contains(src + ":2:17: cdiVersion must be a string, not a number");
  }

  @Test
  void bindingProblemsKeepAPartialDocument() {
    SpecParseException e = fails("p.yaml", "cdiVersion: 0.3.0\nkind: vendor.com/gpu\nbogus: 1\ndevices: [{name: d, containerEdits: {env: [A=1]}}]\n");
    assertThat(e.partialDocument()).hasValueSatisfying(d -> {
      assertThat(d.spec().kind()).isEqualTo("vendor.com/gpu");
      assertThat(d.spec().devices()).hasSize(1);
    });
  }

  @Test
  void syntaxErrorsHaveNoPartialDocument() {
    assertThat(fails("s.json", "{").partialDocument()).isEmpty();
  }

  // ---- positions of fields ----

  @Test
  void documentKnowsWhereEachFieldIs() throws IOException {
    SpecDocument doc = read("pos.yaml", YAML);
    assertThat(doc.position("kind")).contains(new SourcePosition(2, 7));
    assertThat(doc.position("devices[0]")).contains(new SourcePosition(6, 3));
    assertThat(doc.position("devices[0].name")).contains(new SourcePosition(6, 9));
    assertThat(doc.position("devices[0].containerEdits.deviceNodes[0].permissions")).contains(new SourcePosition(15, 20));
    assertThat(doc.position("annotations[\"vendor.com/key\"]")).contains(new SourcePosition(4, 3));
    assertThat(doc.position("containerEdits.env[0]")).contains(new SourcePosition(38, 9));
  }

  @Test
  void absentFieldIsLocatedAtItsParent() throws IOException {
    SpecDocument doc = read("pos.yaml", YAML);
    assertThat(doc.position("devices[0].containerEdits.mounts[0].hostPath.nothing")).contains(new SourcePosition(19, 17));
    assertThat(doc.position("devices[0].containerEdits.deviceNodes[0].hostPath")).contains(new SourcePosition(10, 7));
    assertThat(doc.locate("devices[0].containerEdits.deviceNodes[0].hostPath")).isEqualTo(doc.source() + ":10:7");
  }

  @Test
  void jsonPositionsCountFromOne() throws IOException {
    SpecDocument doc = read("pos.json", JSON);
    assertThat(doc.position("cdiVersion")).contains(new SourcePosition(2, 17));
    assertThat(doc.position("devices[0].containerEdits.deviceNodes[0].gid")).contains(new SourcePosition(11, 64));
  }

  @Test
  void validationViolationsCanBeLocatedInTheFile() throws IOException {
    SpecDocument doc = read("v.yaml", "cdiVersion: 0.3.0\nkind: vendor.com/gpu\ndevices:\n- name: d\n  containerEdits:\n    env: [A=1, NOPE]\n");
    List<String> located = new ArrayList<>();
    for (Violation v : SpecValidator.validate(doc)) {
      located.add(doc.locate(v.path()) + ": " + v.message());
    }
    assertThat(located).singleElement().asString().startsWith(doc.source() + ":6:16: invalid environment variable \"NOPE\"");
  }

  @Test
  void violationOfAnAnnotationKeyIsLocatedAtTheKey() throws IOException {
    // keys with characters the path must escape (tab, quote, backslash) are still found
    SpecDocument doc = read("k.yaml",
        "cdiVersion: 0.6.0\nkind: vendor.com/gpu\nannotations:\n  ok: 1\n  \"bad\\tkey\": 2\n  'q\"\\': 3\n"
            + "devices: [{name: d, containerEdits: {env: [A=1]}}]\n");
    assertThat(doc.spec().annotations()).containsKeys("bad\tkey", "q\"\\");
    List<String> located = new ArrayList<>();
    for (Violation v : SpecValidator.validate(doc)) {
      located.add(doc.locate(v.path()));
    }
    assertThat(located).containsExactly(doc.source() + ":5:3", doc.source() + ":6:3");
  }

  @Test
  void parseFromBytesAndStringAgreeWithFiles() throws IOException {
    Spec fromBytes = SpecReader.standard().parse(YAML.getBytes(StandardCharsets.UTF_8), SpecFormat.YAML, "mem").spec();
    Spec fromString = SpecReader.standard().parse(JSON, SpecFormat.JSON, "mem").spec();
    assertThat(fromBytes).isEqualTo(EXPECTED);
    assertThat(fromString).isEqualTo(EXPECTED);
  }

  @Test
  void aMegabyteOfDigitsIsRefusedQuickly() {
    String digits = "7".repeat(1_000_000);
    Problem p = only(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
        () -> fails("t.yaml", "containerEdits:\n  deviceNodes:\n  - path: /x\n    major: " + digits + "\n")));
    assertThat(p.fieldPath()).isEqualTo("containerEdits.deviceNodes[0].major");
    assertThat(p.message()).contains("a number of 1000000 characters is out of range");
  }
}
