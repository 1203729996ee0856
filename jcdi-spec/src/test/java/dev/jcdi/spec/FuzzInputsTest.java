package dev.jcdi.spec;

import dev.jcdi.testkit.FuzzInputs;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every stored fuzz input (the seeds, and each input a fuzzing run found a fault with)
 * through its target, without Jazzer: {@code src/test/resources/dev/jcdi/spec/SpecFuzzTestInputs/
 * TARGET/*}, the directories Jazzer's {@code @FuzzTest} reads and writes its findings to.
 */
class FuzzInputsTest {

  private static final Map<String, Consumer<byte[]>> TARGETS =
      Map.of(
          "specJson", SpecFuzzTargets::specJson,
          "specYaml", SpecFuzzTargets::specYaml,
          "qualifiedName", SpecFuzzTargets::qualifiedName);

  @TestFactory
  Stream<DynamicTest> storedInputs() throws IOException, URISyntaxException {
    return FuzzInputs.replay(FuzzInputsTest.class.getResource("SpecFuzzTestInputs"), TARGETS);
  }
}
