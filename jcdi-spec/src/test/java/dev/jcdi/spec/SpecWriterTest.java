package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing specs as JSON and YAML: spec field order, absent omitted, YAML that reads back the same. */
class SpecWriterTest {

  private static final Spec SMALL =
      Spec.builder("vendor.com/gpu").version("0.5.0")
          .device(Device.builder("0").edit(b -> b.env("A=1")
              .deviceNodes(new DeviceNode("/dev/x", Optional.of("/dev/y"), Optional.of("c"), OptionalLong.of(195L), OptionalLong.of(0L), OptionalLong.of(438L), Optional.of("rw"), OptionalLong.of(0L), OptionalLong.of(44L)))).build())
          .containerEdits(ContainerEdits.builder()
              .mounts(new Mount("/a", "/b", List.of("ro", "nosuid"), null))
              .hooks(Hook.of("prestart", "/bin/h"))
              .build())
          .build();

  /** A spec that sets every field there is. */
  static final Spec FULL =
      new Spec("1.0.0", "vendor.com/gpu", java.util.Map.of("k", "v"),
          List.of(new Device("d", java.util.Map.of("dk", "dv"),
              new ContainerEdits(List.of("A=1"),
                  List.of(new DeviceNode("/dev/x", Optional.of("/dev/y"), Optional.of("c"), OptionalLong.of(1L), OptionalLong.of(2L), OptionalLong.of(3L), Optional.of("rwm"), OptionalLong.of(4L), OptionalLong.of(5L))),
                  List.of(NetDevice.of("eth0", "ctr0")),
                  List.of(new Hook("prestart", "/h", List.of("a"), List.of("E=1"), OptionalLong.of(9L))),
                  List.of(new Mount("/a", "/b", List.of("ro"), Optional.of("bind"))),
                  Optional.ofNullable(new IntelRdt(Optional.of("c"), Optional.of("L3"), Optional.of("MB"), Optional.ofNullable(List.of("S")), Optional.of(true), Optional.of(false), Optional.of(true))),
                  List.of(7L)))),
          ContainerEdits.builder().env("S=1").build());

  private static Spec read(String text, SpecFormat f) throws SpecParseException {
    return SpecReader.standard().parse(text, f, "written" + f.extension()).spec();
  }

  /** The keys in the order they appear in {@code text}. */
  private static List<String> keys(String text) {
    Matcher m = Pattern.compile("\"?([A-Za-z0-9]+)\"?:[ \\n]").matcher(text);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void yamlOutputIsBlockStyleStartingWithDocumentMarker() {
    assertThat(SpecWriter.toYaml(SMALL)).isEqualTo("""
        ---
        cdiVersion: "0.5.0"
        kind: vendor.com/gpu
        devices:
        - name: "0"
          containerEdits:
            env:
            - A=1
            deviceNodes:
            - path: /dev/x
              hostPath: /dev/y
              type: c
              major: 195
              minor: 0
              fileMode: 438
              permissions: rw
              uid: 0
              gid: 44
        containerEdits:
          hooks:
          - hookName: prestart
            path: /bin/h
          mounts:
          - hostPath: /a
            containerPath: /b
            options:
            - ro
            - nosuid
        """);
  }

  @Test
  void jsonOutputIsIndentedAndEndsWithANewline() {
    String json = SpecWriter.toJson(Spec.builder("a/b").version("0.3.0").device("d", Specs.env("A=1")).build());
    assertThat(json).isEqualTo("""
        {
          "cdiVersion": "0.3.0",
          "kind": "a/b",
          "devices": [
            {
              "name": "d",
              "containerEdits": {
                "env": [
                  "A=1"
                ]
              }
            }
          ]
        }
        """);
  }

  @ParameterizedTest
  @EnumSource(SpecFormat.class)
  void fieldsAreInSpecOrder(SpecFormat f) {
    assertThat(keys(SpecWriter.write(FULL, f))).containsExactly(
        "cdiVersion", "kind", "annotations", "k", "devices", "name", "annotations", "dk", "containerEdits",
        "env", "deviceNodes", "path", "hostPath", "type", "major", "minor", "fileMode", "permissions", "uid", "gid",
        "netDevices", "hostInterfaceName", "name",
        "hooks", "hookName", "path", "args", "env", "timeout",
        "mounts", "hostPath", "containerPath", "options", "type",
        "intelRdt", "closID", "l3CacheSchema", "memBwSchema", "schemata", "enableMonitoring", "enableCMT", "enableMBM",
        "additionalGids",
        "containerEdits", "env");
  }

  @ParameterizedTest
  @EnumSource(SpecFormat.class)
  void everyFieldReadsBack(SpecFormat f) throws SpecParseException {
    assertThat(read(SpecWriter.write(FULL, f), f)).isEqualTo(FULL);
  }

  @ParameterizedTest
  @EnumSource(SpecFormat.class)
  void absentFieldsAreOmitted(SpecFormat f) {
    Spec s = new Spec("0.3.0", "a/b", null, List.of(new Device("d", null, ContainerEdits.builder().deviceNodes(DeviceNode.of("/x")).build())), null);
    assertThat(keys(SpecWriter.write(s, f))).containsExactly("cdiVersion", "kind", "devices", "name", "containerEdits", "deviceNodes", "path");
  }

  @ParameterizedTest
  @EnumSource(SpecFormat.class)
  void emptyListsAndMapsAreLeftOut(SpecFormat f) throws SpecParseException {
    // absent and empty are one value in the model, and the reference's writer omits empty lists too
    Spec s = new Spec("0.3.0", "a/b", java.util.Map.of(), List.of(), new ContainerEdits(List.of(), null, null, null, null, null, List.of()));
    String text = SpecWriter.write(s, f);
    assertThat(text).doesNotContain("[]").doesNotContain("annotations").doesNotContain("containerEdits");
    assertThat(read(text, f)).isEqualTo(s);
  }

  @ParameterizedTest
  @EnumSource(SpecFormat.class)
  void presentButEmptyOptionalsAreKept(SpecFormat f) throws SpecParseException {
    // intelRdt: {} needs 0.7.0 and schemata: [] needs 1.1.0: presence is meaning there
    IntelRdt rdt = new IntelRdt(Optional.of(""), null, null, Optional.of(List.of()), null, null, null);
    Spec s = Specs.minimal("1.1.0").device("d", ContainerEdits.builder().intelRdt(rdt).build()).build();
    String text = SpecWriter.write(s, f);
    assertThat(text).contains("[]").contains("closID");
    assertThat(read(text, f)).isEqualTo(s);
    assertThat(SpecVersion.minimumRequired(read(text, f))).isEqualTo(SpecVersion.V1_1_0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"y", "Y", "yes", "No", "on", "OFF", "true", "null", "Null", "~", "0660", "1.0", "0", "1e3",
      "a: b", "#x", "a #b", " lead", "trail ", "-", "- x", "?", "!tag", "&a", "*a", "@x", "`x", "%x", "|", ">", "[x", "{x",
      "x,y", "\"q\"", "'s'", "a\nb", "tab\there", "\\"})
  void yamlQuotesStringsAYamlReaderWouldTakeForSomethingElse(String s) throws SpecParseException {
    Spec spec = Specs.minimal("0.3.0").device(s, Specs.env(s)).build();
    String yaml = SpecWriter.toYaml(spec);
    assertThat(yaml).contains("- name: \"");
    assertThat(read(yaml, SpecFormat.YAML)).isEqualTo(spec);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dev/null", "vendor.com/gpu", "A=1", "dev_0", "a-b.c", "nvidia.com/gpu=all", "_x"})
  void yamlWritesOrdinaryStringsPlain(String s) {
    String yaml = SpecWriter.toYaml(Specs.minimal("0.3.0").device(s, Specs.env("A=1")).build());
    assertThat(yaml).contains("- name: " + s + "\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u007f", "\u0080", "\u0085", "\u009f", "\ufffe", "\uffff", "\u2028", "\u0000", "\u001b", "\b\f\r"})
  void controlAndNonCharactersAreEscaped(String s) throws SpecParseException {
    Spec spec = Specs.minimal("0.6.0").annotation("k", "x" + s + "y").build();
    for (SpecFormat f : SpecFormat.values()) {
      String text = SpecWriter.write(spec, f);
      assertThat(text).doesNotContain(s);
      assertThat(read(text, f)).as("%s", f).isEqualTo(spec);
    }
  }

  @Test
  void unicodeIsWrittenAsIs() throws SpecParseException {
    Spec spec = Specs.minimal("0.6.0").annotation("k", "gr\u00fc\u00df \u65e5\u672c \ud83d\ude00").build();
    for (SpecFormat f : SpecFormat.values()) {
      String text = SpecWriter.write(spec, f);
      assertThat(text).contains("gr\u00fc\u00df \u65e5\u672c \ud83d\ude00");
      assertThat(read(text, f)).isEqualTo(spec);
    }
  }

  @Test
  void annotationKeyLongerThanYamlImplicitKeyLimitReadsBack() throws SpecParseException {
    String key = "k".repeat(2000);
    Spec spec = Specs.minimal("0.6.0").annotation("short", "1").annotation(key, "v").annotation("after", "2").build();
    String yaml = SpecWriter.toYaml(spec);
    assertThat(yaml).contains("? " + key + "\n  : v\n");
    assertThat(read(yaml, SpecFormat.YAML)).isEqualTo(spec);
    assertThat(read(SpecWriter.toJson(spec), SpecFormat.JSON)).isEqualTo(spec);
  }

  @Test
  void numbersAreWrittenInDecimal() {
    Spec spec = Specs.withDeviceEdits("0.3.0", ContainerEdits.builder().deviceNodes(DeviceNode.of("/x").withFileMode(0660L)).build());
    assertThat(SpecWriter.toYaml(spec)).contains("fileMode: 432\n");
    assertThat(SpecWriter.toJson(spec)).contains("\"fileMode\": 432\n");
  }

  @Test
  void negativeNumbersReadBack() throws SpecParseException {
    Spec spec = Specs.withDeviceEdits("0.3.0", ContainerEdits.builder()
        .deviceNodes(new DeviceNode("/x", null, Optional.of("c"), OptionalLong.of(-1L), OptionalLong.of(Long.MIN_VALUE), null, null, null, null)).build());
    for (SpecFormat f : SpecFormat.values()) {
      assertThat(read(SpecWriter.write(spec, f), f)).isEqualTo(spec);
    }
  }

  @Test
  void writeBytesIsUtf8() {
    Spec spec = Specs.minimal("0.6.0").annotation("k", "\u00e9").build();
    assertThat(new String(SpecWriter.writeBytes(spec, SpecFormat.JSON), StandardCharsets.UTF_8)).isEqualTo(SpecWriter.toJson(spec));
    assertThat(SpecWriter.writeBytes(spec, SpecFormat.YAML)).isEqualTo(SpecWriter.toYaml(spec).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void invalidSpecsAreWrittenAsTheyAre() throws SpecParseException {
    // the writer does not validate: SpecFiles does
    Spec spec = new Spec("9", "bad", null, List.of(new Device("_", null, null)), null);
    assertThat(read(SpecWriter.toYaml(spec), SpecFormat.YAML)).isEqualTo(spec);
  }

  @Test
  void anEmptySpecIsWrittenAsAnEmptyMapThatReadsBack() throws SpecParseException {
    Spec empty = SpecReader.standard().parse("{}", SpecFormat.JSON, "e.json").spec();
    assertThat(SpecWriter.toYaml(empty)).isEqualTo("--- {}\n");
    assertThat(SpecReader.standard().parse(SpecWriter.toYaml(empty), SpecFormat.YAML, "e.yaml").spec()).isEqualTo(empty);
  }

  /** Go's JSON decoder reads an escaped lone surrogate as U+FFFD; no UTF-8 file can hold one. */
  @Test
  void aLoneSurrogateReadsAndWritesAsTheReplacementCharacter() throws SpecParseException {
    Spec json = SpecReader.standard().parse("{\"kind\": \"a\\ud800b\", \"annotations\": {\"\\udc00\": \"\\ud83d\\ude00\"}}", SpecFormat.JSON, "s.json").spec();
    assertThat(json.kind()).isEqualTo("a\uFFFDb");
    assertThat(json.annotations()).containsEntry("\uFFFD", "\uD83D\uDE00");
    Spec yaml = SpecReader.standard().parse("kind: \"a\\ud800b\"\n", SpecFormat.YAML, "s.yaml").spec();
    assertThat(yaml.kind()).isEqualTo("a\uFFFDb");
    // a spec built in code is written the same way, so what is written always reads back
    Spec built = new Spec("1.1.0", "x\uDC00", null, null, null);
    for (SpecFormat f : SpecFormat.values()) {
      Spec back = SpecReader.standard().parse(SpecWriter.writeBytes(built, f), f, "b" + f.extension()).spec();
      assertThat(back.kind()).isEqualTo("x\uFFFD");
    }
  }
}
