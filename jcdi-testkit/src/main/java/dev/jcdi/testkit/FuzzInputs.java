package dev.jcdi.testkit;

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

/**
 * Replays the stored inputs of fuzz targets without Jazzer: the seeds, and each input a fuzzing run
 * found a fault with, in the directories Jazzer's {@code @FuzzTest} reads and writes its findings
 * to ({@code src/test/resources/PACKAGE/FUZZTESTCLASSInputs/TARGET/*}).
 */
public final class FuzzInputs {
  private FuzzInputs() {}

  /**
   * Returns one dynamic test per stored input of each target; a target without inputs fails.
   *
   * @param inputs the folder of the inputs, as the test finds it among its own resources ({@code
   *     FuzzInputsTest.class.getResource("SpecFuzzTestInputs")}: a module's resources are its own)
   * @param targets each target's name (its input directory) and code
   * @return the tests, by target name and then input name
   * @throws IOException when an input cannot be read
   * @throws URISyntaxException when the inputs are not where a file URL can name them
   */
  public static Stream<DynamicTest> replay(URL inputs, Map<String, Consumer<byte[]>> targets)
      throws IOException, URISyntaxException {
    assertThat(inputs).as("the folder of the stored fuzz inputs").isNotNull();
    Path root = Path.of(inputs.toURI());
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, Consumer<byte[]>> t : targets.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      Path dir = root.resolve(t.getKey());
      List<Path> stored;
      try (Stream<Path> s = Files.list(dir)) {
        stored = s.filter(Files::isRegularFile).sorted().toList();
      }
      assertThat(stored).as("inputs in " + dir).isNotEmpty();
      for (Path in : stored) {
        byte[] data = Files.readAllBytes(in);
        tests.add(DynamicTest.dynamicTest(t.getKey() + "/" + in.getFileName(), () -> t.getValue().accept(data)));
      }
    }
    return tests.stream();
  }
}
