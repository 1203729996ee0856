package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launchers' training runs: they succeed on the bundled examples, and say so when a step fails. */
class ArchiveTrainingTest {
  private static final Path EXAMPLES = ValidateCommandTest.findExamples();

  private static java.util.List<String> train(boolean listings, Path cache, Path config, String device) {
    return ArchiveTraining.train(listings, cache, EXAMPLES.resolve("cdi").toString(), config.toString(), device);
  }

  @Test
  void everyStepRunsOnTheBundledExamplesFillingThenRestoringFromItsCache(@TempDir Path tmp) throws IOException {
    Path cache = tmp.resolve("cache");
    for (boolean listings : new boolean[] {false, true}) {
      assertThat(train(listings, cache, EXAMPLES.resolve("config.json"), "vendor.com/device=myDevice")).isEmpty();
      assertThat(cache.resolve("specs")).isRegularFile();
    }
    byte[] filled = Files.readAllBytes(cache.resolve("specs"));

    // the archiving run: restored, so the cache is not written again
    assertThat(train(false, cache, EXAMPLES.resolve("config.json"), "vendor.com/device=myDevice")).isEmpty();
    assertThat(Files.readAllBytes(cache.resolve("specs"))).isEqualTo(filled);
  }

  @Test
  void aStepThatFailsIsReported(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("config.json"), "{\"ociVersion\": \"1.0.2\"}");
    assertThat(train(false, tmp.resolve("cache"), tmp.resolve("config.json"), "vendor.com/device=nothing"))
        .singleElement().asString()
        .contains("inject", "status 1", "unresolved CDI device vendor.com/device=nothing");
  }
}
