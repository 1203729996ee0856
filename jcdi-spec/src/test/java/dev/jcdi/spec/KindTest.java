package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jcdi.spec.InvalidNameException.Part;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Kinds, {@code vendor/class} (cdi-reference.md §3). */
class KindTest {

  private static InvalidNameException rejected(String kind) {
    InvalidNameException e = catchThrowableOfType(InvalidNameException.class, () -> Kind.parse(kind));
    assertThat(e).as("Kind.parse(%s) should fail", kind).isNotNull();
    assertThat(Kind.isValid(kind)).isFalse();
    return e;
  }

  @Test
  void parseSplitsAtTheFirstSlash() {
    Kind k = Kind.parse("vendor.com/gpu");
    assertThat(k.vendor()).isEqualTo("vendor.com");
    assertThat(k.className()).isEqualTo("gpu");
    assertThat(k).hasToString("vendor.com/gpu");
  }

  @ParameterizedTest
  @ValueSource(strings = {"vendor.com/foo", "foo.bar.baz/foo-bar123.B_az", "a/b", "v_1/c-2"})
  void validKindsRoundTrip(String kind) {
    assertThat(Kind.parse(kind).toString()).isEqualTo(kind);
    assertThat(Kind.isValid(kind)).isTrue();
  }

  @Test
  void kindWithoutSlashMissesTheVendor() {
    InvalidNameException e = rejected("foo");
    assertThat(e.part()).isEqualTo(Part.VENDOR);
    assertThat(e.getMessage()).contains("missing vendor");
  }

  @Test
  void emptyVendorIsMissingVendor() {
    assertThat(rejected("/class").part()).isEqualTo(Part.VENDOR);
  }

  @Test
  void emptyClassIsMissingClass() {
    InvalidNameException e = rejected("vendor.com/");
    assertThat(e.part()).isEqualTo(Part.CLASS);
    assertThat(e.getMessage()).contains("missing class");
  }

  @Test
  void emptyKindIsStructure() {
    assertThat(rejected("").part()).isEqualTo(Part.STRUCTURE);
    assertThat(rejected(null).part()).isEqualTo(Part.STRUCTURE);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "vendor.com/foo/, CLASS",
    "vendor.com/foo/bar, CLASS",
    "vendor.com-/class, VENDOR",
    "vendor.com/device=, CLASS",
    "_vendor/class, VENDOR",
    "vendor/_class, CLASS",
    "vendor/cla ss, CLASS",
    "1vendor/class, VENDOR",
  })
  void invalidKindsNameThePart(String kind, Part part) {
    assertThat(rejected(kind).part()).isEqualTo(part);
  }

  @Test
  void oneLetterVendorAndClassAreValid() {
    assertThat(Kind.of("a", "b")).hasToString("a/b");
  }

  @Test
  void dotsAreValidInVendorAndClass() {
    // the version gate for a dotted class is SpecVersion's business, not the name's
    assertThat(Kind.isValid("vendor.com/cl.ass")).isTrue();
  }

  @Test
  void deviceBuildsAQualifiedNameOfThisKind() {
    assertThat(Kind.parse("vendor.com/gpu").device("0")).isEqualTo(QualifiedName.parse("vendor.com/gpu=0"));
    InvalidNameException e =
        catchThrowableOfType(InvalidNameException.class, () -> Kind.parse("vendor.com/gpu").device("-0"));
    assertThat(e.part()).isEqualTo(Part.NAME);
  }
}
