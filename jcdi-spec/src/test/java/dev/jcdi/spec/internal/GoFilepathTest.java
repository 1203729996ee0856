package dev.jcdi.spec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFilepathTest {
  /** A generous bound against a hang; not a speed target. */
  private static final Duration HANG = Duration.ofSeconds(20);

  // Go's own table for filepath.Match (path/filepath/match_test.go), Unix rows.
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "abc|abc|true",
    "*|abc|true",
    "*c|abc|true",
    "a*|a|true",
    "a*|abc|true",
    "a*|ab/c|false",
    "a*/b|abc/b|true",
    "a*/b|a/c/b|false",
    "a*b*c*d*e*/f|axbxcxdxe/f|true",
    "a*b*c*d*e*/f|axbxcxdxexxx/f|true",
    "a*b*c*d*e*/f|axbxcxdxe/xxx/f|false",
    "a*b*c*d*e*/f|axbxcxdxexxx/fff|false",
    "a*b?c*x|abxbbxdbxebxczzx|true",
    "a*b?c*x|abxbbxdbxebxczzy|false",
    "ab[c]|abc|true",
    "ab[b-d]|abc|true",
    "ab[e-g]|abc|false",
    "ab[^c]|abc|false",
    "ab[^b-d]|abc|false",
    "ab[^e-g]|abc|true",
    "a\\*b|a*b|true",
    "a\\*b|ab|false",
    "a?b|a\u263Ab|true",
    "a[^a]b|a\u263Ab|true",
    "a???b|a\u263Ab|false",
    "a[^a][^a][^a]b|a\u263Ab|false",
    "[a-\u03B6]*|\u03B1|true",
    "*[a-\u03B6]|A|false",
    "a?b|a/b|false",
    "a*b|a/b|false",
    "[\\]a]|]|true",
    "[\\-]|-|true",
    "[x\\-]|x|true",
    "[x\\-]|-|true",
    "[x\\-]|z|false",
    "[\\-x]|x|true",
    "[\\-x]|-|true",
    "[\\-x]|a|false",
    "*x|xxx|true",
    // a class is not stopped by '/': only * and ? are
    "a[/]b|a/b|true",
    "a[^x]b|a/b|true",
    // a reversed range is empty, not an error
    "a[z-a]|ab|false",
    "a[^z-a]|ab|true",
    // Go places each chunk at its first fit and does not reconsider it: the second * cannot cross
    // the '/' that a later placement of [/x] would have taken
    "*[/x]*y|x/y|false",
  })
  void matchesAsGoFilepathMatch(String pattern, String name, boolean matches) {
    assertThat(GoFilepath.patternError(pattern)).isNull();
    assertThat(GoFilepath.compile(pattern).matches(name)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]", "[", "[^", "[^bc", "a[", "a/b[", "*\\", "[a\\", "[a-\\"
  })
  void malformedPatternsAreGoBadPatternErrors(String pattern) {
    assertThat(GoFilepath.patternError(pattern)).isNotNull();
    assertThatThrownBy(() -> GoFilepath.compile(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid pattern");
  }

  @Test
  void patternsAreBoundedInLength() {
    String longest = "*a".repeat(GoFilepath.MAX_PATTERN_LENGTH / 2);
    assertThat(GoFilepath.patternError(longest)).isNull();
    String stars = "*".repeat(20_000);
    assertThat(GoFilepath.patternError(stars)).isEqualTo("longer than 4096 characters (20000)");
    assertThatThrownBy(() -> GoFilepath.compile(stars)).hasMessageContaining("longer than 4096 characters");
  }

  @Test
  void backtrackingPatternsFinish() {
    String name = "vendor.com/r=" + "a".repeat(10_000);
    assertTimeoutPreemptively(HANG, () -> {
      assertThat(GoFilepath.compile("vendor.com/r=*a*a*a*a*a*a*a*ab").matches(name)).isFalse();
      assertThat(GoFilepath.compile("vendor.com/r=*a*a*a*a*a*a*a*a").matches(name)).isTrue();
      String manyStars = "vendor.com/r=" + "*a".repeat(2_000) + "b";
      assertThat(GoFilepath.compile(manyStars).matches(name)).isFalse();
      assertThat(GoFilepath.compile("vendor.com/r=" + "*".repeat(4_000) + "a").matches(name)).isTrue();
      String longChunk = "vendor.com/r=*" + "a".repeat(4_000) + "b";
      assertThat(GoFilepath.compile(longChunk).matches(name)).isFalse();
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "/dev/../etc/passwd|/etc/passwd",
    "/../../etc|/etc",
    "/dev//null/|/dev/null",
    "/dev/./null|/dev/null",
    "dev/../..|..",
    "''|.",
  })
  void cleanIsGoFilepathClean(String path, String clean) {
    assertThat(GoFilepath.clean(path)).isEqualTo(clean);
  }

  @Test
  void aPathTakenAsCleanIsOneRebuildingGivesBack() {
    char[] alphabet = "/.a".toCharArray();
    int[] clean = {0};
    AllStrings.every(alphabet, 9, p -> {
      if (GoFilepath.isClean(p)) {
        assertThat(GoFilepath.rebuild(p)).as(p).isEqualTo(p);
        clean[0]++;
      }
      assertThat(GoFilepath.clean(p)).as(p).isEqualTo(GoFilepath.rebuild(p));
    });
    assertThat(clean[0]).isGreaterThan(100);
  }
}
