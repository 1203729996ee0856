package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every spec file of the repository that the reader accepts survives the binary form unchanged. */
class SpecCodecFilesTest {

  /** The spec files under examples/ at the repository root and this module's test resources. */
  static List<Path> specFiles() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.isDirectory(root.resolve("examples/cdi"))) {
      root = root.getParent();
    }
    assertThat(root).as("repository root above " + Path.of("").toAbsolutePath()).isNotNull();
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(root.resolve("examples"), Path.of("src/test/resources"))) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".yaml"))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }

  /** The specs of those files the reader accepts, valid or not. */
  static List<Spec> specs() throws IOException {
    List<Spec> specs = new ArrayList<>();
    for (Path file : specFiles()) {
      try {
        specs.add(SpecReader.standard().read(file).spec());
      } catch (SpecParseException refused) {
        // not a spec the reader accepts: nothing a cache would hold
      }
    }
    return specs;
  }

  @Test
  void everySpecFileSurvivesTheBinaryForm() throws IOException {
    int checked = 0;
    for (Path file : specFiles()) {
      Spec spec;
      try {
        spec = SpecReader.standard().read(file).spec();
      } catch (SpecParseException refused) {
        continue;
      }
      try {
        BinarySpecs.roundTrip(spec);
      } catch (AssertionError | IOException e) {
        throw new AssertionError(file + ": " + e.getMessage(), e);
      }
      checked++;
    }
    // the examples alone hold more than this many readable specs; fewer means the walk missed them
    assertThat(checked).isGreaterThanOrEqualTo(10);
  }
}
