package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jcdi.spec.Violation.Rule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * YAML scalars: strings keep their text, integers read as vendors mean them (cdi-reference.md §1,
 * where jcdi differs from the reference's YAML 1.1 conversion).
 */
class YamlScalarTest {

  private static Spec yaml(String text) throws SpecParseException {
    return SpecReader.standard().parse(text, SpecFormat.YAML, "t.yaml").spec();
  }

  private static String deviceName(String scalar) throws SpecParseException {
    return yaml("devices:\n- name: " + scalar + "\n").devices().get(0).name();
  }

  private static Long fileMode(String scalar) throws SpecParseException {
    return boxed(yaml("containerEdits:\n  deviceNodes:\n  - path: /dev/x\n    fileMode: " + scalar + "\n")
        .containerEdits().deviceNodes().get(0).fileMode());
  }

  private static Long boxed(java.util.OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }

  private static Boolean monitoring(String scalar) throws SpecParseException {
    return yaml("containerEdits:\n  intelRdt:\n    enableMonitoring: " + scalar + "\n").containerEdits().intelRdt().orElseThrow().enableMonitoring().orElse(null);
  }

  private static SpecParseException.Problem problem(String text) {
    SpecParseException e = catchThrowableOfType(SpecParseException.class, () -> yaml(text));
    assertThat(e).isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  /** snakeyaml-engine 2.10 fails when a surrogate pair straddles its 1024-character buffer window. */
  @Test
  void characterOutsideTheBmpAtAnyOffsetReads() throws SpecParseException {
    String head = "cdiVersion: 0.3.0\nkind: vendor.com/gpu\ndevices:\n- name: d\n  containerEdits:\n    env: [A=1]\n# ";
    for (int pad = 0; pad < 3200; pad++) {
      String text = head + "x".repeat(pad) + "\uD83D\uDE00\n";
      assertThat(yaml(text).devices()).as("emoji at offset %d", head.length() + pad).hasSize(1);
    }
  }

  @Test
  void nameYIsTheStringY() throws SpecParseException {
    assertThat(deviceName("y")).isEqualTo("y");
  }

  @Test
  void nameYesIsTheStringYes() throws SpecParseException {
    assertThat(deviceName("yes")).isEqualTo("yes");
  }

  @Test
  void nameZeroIsTheStringZero() throws SpecParseException {
    assertThat(deviceName("0")).isEqualTo("0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "off", "NO", "0660", "0x1b6", "1.0", "1e3", ".inf", "-.5", "2001-12-14", "1_000", "0o7"})
  void plainScalarsBoundToStringsKeepTheirText(String text) throws SpecParseException {
    assertThat(deviceName(text)).isEqualTo(text);
    assertThat(yaml("annotations:\n  k: " + text + "\n").annotations()).containsEntry("k", text);
    assertThat(yaml("containerEdits:\n  env: [" + text + "]\n").containerEdits().env()).containsExactly(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"~", "null", "Null", "NULL", ""})
  void nullWordsBoundToAStringAreAbsent(String text) throws SpecParseException {
    assertThat(deviceName(text)).isEmpty();
  }

  @Test
  void quotedNullWordIsAString() throws SpecParseException {
    assertThat(deviceName("'null'")).isEqualTo("null");
    assertThat(deviceName("\"~\"")).isEqualTo("~");
  }

  @Test
  void cdiVersionOneDotZeroStaysTheString() throws SpecParseException {
    Spec spec = yaml("cdiVersion: 1.0\nkind: vendor.com/gpu\ndevices: [{name: d, containerEdits: {env: [A=1]}}]\n");
    assertThat(spec.cdiVersion()).isEqualTo("1.0");
    assertThat(SpecValidator.validate(spec)).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo(Rule.VERSION_UNKNOWN);
      assertThat(v.message()).contains("invalid version \"1.0\"");
    });
  }

  @Test
  void plainCdiVersionReads() throws SpecParseException {
    assertThat(yaml("cdiVersion: 0.6.0\n").cdiVersion()).isEqualTo("0.6.0");
  }

  @Test
  void fileModeWithLeadingZeroIsOctal() throws SpecParseException {
    assertThat(fileMode("0660")).isEqualTo(432L);
  }

  @Test
  void fileModeWithYaml12OctalPrefixIsOctal() throws SpecParseException {
    assertThat(fileMode("0o660")).isEqualTo(432L);
  }

  @Test
  void fileModeInHexIsHex() throws SpecParseException {
    assertThat(fileMode("0x1b6")).isEqualTo(438L);
    assertThat(fileMode("0X1B6")).isEqualTo(438L);
  }

  @ParameterizedTest
  @CsvSource({"438, 438", "0, 0", "+438, 438", "0b110110110, 438", "0666, 438", "'!!int 0666', 438", "00, 0"})
  void integerForms(String text, long value) throws SpecParseException {
    assertThat(fileMode(text)).isEqualTo(value);
  }

  @Test
  void quotedOctalIntoFileModeIsATypeError() {
    SpecParseException.Problem p = problem("containerEdits:\n  deviceNodes:\n  - path: /dev/x\n    fileMode: \"0660\"\n");
    assertThat(p.fieldPath()).isEqualTo("containerEdits.deviceNodes[0].fileMode");
    assertThat(p.message()).contains("must be an integer, not a string");
    assertThat(p.position()).isEqualTo(new SourcePosition(4, 15));
  }

  @Test
  void strTaggedNumberIntoFileModeIsATypeError() {
    assertThat(problem("containerEdits:\n  deviceNodes:\n  - path: /dev/x\n    fileMode: !!str 438\n").message())
        .contains("must be an integer, not a string");
  }

  @Test
  void octalWithDigitEightIsNotAnInteger() {
    assertThat(problem("containerEdits:\n  deviceNodes:\n  - path: /dev/x\n    fileMode: 0668\n").message())
        .contains("must be an integer, not the scalar 0668");
  }

  @Test
  void negativeOctalFileModeIsOutOfRange() {
    assertThat(problem("containerEdits:\n  deviceNodes:\n  - path: /dev/x\n    fileMode: -0660\n").message())
        .contains("-432 is out of range");
  }

  @Test
  void enableMonitoringYesIsTrue() throws SpecParseException {
    assertThat(monitoring("yes")).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"true, true", "True, true", "on, true", "Y, true", "false, false", "no, false", "Off, false", "n, false"})
  void yamlBooleanWords(String text, boolean value) throws SpecParseException {
    assertThat(monitoring(text)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"'true'", "1", "0", "yes please", "!!str yes"})
  void otherScalarsAreNotBooleans(String text) {
    assertThat(problem("containerEdits:\n  intelRdt:\n    enableMonitoring: " + text + "\n").message())
        .contains("must be true or false");
  }

  @Test
  void blockScalarsKeepTheirText() throws SpecParseException {
    Spec s = yaml("annotations:\n  lit: |\n    a\n    b\n  fold: >\n    a\n    b\n  plain: a\n    b\n");
    assertThat(s.annotations()).containsExactly(Map.entry("lit", "a\nb\n"), Map.entry("fold", "a b\n"), Map.entry("plain", "a b"));
  }

  @Test
  void quotedKeysAreKeys() throws SpecParseException {
    assertThat(yaml("\"cdiVersion\": '0.3.0'\n").cdiVersion()).isEqualTo("0.3.0");
  }

  @Test
  void aliasesExpandToTheSameValue() throws SpecParseException {
    Spec s = yaml("containerEdits: &e\n  env: [A=1]\ndevices:\n- name: a\n  containerEdits: *e\n- name: b\n  containerEdits: *e\n");
    assertThat(s.devices()).extracting(Device::containerEdits).containsExactly(s.containerEdits(), s.containerEdits());
    assertThat(s.containerEdits().env()).isEqualTo(List.of("A=1"));
  }

  @Test
  void unknownTagsAreRejected() {
    assertThat(problem("kind: !custom vendor.com/gpu\n").message()).contains("unsupported YAML tag !custom");
    assertThat(problem("kind: !!binary dmVuZG9y\n").message()).contains("unsupported YAML tag");
    assertThat(problem("devices: !!set {a}\n").message()).contains("unsupported YAML tag");
  }

  @Test
  void mergeKeysAreUnknownFields() {
    SpecParseException.Problem p = problem("containerEdits: &e {env: [A=1]}\ndevices:\n- <<: *e\n  name: x\n");
    assertThat(p.message()).contains("unknown field \"<<\"");
  }
}
