package dev.jcdi.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer's entry point to {@link GlobFuzzTargets}; compiled and run only in the {@code fuzz}
 * profile. With {@code JAZZER_FUZZ=1}, Jazzer fuzzes it for up to {@code maxDuration}, starting
 * from the inputs under src/test/resources/dev/jcdi/cli/CliFuzzTestInputs/glob, and stores a
 * failing input there.
 */
class CliFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void glob(byte[] data) {
    GlobFuzzTargets.glob(data);
  }
}
