package dev.jcdi.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training runs the launchers archive the CLI's classes with (a CDS archive on Java 17-24, an
 * AOT cache from Java 25 on), on the bundled example specs (JSON and YAML), with every output thrown
 * away. A class a training never loads is loaded from the jar as usual, so an archive only changes
 * how fast {@code cdi} starts, never what it does. There are two archives, because Java 25 loads
 * every class of an AOT cache at start-up, used or not:
 *
 * <ul>
 *   <li>the general one: {@code devices}, {@code specs}, {@code inject} and {@code resolve}, each
 *       once parsing the specs and once restoring them from a spec cache of the training's own;
 *   <li>the listings' one: {@code devices} and {@code specs} restored from a spec cache, the way
 *       most listings run; none of the parsers' classes. A listing that must parse loads them from
 *       the jar. The cache must be filled first, in another JVM (one not archiving), by the same
 *       command.
 * </ul>
 *
 * <p>Usage: {@code java -XX:AOTCacheOutput=A -cp jcdi-cli.jar dev.jcdi.cli.ArchiveTraining SPEC_DIR
 * CONFIG DEVICE}, or {@code ... ArchiveTraining --listings CACHE_DIR SPEC_DIR} (twice: once to
 * fill CACHE_DIR, once archiving); exits 0 when every step ran as expected, 1 otherwise (the
 * launchers then keep no archive).
 */
public final class ArchiveTraining {
  private ArchiveTraining() {}

  /**
   * Runs a training.
   *
   * @param args the example spec directory, an OCI config and a device its specs define; or {@code
   *     --listings}, a spec cache directory and the example spec directory
   */
  public static void main(String[] args) {
    List<String> failures;
    if (args.length == 3 && args[0].equals("--listings")) {
      failures = trainListings(Path.of(args[1]), args[2]);
    } else if (args.length == 3 && !args[0].startsWith("-")) {
      failures = train(args[0], args[1], args[2]);
    } else {
      System.err.println("usage: ArchiveTraining SPEC_DIR CONFIG DEVICE | --listings CACHE_DIR SPEC_DIR");
      System.exit(2);
      return;
    }
    for (String f : failures) {
      System.err.println("cdi training: " + f);
    }
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  /**
   * Runs the general training in this JVM and returns what went other than expected, one line each
   * (empty when all ran as they should).
   */
  static List<String> train(String dir, String config, String device) {
    // Only the commands runs are most often made of: training help, JSON output or validation as
    // well (the Jackson tree and mapper, every command's model) made a cold `cdi devices` slower.
    String[][] runs = {
      {"--spec-dir", dir, "devices"},
      {"--spec-dir", dir, "specs"},
      {"--spec-dir", dir, "inject", config, device},
      {"--spec-dir", dir, "resolve", config},
    };
    List<String> failures = new ArrayList<>();
    // Twice, through a spec cache of the training's own (never the user's): once parsing and
    // filling it, once restoring from it.
    Path cache = null;
    try {
      cache = Files.createTempDirectory("jcdi-training");
      for (int pass = 0; pass < 2; pass++) {
        runAll(runs, cache.resolve("cache"), failures);
      }
    } catch (IOException e) {
      failures.add("cannot make a temporary directory: " + e.getMessage());
    } finally {
      delete(cache);
    }
    return failures;
  }

  /** Runs the listings' training with the spec cache in {@code cacheDir}, which it leaves in place. */
  static List<String> trainListings(Path cacheDir, String dir) {
    String[][] runs = {
      {"--spec-dir", dir, "devices"},
      {"--spec-dir", dir, "specs"},
    };
    List<String> failures = new ArrayList<>();
    runAll(runs, cacheDir, failures);
    return failures;
  }

  private static void runAll(String[][] runs, Path cacheDir, List<String> failures) {
    Map<String, String> env = Map.of("CDI_CACHE_DIR", cacheDir.toString());
    for (String[] run : runs) {
      java.io.StringWriter err = new java.io.StringWriter();
      PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8));
      int status = Cdi.run(run, out, new PrintWriter(err), env, () -> null);
      if (status != 0) {
        failures.add("cdi " + String.join(" ", run) + ": status " + status + ": " + err.toString().strip());
      }
    }
  }

  /** Deletes {@code dir}, its {@code cache} directory and that directory's files; follows no link. */
  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      Path cache = dir.resolve("cache");
      if (Files.isDirectory(cache, LinkOption.NOFOLLOW_LINKS)) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(cache)) {
          for (Path f : files) {
            Files.delete(f);
          }
        }
        Files.delete(cache);
      }
      Files.delete(dir);
    } catch (IOException e) {
      System.err.println("cdi training: cannot remove " + dir + ": " + e.getMessage());
    }
  }
}
