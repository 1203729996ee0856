package dev.jcdi.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The training run the launchers archive the CLI's classes with (a CDS archive on Java 17-24, an
 * AOT cache from Java 25 on): in one JVM, the work typical {@code cdi} runs do, on the bundled
 * example specs (JSON and YAML), with every output thrown away. A class the training never loads
 * is loaded from the jar as usual, so the archive only changes how fast {@code cdi} starts, never
 * what it does.
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=A -cp jcdi-cli.jar dev.jcdi.cli.ArchiveTraining
 * SPEC_DIR CONFIG DEVICE}; exits 0 when every step ran as expected, 1 otherwise (the launchers then
 * keep no archive).
 */
public final class ArchiveTraining {
  private ArchiveTraining() {}

  /**
   * Runs the training.
   *
   * @param args the example spec directory, an OCI config and a device its specs define
   */
  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: ArchiveTraining SPEC_DIR CONFIG DEVICE");
      System.exit(2);
    }
    String dir = args[0];
    String config = args[1];
    String device = args[2];
    String[][] runs = {
      {"--spec-dir", dir, "devices"},
      {"--spec-dir", dir, "vendors", "--output", "json"},
      {"--spec-dir", dir, "specs", "--output", "yaml"},
      {"--spec-dir", dir, "classes"},
      {"--spec-dir", dir, "inject", config, device},
      {"--spec-dir", dir, "resolve", config},
      {"--spec-dir", dir, "validate"},
      {"--spec-dir", dir, "devices", "--bogus"}, // a usage error: picocli's error path
      {"version"},
      {"--help"},
    };
    int[] expected = {0, 0, 0, 0, 0, 0, -1, 2, 0, 0};
    boolean ok = true;
    for (int i = 0; i < runs.length; i++) {
      PrintWriter sink = new PrintWriter(new java.io.OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8));
      int status = Cdi.run(runs[i], sink, sink, Map.of(), () -> null);
      if (expected[i] >= 0 && status != expected[i]) {
        System.err.println("cdi training: " + String.join(" ", runs[i]) + ": status " + status + ", expected " + expected[i]);
        ok = false;
      }
    }
    System.exit(ok ? 0 : 1);
  }
}
