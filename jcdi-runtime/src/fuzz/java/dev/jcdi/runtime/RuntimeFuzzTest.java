package dev.jcdi.runtime;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer's entry points to {@link RuntimeFuzzTargets}; compiled and run only in the {@code fuzz}
 * profile. With {@code JAZZER_FUZZ=1} and one method selected, Jazzer fuzzes it for up to
 * {@code maxDuration}, starting from the inputs under
 * src/test/resources/dev/jcdi/runtime/RuntimeFuzzTestInputs/METHOD, and stores a failing input there.
 */
class RuntimeFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void ociConfig(byte[] data) {
    RuntimeFuzzTargets.ociConfig(data);
  }

  @FuzzTest(maxDuration = "10m")
  void annotations(byte[] data) {
    RuntimeFuzzTargets.annotations(data);
  }

  @FuzzTest(maxDuration = "10m")
  void editApplier(byte[] data) {
    RuntimeFuzzTargets.editApplier(data);
  }
}
