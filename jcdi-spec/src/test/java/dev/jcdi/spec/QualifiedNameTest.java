package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jcdi.spec.InvalidNameException.Part;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Qualified device names, {@code vendor/class=name} (cdi-reference.md §3). */
class QualifiedNameTest {

  private static InvalidNameException rejected(String device) {
    InvalidNameException e = catchThrowableOfType(InvalidNameException.class, () -> QualifiedName.parse(device));
    assertThat(e).as("parse(%s) should fail", device).isNotNull();
    assertThat(e.input()).isEqualTo(device);
    assertThat(QualifiedName.isQualifiedName(device)).isFalse();
    return e;
  }

  @Test
  void parseSplitsVendorClassAndName() {
    QualifiedName q = QualifiedName.parse("vendor.com/gpu=0");
    assertThat(q.vendor()).isEqualTo("vendor.com");
    assertThat(q.className()).isEqualTo("gpu");
    assertThat(q.name()).isEqualTo("0");
    assertThat(q.kind()).isEqualTo(Kind.of("vendor.com", "gpu"));
  }

  @Test
  void formatIsVendorSlashClassEqualsName() {
    assertThat(QualifiedName.of("vendor.com", "gpu", "all")).hasToString("vendor.com/gpu=all");
    assertThat(Kind.of("vendor.com", "gpu").device("1")).hasToString("vendor.com/gpu=1");
  }

  @Test
  void kindEndsAtFirstEqualsAndVendorAtFirstSlash() {
    // "vendor/class/x=dev": the class is "class/x", which has an invalid '/'
    InvalidNameException e = rejected("vendor/class/x=dev");
    assertThat(e.part()).isEqualTo(Part.CLASS);
    // "vendor.com/class=de=v": the name is "de=v", which has an invalid '='
    InvalidNameException n = rejected("vendor.com/class=de=v");
    assertThat(n.part()).isEqualTo(Part.NAME);
    assertThat(n.getMessage()).contains("invalid character '='").contains("de=v");
  }

  @Test
  void oneLetterVendorAndClassAreValid() {
    assertThat(QualifiedName.parse("a/b=c")).isEqualTo(QualifiedName.of("a", "b", "c"));
    assertThat(QualifiedName.isQualifiedName("a/bb=cc")).isTrue();
    assertThat(QualifiedName.isQualifiedName("aa/b=cc")).isTrue();
  }

  @Test
  void oneCharacterDeviceNameMayBeADigitOrLetter() {
    assertThat(QualifiedName.isQualifiedName("vendor.com/class=0")).isTrue();
    assertThat(QualifiedName.isQualifiedName("vendor.com/class=x")).isTrue();
    assertThat(rejected("vendor.com/class=_").part()).isEqualTo(Part.NAME);
  }

  @Test
  void colonIsAllowedInsideDeviceNames() {
    assertThat(QualifiedName.parse("vendor.com/class=dev:1").name()).isEqualTo("dev:1");
    assertThat(QualifiedName.parse("yet_another-vendor2.com/c-lass_2=dev_1:2.3").name()).isEqualTo("dev_1:2.3");
  }

  @Test
  void colonMayNotEndADeviceName() {
    InvalidNameException e = rejected("vendor.com/class=dev:");
    assertThat(e.part()).isEqualTo(Part.NAME);
    assertThat(e.getMessage()).contains("should end with a letter or digit");
  }

  @Test
  void colonIsNotAllowedInVendorOrClass() {
    assertThat(rejected("ven:dor.com/class=dev").part()).isEqualTo(Part.VENDOR);
    assertThat(rejected("vendor.com/cl:ass=dev").part()).isEqualTo(Part.CLASS);
  }

  @Test
  void pathIsNeverAQualifiedName() {
    InvalidNameException e = rejected("/dev/null");
    assertThat(e.part()).isEqualTo(Part.STRUCTURE);
    assertThat(e.getMessage()).contains("/dev/null");
    assertThat(rejected("/vendor.com/class=dev").part()).isEqualTo(Part.STRUCTURE);
  }

  @Test
  void emptyAndNullAreRejectedAsStructure() {
    assertThat(rejected("").part()).isEqualTo(Part.STRUCTURE);
    InvalidNameException e = catchThrowableOfType(InvalidNameException.class, () -> QualifiedName.parse(null));
    assertThat(e.part()).isEqualTo(Part.STRUCTURE);
  }

  @Test
  void missingVendorIsNamed() {
    assertThat(rejected("vendor.com=dev").part()).isEqualTo(Part.VENDOR);
    assertThat(rejected("vendor.com=dev").getMessage()).contains("missing vendor");
    assertThat(rejected("=dev").part()).isEqualTo(Part.VENDOR);
  }

  @Test
  void missingClassIsNamed() {
    InvalidNameException e = rejected("vendor.com/=dev");
    assertThat(e.part()).isEqualTo(Part.CLASS);
    assertThat(e.getMessage()).contains("missing class");
  }

  @Test
  void missingNameIsNamed() {
    InvalidNameException noEquals = rejected("vendor.com/class");
    assertThat(noEquals.part()).isEqualTo(Part.NAME);
    InvalidNameException empty = rejected("vendor.com/class=");
    assertThat(empty.part()).isEqualTo(Part.NAME);
    assertThat(empty.getMessage()).contains("missing device name");
  }

  @Test
  void referenceParseDeviceExamplesFailOnTheEmptyPart() {
    // ParseDevice returns these unsplit; the strict parse names what is missing
    assertThat(rejected("v/=d").part()).isEqualTo(Part.CLASS);
    assertThat(rejected("v/c=").part()).isEqualTo(Part.NAME);
  }

  @Test
  void vendorMustStartWithALetter() {
    InvalidNameException e = rejected("1vendor.com/class=dev");
    assertThat(e.part()).isEqualTo(Part.VENDOR);
    assertThat(e.getMessage()).contains("1vendor.com").contains("should start with a letter");
  }

  @Test
  void vendorMustEndWithALetterOrDigit() {
    InvalidNameException e = rejected("vendor.com./class=dev");
    assertThat(e.part()).isEqualTo(Part.VENDOR);
    assertThat(e.getMessage()).contains("\"vendor.com.\"").contains("should end with a letter or digit");
  }

  @Test
  void vendorInnerCharactersAreLettersDigitsUnderscoreDashDot() {
    assertThat(QualifiedName.isQualifiedName("a_b-c.d9/class=dev")).isTrue();
    InvalidNameException e = rejected("ven dor/class=dev");
    assertThat(e.part()).isEqualTo(Part.VENDOR);
    assertThat(e.getMessage()).contains("invalid character ' '");
  }

  @Test
  void classMustStartWithALetter() {
    InvalidNameException e = rejected("vendor.com/9class=dev");
    assertThat(e.part()).isEqualTo(Part.CLASS);
    assertThat(e.getMessage()).contains("should start with a letter");
  }

  @Test
  void classMustEndWithALetterOrDigit() {
    InvalidNameException e = rejected("vendor.com/class-=dev");
    assertThat(e.part()).isEqualTo(Part.CLASS);
    assertThat(e.getMessage()).contains("should end with a letter or digit");
  }

  @Test
  void slashInsideClassIsAnInvalidCharacter() {
    InvalidNameException e = rejected("vendor.com/cl/ass=dev");
    assertThat(e.part()).isEqualTo(Part.CLASS);
    assertThat(e.getMessage()).contains("invalid character '/'").contains("\"cl/ass\"");
  }

  @Test
  void deviceNameMayStartWithADigit() {
    assertThat(QualifiedName.parse("vendor.com/class=0dev").name()).isEqualTo("0dev");
  }

  @Test
  void deviceNameMayNotStartWithUnderscore() {
    InvalidNameException e = rejected("vendor.com/class=_dev");
    assertThat(e.part()).isEqualTo(Part.NAME);
    assertThat(e.getMessage()).contains("should start with a letter or digit");
  }

  @Test
  void deviceNameInnerCharactersExcludeSpaces() {
    InvalidNameException e = rejected("vendor.com/class=a dev ice");
    assertThat(e.part()).isEqualTo(Part.NAME);
    assertThat(e.getMessage()).contains("invalid character ' '");
  }

  @Test
  void nonAsciiLettersAreNotLetters() {
    assertThat(rejected("vendör.com/class=dev").part()).isEqualTo(Part.VENDOR);
    assertThat(rejected("vendor.com/class=dév").part()).isEqualTo(Part.NAME);
    assertThat(rejected("vendor.com/class=é").part()).isEqualTo(Part.NAME);
  }

  @Test
  void constructorChecksEachPart() {
    assertThatThrownBy(() -> QualifiedName.of("-v", "c", "n"))
        .isInstanceOfSatisfying(InvalidNameException.class, e -> assertThat(e.part()).isEqualTo(Part.VENDOR));
    assertThatThrownBy(() -> QualifiedName.of("v", "c.", "n"))
        .isInstanceOfSatisfying(InvalidNameException.class, e -> assertThat(e.part()).isEqualTo(Part.CLASS));
    assertThatThrownBy(() -> QualifiedName.of("v", "c", ""))
        .isInstanceOfSatisfying(InvalidNameException.class, e -> assertThat(e.part()).isEqualTo(Part.NAME));
  }

  @Test
  void isValidDeviceNameChecksOnlyTheName() {
    assertThat(QualifiedName.isValidDeviceName("dev:1")).isTrue();
    assertThat(QualifiedName.isValidDeviceName("1")).isTrue();
    assertThat(QualifiedName.isValidDeviceName("dev.")).isFalse();
    assertThat(QualifiedName.isValidDeviceName("")).isFalse();
  }

  /** The 9 qualified names of the reference's TestQualifiedName; each round trips through toString. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "vendor.com/class=dev, vendor.com, class, dev",
    "a/b=c, a, b, c",
    "aa/b=cc, aa, b, cc",
    "a/bb=cc, a, bb, cc",
    "vendor.com/class=0, vendor.com, class, 0",
    "vendor1.com/class1=dev1, vendor1.com, class1, dev1",
    "vendor1.com/class.subclass=dev1, vendor1.com, class.subclass, dev1",
    "other-vendor1.com/class_1=dev_1, other-vendor1.com, class_1, dev_1",
    "yet_another-vendor2.com/c-lass_2=dev_1:2.3, yet_another-vendor2.com, c-lass_2, dev_1:2.3",
  })
  void referenceQualifiedNamesAreValid(String device, String vendor, String cls, String name) {
    QualifiedName q = QualifiedName.parse(device);
    assertThat(q).isEqualTo(new QualifiedName(vendor, cls, name));
    assertThat(QualifiedName.isQualifiedName(device)).isTrue();
    assertThat(q.toString()).isEqualTo(device);
  }

  /** The 7 parsable-but-invalid names of the reference's TestQualifiedName, with the part at fault. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "_invalid.com/class=dev, VENDOR",
    "invalid2.com-/class=dev, VENDOR",
    "invalid3.com/_class=dev, CLASS",
    "invalid4.com/class_=dev, CLASS",
    "invalid5.com/class=-dev, NAME",
    "invalid6.com/class=dev:, NAME",
    "*.com/*dev=*gpu*, VENDOR",
  })
  void referenceInvalidNamesNameThePartAtFault(String device, Part part) {
    assertThat(rejected(device).part()).isEqualTo(part);
  }

  @Test
  void messageOfAWrongPartQuotesTheWholeInput() {
    assertThat(rejected("vendor.com/class=de=v").getMessage()).startsWith("invalid device \"vendor.com/class=de=v\"");
  }
}
