package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A command line read with only its command's picocli model (what {@link Cdi#run} does) against the
 * same line read with every command's: the same output, errors (usage included) and status, for
 * lines that run, lines with mistakes found while reading them (at cdi's level or the command's),
 * and lines whose command refuses its options once it runs.
 */
class LazyModelTest {
  @TempDir static Path tmp;

  @BeforeAll
  static void files() throws IOException {
    Files.createDirectories(tmp.resolve("cdi"));
    Files.writeString(tmp.resolve("cdi/gpu.json"), """
        {"cdiVersion": "0.3.0", "kind": "vendor.com/gpu", "devices": [{"name": "g1", "containerEdits": {"env": ["A=1"]}}]}
        """);
    Files.writeString(tmp.resolve("config.json"), "{\"ociVersion\": \"1.0.2\", \"process\": {\"env\": [\"PATH=/bin\"]}}");
  }

  static Stream<List<String>> lines() {
    return Stream.of(
        List.of("-d", "CDI", "inject", "CONFIG", "vendor.com/gpu=g1"),
        List.of("-d", "CDI", "inject", "CONFIG", "vendor.com/gpu=nope"),
        List.of("-d", "", "inject", "CONFIG", "vendor.com/gpu=g1"),
        List.of("-d", "", "devices"),
        List.of("--spec-dir=", "validate"),
        List.of("-d", "CDI", "inject"),
        List.of("-d", "CDI", "inject", "--bogus", "CONFIG"),
        List.of("-d", "CDI", "inject", "CONFIG", "vendor.com/gpu=g1", "-o"),
        List.of("-d", "CDI", "validate", "--for", "no-such-engine"),
        List.of("-d", "CDI", "convert", "--to-version", "9.9.9", "CDI/gpu.json"),
        List.of("-d", "CDI", "generate"),
        List.of("-d", "CDI", "transform"),
        List.of("-d", "CDI", "transform", "root", "--bogus"),
        List.of("-d", "CDI", "devices", "vendors"),
        List.of("-d", "CDI", "resolve", "CONFIG", "extra"),
        List.of("version", "--bogus"),
        List.of("info", "-h"),
        List.of("-d", "CDI", "check"));
  }

  @ParameterizedTest
  @MethodSource("lines")
  void onlyTheCommandsModelReadsEveryLineAsTheFullOne(List<String> line) {
    String[] args = line.stream()
        .map(a -> a.replace("CDI", tmp.resolve("cdi").toString()).replace("CONFIG", tmp.resolve("config.json").toString()))
        .toArray(String[]::new);
    String word = Cdi.commandWord(args);
    assertThat(word).as("a command word").isNotNull();
    assertThat(run(args, word)).as(String.join(" ", args)).isEqualTo(run(args, null));
  }

  private static CliRun run(String[] args, String word) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out);
    PrintWriter e = new PrintWriter(err);
    int status = Cdi.commandLine(o, e, Map.of(), word).execute(args);
    o.flush();
    e.flush();
    return new CliRun(status, out.toString(), err.toString());
  }
}
