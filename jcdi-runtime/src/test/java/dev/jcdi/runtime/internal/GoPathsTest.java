package dev.jcdi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's own filepath.Clean table (Unix), and the mount depths the reference sorts by. */
class GoPathsTest {

  @ParameterizedTest(name = "Clean({0}) = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|.",
        "abc|abc",
        "abc/def|abc/def",
        "a/b/c|a/b/c",
        ".|.",
        "..|..",
        "../..|../..",
        "../../abc|../../abc",
        "/abc|/abc",
        "/|/",
        "abc/|abc",
        "abc/def/|abc/def",
        "a/b/c/|a/b/c",
        "./|.",
        "../|..",
        "../../|../..",
        "/abc/|/abc",
        "abc//def//ghi|abc/def/ghi",
        "//abc|/abc",
        "///abc|/abc",
        "//abc//|/abc",
        "abc//|abc",
        "abc/./def|abc/def",
        "/./abc/def|/abc/def",
        "abc/.|abc",
        "abc/def/ghi/../jkl|abc/def/jkl",
        "abc/def/../ghi/../jkl|abc/jkl",
        "abc/def/..|abc",
        "abc/def/../..|.",
        "/abc/def/../..|/",
        "abc/def/../../..|..",
        "/abc/def/../../..|/",
        "abc/def/../../../ghi/jkl/../../../mno|../../mno",
        "/../abc|/abc",
        "abc/./../def|def",
        "abc//./../def|def",
        "abc/../../././../def|../../def",
        "..a|..a",
        ".a/.b|.a/.b",
      })
  void cleanMatchesGo(String path, String clean) {
    assertThat(GoPaths.clean(path)).isEqualTo(clean);
  }

  @ParameterizedTest(name = "depth({0}) = {1}")
  @CsvSource(delimiter = '|', value = {"/|1", "rel|0", "/a/|1", "/x/../y/z|2", "''|0", "/a/b/c|3", "//a//b//|2"})
  void depthCountsSeparatorsOfTheCleanedPath(String path, int depth) {
    assertThat(GoPaths.depth(path)).isEqualTo(depth);
  }
}
