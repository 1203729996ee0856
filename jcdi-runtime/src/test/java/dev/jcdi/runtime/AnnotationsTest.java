package dev.jcdi.runtime;

import static dev.jcdi.runtime.Annotations.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The reference's annotations_test.go cases (10 + 7 + 7), then the exact rules and messages. */
class AnnotationsTest {

  // --- TestAnnotationKey: 10 cases; a null key means invalid ---

  static Stream<Arguments> keyCases() {
    return Stream.of(
        Arguments.of("invalid, empty plugin", "", "", null),
        Arguments.of("invalid, empty device ID", "plugin", "", null),
        Arguments.of("invalid, non-alphanumeric first character", "_vendor.class", "device", null),
        Arguments.of("invalid, non-alphanumeric last character", "vendor.class", "device_", null),
        Arguments.of("invalid, plugin contains invalid characters", "ven.dor-cl+ass", "device", null),
        Arguments.of("invalid, devID contains invalid characters", "vendor.class", "dev+ice", null),
        Arguments.of("invalid, too plugin long", "123456789012345678901234567890123456789012345678901234567", "device", null),
        Arguments.of("valid, simple", "vendor.class", "device", PREFIX + "vendor.class_device"),
        Arguments.of("valid, with special characters", "v-e.n_d.or.cl-as_s", "d_e-v-i-c_e", PREFIX + "v-e.n_d.or.cl-as_s_d_e-v-i-c_e"),
        Arguments.of("valid, with /'s replaced in devID", "v-e.n_d.or.cl-as_s", "d-e/v/i/c-e", PREFIX + "v-e.n_d.or.cl-as_s_d-e_v_i_c-e"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keyCases")
  void annotationKey(String name, String plugin, String deviceId, String key) {
    if (key == null) {
      assertThatThrownBy(() -> Annotations.key(plugin, deviceId)).isInstanceOf(InvalidAnnotationException.class);
    } else {
      assertThat(Annotations.key(plugin, deviceId)).isEqualTo(key);
    }
  }

  // --- TestUpdateAnnotations: 7 cases ---

  record Injection(String plugin, String deviceId, List<String> devices) {}

  static Stream<Arguments> updateCases() {
    Map<String, String> conflicting = Map.of(PREFIX + "vendor3.class2_device", "vendor3.com/class2=device0");
    return Stream.of(
        Arguments.of(
            "one plugin, one device",
            null,
            List.of(new Injection("vendor.class", "device", List.of("vendor.com/class=device"))),
            Map.of(PREFIX + "vendor.class_device", "vendor.com/class=device"),
            List.of("vendor.com/class=device")),
        Arguments.of(
            "one plugin, multiple devices",
            null,
            List.of(new Injection("vendor.class", "device", List.of("vendor.com/class=device1", "vendor.com/class=device2", "vendor.com/class=device3"))),
            Map.of(PREFIX + "vendor.class_device", "vendor.com/class=device1,vendor.com/class=device2,vendor.com/class=device3"),
            List.of("vendor.com/class=device1", "vendor.com/class=device2", "vendor.com/class=device3")),
        Arguments.of(
            "multiple plugins, multiple devices",
            null,
            List.of(
                new Injection("vendor1.class", "device1", List.of("vendor1.com/class=device1")),
                new Injection("vendor1.class", "device2", List.of("vendor2.com/class=device1", "vendor2.com/class=device2")),
                new Injection("vendor3.class2", "device", List.of("vendor3.com/class2=device1", "vendor3.com/class2=device2", "vendor3.com/class2=device3"))),
            Map.of(
                PREFIX + "vendor1.class_device1", "vendor1.com/class=device1",
                PREFIX + "vendor1.class_device2", "vendor2.com/class=device1,vendor2.com/class=device2",
                PREFIX + "vendor3.class2_device", "vendor3.com/class2=device1,vendor3.com/class2=device2,vendor3.com/class2=device3"),
            List.of(
                "vendor1.com/class=device1",
                "vendor2.com/class=device1",
                "vendor2.com/class=device2",
                "vendor3.com/class2=device1",
                "vendor3.com/class2=device2",
                "vendor3.com/class2=device3")),
        Arguments.of(
            "invalid, empty plugin",
            null,
            List.of(
                new Injection("vendor1.class", "device", List.of("vendor1.com/class=device1")),
                new Injection("vendor2.class", "device", List.of("vendor2.com/class=device1", "vendor2.com/class=device2")),
                new Injection("", "device", List.of("vendor3.com/class2=device1", "vendor3.com/class2=device2", "vendor3.com/class2=device3"))),
            null,
            null),
        Arguments.of(
            "invalid, malformed device reference",
            null,
            List.of(
                new Injection("vendor1.class", "device", List.of("vendor1.com/class=device1")),
                new Injection("vendor2.class", "device", List.of("vendor2.com/class=device1", "vendor2.com/device2")),
                new Injection("vendor3.class2", "device", List.of("vendor3.com/class2=device1", "vendor3.com/class2=device2", "vendor3.com/class2=device3"))),
            null,
            null),
        Arguments.of(
            "invalid, pre-resolved device",
            null,
            List.of(
                new Injection("vendor1.class", "device", List.of("vendor1.com/class=device1")),
                new Injection("vendor2.class", "device", List.of("vendor2.com/class=device1", "vendor2.com/class=device2")),
                new Injection("vendor3.class2", "device", List.of("vendor3.com/class2=device1", "vendor3.com/class2=device2", "/dev/null"))),
            null,
            null),
        Arguments.of(
            "invalid, conflicting keys",
            conflicting,
            List.of(
                new Injection("vendor1.class", "device", List.of("vendor1.com/class=device1")),
                new Injection("vendor2.class", "device", List.of("vendor2.com/class=device1", "vendor2.com/class=device2")),
                new Injection("vendor3.class2", "device", List.of("vendor3.com/class2=device1", "vendor3.com/class2=device2"))),
            null,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updateCases")
  void updateAnnotations(
      String name, Map<String, String> existing, List<Injection> injections, Map<String, String> expected, List<String> parsed) {
    Map<String, String> annotations = existing;
    InvalidAnnotationException failure = null;
    for (Injection i : injections) {
      try {
        annotations = Annotations.update(annotations, i.plugin(), i.deviceId(), i.devices());
      } catch (InvalidAnnotationException e) {
        failure = e;
        break;
      }
    }
    if (expected == null) {
      assertThat(failure).as("an injection fails").isNotNull();
      assertThat(failure.getMessage()).startsWith("CDI annotation failed");
    } else {
      assertThat(failure).isNull();
      assertThat(annotations).isEqualTo(expected);
      assertThat(Annotations.parse(annotations).devices()).containsExactlyElementsOf(parsed);
    }
  }

  // --- TestParseAnnotation: 7 cases; null devices means invalid ---

  static Stream<Arguments> parseCases() {
    return Stream.of(
        Arguments.of(
            "one vendor, one device",
            Map.of(PREFIX + "vendor.class_device", "vendor.com/class=device1"),
            List.of("vendor.com/class=device1")),
        Arguments.of(
            "one vendor, multiple devices",
            Map.of(PREFIX + "vendor.class_device", "vendor.com/class=device1,vendor.com/class=device2,vendor.com/class=device3"),
            List.of("vendor.com/class=device1", "vendor.com/class=device2", "vendor.com/class=device3")),
        Arguments.of(
            "one plugin, one device",
            Map.of(PREFIX + "vendor.class_device", "vendor.com/class=device"),
            List.of("vendor.com/class=device")),
        Arguments.of(
            "one plugin, multiple devices",
            Map.of(PREFIX + "vendor.class_device", "vendor.com/class=device1,vendor.com/class=device2,vendor.com/class=device3"),
            List.of("vendor.com/class=device1", "vendor.com/class=device2", "vendor.com/class=device3")),
        Arguments.of(
            "multiple plugins, multiple devices",
            Map.of(
                PREFIX + "vendor1.class_device", "vendor1.com/class=device1",
                PREFIX + "vendor2.class_device", "vendor2.com/class=device1,vendor2.com/class=device2",
                PREFIX + "vendor3.class2_device", "vendor3.com/class2=device1,vendor3.com/class2=device2,vendor3.com/class2=device3"),
            List.of(
                "vendor1.com/class=device1",
                "vendor2.com/class=device1",
                "vendor2.com/class=device2",
                "vendor3.com/class2=device1",
                "vendor3.com/class2=device2",
                "vendor3.com/class2=device3")),
        Arguments.of(
            "invalid, malformed device reference",
            Map.of(
                PREFIX + "vendor1.class1_device", "vendor1.com/class1=device1",
                PREFIX + "vendor2.class2_device", "vendor2.com/class2=device2",
                PREFIX + "vendor3.class_device", "vendor3.com=device3"),
            null),
        Arguments.of(
            "invalid, pre-resolved device",
            Map.of(
                PREFIX + "vendor1.class2_device", "vendor1.com/class2=device1,vendor1.com/class2=device2",
                PREFIX + "vendor2.class_device", "/dev/null"),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseCases")
  void parseAnnotation(String name, Map<String, String> annotations, List<String> devices) {
    if (devices == null) {
      assertThatThrownBy(() -> Annotations.parse(annotations))
          .isInstanceOf(InvalidAnnotationException.class)
          .hasMessageStartingWith("invalid CDI device name");
    } else {
      assertThat(Annotations.parse(annotations).devices()).containsExactlyElementsOf(devices);
    }
  }

  // --- the rules in detail ---

  @Test
  void keyErrorsNameTheRuleBroken() {
    assertThatThrownBy(() -> Annotations.key("", "d")).hasMessage("invalid plugin name, empty");
    assertThatThrownBy(() -> Annotations.key("p", "")).hasMessage("invalid deviceID, empty");
    assertThatThrownBy(() -> Annotations.key("_vendor.class", "device"))
        .hasMessage("invalid name \"_vendor.class_device\", first '_' should be alphanumeric");
    assertThatThrownBy(() -> Annotations.key("vendor.class", "device_"))
        .hasMessage("invalid name \"vendor.class_device_\", last '_' should be alphanumeric");
    assertThatThrownBy(() -> Annotations.key("ven.dor-cl+ass", "device"))
        .hasMessage("invalid name \"ven.dor-cl+ass_device\", invalid character '+'");
  }

  @Test
  void theNamePartMayBe63BytesButNot64() {
    String plugin56 = "p".repeat(56);
    assertThat(Annotations.key(plugin56, "device")).isEqualTo(PREFIX + plugin56 + "_device");
    String plugin57 = "p".repeat(57);
    assertThatThrownBy(() -> Annotations.key(plugin57, "device"))
        .hasMessage("invalid plugin+deviceID \"" + plugin57 + "_device\", too long");
  }

  @Test
  void theLengthLimitCountsUtf8Bytes() {
    // 31 two-byte characters are 62 bytes; with "_d" the name is 64 bytes although it is 33 chars
    assertThatThrownBy(() -> Annotations.key("é".repeat(31), "d")).hasMessageEndingWith(", too long");
  }

  @Test
  void theValueJoinsDevicesInOrderWithoutDeduplication() {
    assertThat(Annotations.value(List.of("a.com/b=c", "x.com/y=z", "a.com/b=c"))).isEqualTo("a.com/b=c,x.com/y=z,a.com/b=c");
    assertThat(Annotations.value(List.of())).isEmpty();
    assertThat(Annotations.value(null)).isEmpty();
  }

  @Test
  void theValueRejectsANameThatIsNotQualified() {
    assertThatThrownBy(() -> Annotations.value(List.of("a.com/b=c", "/dev/null")))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageContaining("/dev/null");
  }

  @Test
  void updateReturnsANewMapAndLeavesTheInputAlone() {
    Map<String, String> input = new HashMap<>(Map.of("other", "x"));
    Map<String, String> out = Annotations.update(input, "vendor.class", "dev/ice/1", List.of("vendor.com/class=dev"));
    assertThat(input).containsExactly(Map.entry("other", "x"));
    assertThat(out).containsOnly(Map.entry("other", "x"), Map.entry(PREFIX + "vendor.class_dev_ice_1", "vendor.com/class=dev"));
    assertThat(Annotations.update(null, "p", "d", List.of())).containsExactly(Map.entry(PREFIX + "p_d", ""));
  }

  @Test
  void updateRefusesAKeyAlreadyPresent() {
    Map<String, String> input = Map.of(PREFIX + "p_d", "a.com/b=c");
    assertThatThrownBy(() -> Annotations.update(input, "p", "d", List.of("a.com/b=d")))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessage("CDI annotation failed, key \"cdi.k8s.io/p_d\" used");
  }

  @Test
  void updateWrapsKeyAndValueErrors() {
    assertThatThrownBy(() -> Annotations.update(null, "", "d", List.of())).hasMessage("CDI annotation failed: invalid plugin name, empty");
    assertThatThrownBy(() -> Annotations.update(null, "p", "d", List.of("nope"))).hasMessageStartingWith("CDI annotation failed: ");
  }

  @Test
  void parseReadsOnlyKeysWithTheExactPrefixSortedByKey() {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(PREFIX + "z_plugin", "z.com/c=1,z.com/c=0");
    annotations.put("CDI.K8S.IO/a_plugin", "not even checked");
    annotations.put("io.kubernetes.cri/x", "ignored");
    annotations.put(PREFIX + "a_plugin", "a.com/c=9");
    ParsedAnnotations parsed = Annotations.parse(annotations);
    assertThat(parsed.keys()).containsExactly(PREFIX + "a_plugin", PREFIX + "z_plugin");
    assertThat(parsed.devices()).containsExactly("a.com/c=9", "z.com/c=1", "z.com/c=0");
  }

  @Test
  void parseOfNothingIsEmpty() {
    assertThat(Annotations.parse(null).isEmpty()).isTrue();
    assertThat(Annotations.parse(Map.of()).devices()).isEmpty();
    assertThat(Annotations.parse(Map.of("other", "x")).keys()).isEmpty();
  }

  @Test
  void anEmptyValueOrATrailingCommaIsInvalid() {
    assertThatThrownBy(() -> Annotations.parse(Map.of(PREFIX + "p_d", ""))).hasMessageStartingWith("invalid CDI device name \"\"");
    assertThatThrownBy(() -> Annotations.parse(Map.of(PREFIX + "p_d", "a.com/b=c,"))).hasMessageStartingWith("invalid CDI device name \"\"");
  }
}
