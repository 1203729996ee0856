package dev.jcdi.spec;

import static dev.jcdi.spec.Violations.assertOnlyError;
import static dev.jcdi.spec.Violations.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.Violation.Rule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Annotation keys are Kubernetes qualified names (case insensitive) and keys plus values take at most
 * 256 KiB per map (cdi-reference.md §4; jcdi checks what the reference's loader skips).
 */
class AnnotationValidationTest {

  private static Spec specAnnotated(String key, String value) {
    return Specs.minimal("0.6.0").annotation(key, value).build();
  }

  private static Spec deviceAnnotated(String key, String value) {
    return Spec.builder(Specs.KIND).version("0.6.0")
        .device(Device.builder("dev0").annotation(key, value).edit(b -> b.env("A=1")).build())
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "a", "key", "example.com/key", "Example.COM/MyName", "my.name", "123-abc", "a_b.c-d",
    "sub.example.com/KEY_1", "x/y"
  })
  void qualifiedNameKeysAreValid(String key) {
    assertValid(specAnnotated(key, "v"));
    assertValid(deviceAnnotated(key, "v"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "-bad key-", "a/b/c", "/name", "prefix/", "", "name-", "_name", "bad key", "pre_fix.com/name",
    "-prefix.com/name", "prefix.com./name", "prefix..com/name", "key/"
  })
  void keysThatAreNotQualifiedNamesAreInvalid(String key) {
    Violation v = assertOnlyError(specAnnotated(key, "v"), "annotations[" + Names.quote(key) + "]", Rule.ANNOTATION_KEY);
    assertThat(v.message()).contains("invalid annotation key " + Names.quote(key));
  }

  @Test
  void badDeviceAnnotationKeyIsReportedUnderTheDevice() {
    assertOnlyError(deviceAnnotated("a/b/c", "v"), "devices[0].annotations[\"a/b/c\"]", Rule.ANNOTATION_KEY);
  }

  @Test
  void keysAreCaseInsensitive() {
    // the DNS prefix rule is lowercase, but keys are lower-cased before checking
    assertValid(specAnnotated("VENDOR.COM/KEY", "v"));
  }

  @Test
  void keysAreLowerCasedRuneByRuneAsGoDoes() {
    // Go lower-cases U+0130 to "i"; Java's full mapping would give "i" and a combining dot
    assertValid(specAnnotated("\u0130", "v"));
  }

  @Test
  void nameOf63CharactersIsValidAnd64Invalid() {
    assertValid(specAnnotated("vendor.com/" + "n".repeat(63), "v"));
    Violation v = assertOnlyError(specAnnotated("vendor.com/" + "n".repeat(64), "v"), "annotations[\"vendor.com/" + "n".repeat(64) + "\"]", Rule.ANNOTATION_KEY);
    assertThat(v.message()).contains("63");
  }

  @Test
  void prefixOf253CharactersIsValidAnd254Invalid() {
    String p253 = ("a".repeat(62) + ".").repeat(4) + "b";
    assertThat(p253).hasSize(253);
    assertValid(specAnnotated(p253 + "/k", "v"));
    String p254 = "x" + p253;
    assertThat(SpecValidator.validate(specAnnotated(p254 + "/k", "v"))).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("253"));
  }

  @Test
  void everyBadKeyIsReported() {
    Spec spec = Specs.minimal("0.6.0").annotation("ok", "1").annotation("-a", "2").annotation("b/c/d", "3").build();
    assertThat(SpecValidator.validate(spec))
        .extracting(Violation::path)
        .containsExactly("annotations[\"-a\"]", "annotations[\"b/c/d\"]");
  }

  @Test
  void totalSizeOf256KiBIsValid() {
    // key "k" (1 byte) + value: exactly 262144 bytes together
    assertValid(specAnnotated("k", "v".repeat(SpecValidator.MAX_ANNOTATIONS_SIZE - 1)));
  }

  @Test
  void totalSizeOver256KiBIsInvalid() {
    Violation v = assertOnlyError(specAnnotated("k", "v".repeat(SpecValidator.MAX_ANNOTATIONS_SIZE)), "annotations", Rule.ANNOTATIONS_TOO_LARGE);
    assertThat(v.message()).contains("262145").contains("262144");
  }

  @Test
  void sizeCountsKeysAndValuesOfTheWholeMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("a", "x".repeat(131072));
    m.put("b", "x".repeat(131071));
    Spec spec = new Spec("0.6.0", Specs.KIND, m, Specs.minimal("0.6.0").build().devices(), null);
    assertOnlyError(spec, "annotations", Rule.ANNOTATIONS_TOO_LARGE);
  }

  @Test
  void sizeCountsUtf8Bytes() {
    // 131072 two-byte characters: fewer characters than the limit, but more bytes
    String value = "\u00e9".repeat(131072);
    assertOnlyError(specAnnotated("k", value), "annotations", Rule.ANNOTATIONS_TOO_LARGE);
  }

  @Test
  void sizeIsPerMap() {
    String half = "v".repeat(200_000);
    Spec spec = Spec.builder(Specs.KIND).version("0.6.0").annotation("k", half)
        .device(Device.builder("dev0").annotation("k", half).edit(b -> b.env("A=1")).build())
        .build();
    assertValid(spec);
  }

  @Test
  void deviceAnnotationsTooLargeAreReportedUnderTheDevice() {
    assertOnlyError(deviceAnnotated("k", "v".repeat(262144)), "devices[0].annotations", Rule.ANNOTATIONS_TOO_LARGE);
  }

  @Test
  void annotationsNeedV060() {
    assertOnlyError(specAnnotated("k", "v").withVersion(SpecVersion.V0_5_0), "cdiVersion", Rule.VERSION_TOO_LOW);
  }

  @Test
  void validateAnnotationsChecksAMapAlone() {
    assertThat(SpecValidator.validateAnnotations(Map.of("ok.com/fine", "1"), "x")).isEmpty();
    assertThat(SpecValidator.validateAnnotations(Map.of("not ok", "1"), "metadata.annotations"))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.path()).isEqualTo("metadata.annotations[\"not ok\"]");
          assertThat(v.rule()).isEqualTo(Rule.ANNOTATION_KEY);
        });
    assertThat(SpecValidator.validateAnnotations(null, "x")).isEmpty();
  }
}
