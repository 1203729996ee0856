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

  @Test
  void everyStepRunsOnTheBundledExamples() {
    assertThat(ArchiveTraining.train(EXAMPLES.resolve("cdi").toString(), EXAMPLES.resolve("config.json").toString(),
        "vendor.com/device=myDevice")).isEmpty();
  }

  @Test
  void aStepThatFailsIsReportedForEachPass(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("config.json"), "{\"ociVersion\": \"1.0.2\"}");
    assertThat(ArchiveTraining.train(EXAMPLES.resolve("cdi").toString(), tmp.resolve("config.json").toString(),
        "vendor.com/device=nothing"))
        .hasSize(2)
        .allSatisfy(f -> assertThat(f).contains("inject", "status 1", "unresolved CDI device vendor.com/device=nothing"));
  }

  @Test
  void theListingsTrainingFillsItsCacheAndThenRestoresFromIt(@TempDir Path tmp) throws IOException {
    Path cache = tmp.resolve("cache");
    assertThat(ArchiveTraining.trainListings(cache, EXAMPLES.resolve("cdi").toString())).isEmpty();
    assertThat(cache.resolve("specs")).isRegularFile();
    byte[] filled = Files.readAllBytes(cache.resolve("specs"));

    assertThat(ArchiveTraining.trainListings(cache, EXAMPLES.resolve("cdi").toString())).isEmpty();
    assertThat(Files.readAllBytes(cache.resolve("specs"))).as("restored, so not written again").isEqualTo(filled);
  }
}
