package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of name parsing over generated inputs. */
class QualifiedNameProperties {

  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String DIGITS = "0123456789";

  private static Arbitrary<String> chars(String set, int min, int max) {
    return Arbitraries.strings().withChars(set.toCharArray()).ofMinLength(min).ofMaxLength(max);
  }

  /** A letter, then optionally inner characters and a final letter or digit. */
  static Arbitrary<String> vendorOrClass() {
    Arbitrary<String> one = chars(LETTERS, 1, 1);
    Arbitrary<String> longer =
        Combinators.combine(chars(LETTERS, 1, 1), chars(LETTERS + DIGITS + "_-.", 0, 12), chars(LETTERS + DIGITS, 1, 1))
            .as((a, b, c) -> a + b + c);
    return Arbitraries.oneOf(one, longer);
  }

  static Arbitrary<String> deviceName() {
    Arbitrary<String> one = chars(LETTERS + DIGITS, 1, 1);
    Arbitrary<String> longer =
        Combinators.combine(
                chars(LETTERS + DIGITS, 1, 1), chars(LETTERS + DIGITS + "_-.:", 0, 12), chars(LETTERS + DIGITS, 1, 1))
            .as((a, b, c) -> a + b + c);
    return Arbitraries.oneOf(one, longer);
  }

  @Provide
  Arbitrary<QualifiedName> names() {
    return Combinators.combine(vendorOrClass(), vendorOrClass(), deviceName()).as(QualifiedName::new);
  }

  @Property
  void parseOfToStringRoundTrips(@ForAll("names") QualifiedName q) {
    assertThat(QualifiedName.parse(q.toString())).isEqualTo(q);
    assertThat(Kind.parse(q.kind().toString())).isEqualTo(q.kind());
  }

  @Provide
  Arbitrary<String> anything() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars("ab1_-.:/=* \u00e9").ofMaxLength(20));
  }

  @Property(tries = 2000)
  void parseThrowsNothingButInvalidNameException(@ForAll("anything") String s) {
    try {
      QualifiedName q = QualifiedName.parse(s);
      // whatever parses, prints back as it was given
      assertThat(q.toString()).isEqualTo(s);
    } catch (InvalidNameException e) {
      assertThat(e.part()).isNotNull();
      assertThat(e.getMessage()).isNotBlank();
    }
    try {
      Kind k = Kind.parse(s);
      assertThat(k.toString()).isEqualTo(s);
    } catch (InvalidNameException e) {
      assertThat(e.part()).isNotNull();
    }
  }
}
