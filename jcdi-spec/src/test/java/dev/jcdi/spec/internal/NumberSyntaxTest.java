package dev.jcdi.spec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written number matchers of {@link SpecBinder} accept exactly what their grammars do. */
class NumberSyntaxTest {
  private static final Pattern JSON_INT = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern YAML_FLOAT =
      Pattern.compile("[-+]?((\\.[0-9]+|[0-9]+\\.[0-9]*)([eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)");

  @Test
  void sameAsTheRegularExpressionsOnEveryShortString() {
    char[] alphabet = "019-+.eEx_ ".toCharArray();
    int[] checked = {0};
    AllStrings.every(alphabet, 6, s -> {
      assertThat(SpecBinder.isJsonInteger(s)).as("json int %s", s).isEqualTo(JSON_INT.matcher(s).matches());
      assertThat(SpecBinder.isYamlFloat(s)).as("yaml float %s", s).isEqualTo(YAML_FLOAT.matcher(s).matches());
      checked[0]++;
    });
    assertThat(checked[0]).isGreaterThan(1_000_000);
  }

  @Test
  void digitsOutsideAsciiAreNoDigits() {
    assertThat(SpecBinder.isJsonInteger("١")).isFalse();
    assertThat(SpecBinder.isYamlFloat("１.5")).isFalse();
    assertThat(SpecBinder.isJsonInteger("-12345678901234567890")).isTrue();
    assertThat(SpecBinder.isYamlFloat("+.5e-3")).isTrue();
  }
}
