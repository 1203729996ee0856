package dev.jcdi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

class GoPathsProperties {

  @Property(tries = 5000)
  void whatIsCleanCleansToItselfAndEveryCleanAbsolutePathIsRecognized(
      @ForAll @Chars({'/', '.', 'a'}) @StringLength(min = 0, max = 12) String path) {
    boolean cleansToItself = GoPaths.clean(path).equals(path);
    if (GoPaths.isClean(path)) {
      assertThat(cleansToItself).as(path).isTrue();
    }
    if (cleansToItself && path.startsWith("/")) {
      assertThat(GoPaths.isClean(path)).as(path).isTrue();
    }
  }

  @Property(tries = 2000)
  void depthCountsTheSeparatorsOfTheCleanedPath(
      @ForAll @Chars({'/', '.', 'a'}) @StringLength(min = 0, max = 12) String path) {
    String clean = GoPaths.clean(path);
    assertThat(GoPaths.depth(path)).isEqualTo((int) clean.chars().filter(c -> c == '/').count());
  }
}
