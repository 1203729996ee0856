package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    return replay("SpecFuzzTest", TARGETS);
  }

  /** One dynamic test per stored input of each target; a target without inputs fails. */
  static Stream<DynamicTest> replay(String fuzzTestClass, Map<String, Consumer<byte[]>> targets)
      throws IOException, URISyntaxException {
    URL url = FuzzInputsTest.class.getResource(fuzzTestClass + "Inputs");
    assertThat(url).as("inputs of " + fuzzTestClass).isNotNull();
    Path root = Path.of(url.toURI());
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, Consumer<byte[]>> t : targets.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      Path dir = root.resolve(t.getKey());
      List<Path> inputs;
      try (Stream<Path> s = Files.list(dir)) {
        inputs = s.filter(Files::isRegularFile).sorted().toList();
      }
      assertThat(inputs).as("inputs in " + dir).isNotEmpty();
      for (Path in : inputs) {
        byte[] data = Files.readAllBytes(in);
        tests.add(DynamicTest.dynamicTest(t.getKey() + "/" + in.getFileName(), () -> t.getValue().accept(data)));
      }
    }
    return tests.stream();
  }
}
