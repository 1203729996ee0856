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
    every(alphabet, 6, s -> {
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

  /** Calls {@code check} with every string over {@code alphabet} of at most {@code max} characters. */
  static void every(char[] alphabet, int max, java.util.function.Consumer<String> check) {
    char[] buf = new char[max];
    for (int len = 0; len <= max; len++) {
      int[] idx = new int[len];
      while (true) {
        for (int i = 0; i < len; i++) {
          buf[i] = alphabet[idx[i]];
        }
        check.accept(new String(buf, 0, len));
        int i = len - 1;
        while (i >= 0 && ++idx[i] == alphabet.length) {
          idx[i--] = 0;
        }
        if (i < 0) {
          break;
        }
      }
    }
  }
}
