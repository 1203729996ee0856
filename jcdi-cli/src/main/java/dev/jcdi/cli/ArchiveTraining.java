package dev.jcdi.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The training run the launchers archive the CLI's classes with (a CDS archive on Java 17-24, an
 * AOT cache from Java 25 on): in one JVM, the work the most frequent {@code cdi} runs do (listings,
 * inject, resolve), on the bundled example specs (JSON and YAML), with every output thrown away. A class the training never loads
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
    // Only the commands runs are most often made of. On Java 25 every class in the AOT cache is
    // loaded at start-up, used or not: training help, JSON output or validation as well (the
    // Jackson tree and mapper, every command's model) made a cold `cdi devices` slower.
    String[][] runs = {
      {"--spec-dir", dir, "devices"},
      {"--spec-dir", dir, "specs"},
      {"--spec-dir", dir, "inject", config, device},
      {"--spec-dir", dir, "resolve", config},
    };
    int[] expected = {0, 0, 0, 0};
    boolean ok = true;
    for (int i = 0; i < runs.length; i++) {
      PrintWriter sink = new PrintWriter(new java.io.OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8));
      int status = Cdi.run(runs[i], sink, sink, Map.of(), () -> null);
      if (status != expected[i]) {
        System.err.println("cdi training: " + String.join(" ", runs[i]) + ": status " + status + ", expected " + expected[i]);
        ok = false;
      }
    }
    System.exit(ok ? 0 : 1);
  }
}
