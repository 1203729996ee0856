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
    System.exit(train(args[0], args[1], args[2]).isEmpty() ? 0 : 1);
  }

  /**
   * Runs the training's commands in this JVM and returns what went other than expected, one line
   * each (empty when all ran as they should).
   */
  static java.util.List<String> train(String dir, String config, String device) {
    // Only the commands runs are most often made of. On Java 25 every class in the AOT cache is
    // loaded at start-up, used or not: training help, JSON output or validation as well (the
    // Jackson tree and mapper, every command's model) made a cold `cdi devices` slower.
    String[][] runs = {
      {"--spec-dir", dir, "devices"},
      {"--spec-dir", dir, "specs"},
      {"--spec-dir", dir, "inject", config, device},
      {"--spec-dir", dir, "resolve", config},
    };
    java.util.List<String> failures = new java.util.ArrayList<>();
    for (String[] run : runs) {
      java.io.StringWriter err = new java.io.StringWriter();
      PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8));
      int status = Cdi.run(run, out, new PrintWriter(err), Map.of(), () -> null);
      if (status != 0) {
        failures.add("cdi " + String.join(" ", run) + ": status " + status + ": " + err.toString().strip());
      }
    }
    failures.forEach(f -> System.err.println("cdi training: " + f));
    return failures;
  }
}
