package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launchers' training run: it succeeds on the bundled examples, and says so when a step fails. */
class ArchiveTrainingTest {
  private static final Path EXAMPLES = ValidateCommandTest.findExamples();

  @Test
  void everyStepRunsOnTheBundledExamples() {
    assertThat(ArchiveTraining.train(EXAMPLES.resolve("cdi").toString(), EXAMPLES.resolve("config.json").toString(),
        "vendor.com/device=myDevice")).isEmpty();
  }

  @Test
  void aStepThatFailsIsReported(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("config.json"), "{\"ociVersion\": \"1.0.2\"}");
    assertThat(ArchiveTraining.train(EXAMPLES.resolve("cdi").toString(), tmp.resolve("config.json").toString(),
        "vendor.com/device=nothing"))
        .singleElement().asString()
        .contains("inject", "status 1", "unresolved CDI device vendor.com/device=nothing");
  }
}
