package dev.jcdi.spec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer's entry points to {@link SpecFuzzTargets}; compiled and run only in the {@code fuzz}
 * profile. With {@code JAZZER_FUZZ=1} and one method selected, Jazzer fuzzes it for up to
 * {@code maxDuration}, starting from the inputs under
 * src/test/resources/dev/jcdi/spec/SpecFuzzTestInputs/METHOD, and stores a failing input there.
 */
class SpecFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void specJson(byte[] data) {
    SpecFuzzTargets.specJson(data);
  }

  @FuzzTest(maxDuration = "10m")
  void specYaml(byte[] data) {
    SpecFuzzTargets.specYaml(data);
  }

  @FuzzTest(maxDuration = "10m")
  void qualifiedName(byte[] data) {
    SpecFuzzTargets.qualifiedName(data);
  }
}
