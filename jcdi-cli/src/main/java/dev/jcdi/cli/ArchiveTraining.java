package dev.jcdi.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training runs the launchers archive the CLI's classes with (a CDS archive on Java 17-24, an
 * AOT cache from Java 25 on), on the bundled example specs (JSON and YAML), with every output thrown
 * away. A class a training never loads is loaded from the jar as usual, so an archive only changes
 * how fast {@code cdi} starts, never what it does.
 *
 * <p>A training runs its commands with the specs restored from {@code cdi}'s spec cache, the way
 * most runs go: the launcher runs it twice with the same cache directory, once to fill the cache (a
 * JVM that archives nothing) and once archiving. So the archives hold none of the parsers' classes:
 * Java 25 loads every class of an AOT cache at start-up, used or not, and they cost every run that
 * did not need them (the 5,000-spec {@code inject} its peak RSS target). A run that parses loads them
 * from the jar. There are two trainings, for two archives:
 *
 * <ul>
 *   <li>the general one: {@code devices}, {@code specs}, {@code inject} and {@code resolve};
 *   <li>the listings' one ({@code --listings}): {@code devices} and {@code specs} only, which start
 *       faster without the inject and resolve classes.
 * </ul>
 *
 * <p>Usage: {@code java [-XX:AOTCacheOutput=A] -cp jcdi-cli.jar dev.jcdi.cli.ArchiveTraining
 * [--listings] CACHE_DIR SPEC_DIR CONFIG DEVICE}; exits 0 when every step ran as expected, 1
 * otherwise (the launchers then keep no archive).
 */
public final class ArchiveTraining {
  private ArchiveTraining() {}

  /**
   * Runs a training.
   *
   * @param args {@code --listings} for the listings' training, then a spec cache directory, the
   *     example spec directory, an OCI config and a device its specs define
   */
  public static void main(String[] args) {
    boolean listings = args.length > 0 && args[0].equals("--listings");
    int at = listings ? 1 : 0;
    if (args.length - at != 4 || args[at].startsWith("-")) {
      System.err.println("usage: ArchiveTraining [--listings] CACHE_DIR SPEC_DIR CONFIG DEVICE");
      System.exit(2);
      return;
    }
    List<String> failures = train(listings, Path.of(args[at]), args[at + 1], args[at + 2], args[at + 3]);
    for (String f : failures) {
      System.err.println("cdi training: " + f);
    }
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  /**
   * Runs a training in this JVM, with the spec cache in {@code cacheDir} (left in place), and
   * returns what went other than expected, one line each (empty when all ran as they should).
   */
  static List<String> train(boolean listings, Path cacheDir, String dir, String config, String device) {
    // Only the commands runs are most often made of: training help, JSON output or validation as
    // well (the Jackson tree and mapper, every command's model) made a cold `cdi devices` slower.
    String[][] runs = listings
        ? new String[][] {
          {"--spec-dir", dir, "devices"},
          {"--spec-dir", dir, "specs"},
        }
        : new String[][] {
          {"--spec-dir", dir, "devices"},
          {"--spec-dir", dir, "specs"},
          {"--spec-dir", dir, "inject", config, device},
          {"--spec-dir", dir, "resolve", config},
        };
    List<String> failures = new ArrayList<>();
    // the process environment, as Cdi.main reads it (so that its classes are archived too), with the
    // training's own spec cache; --spec-dir overrides CDI_SPEC_DIRS
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.remove("CDI_CACHE");
    env.put("CDI_CACHE_DIR", cacheDir.toString());
    for (String[] run : runs) {
      java.io.StringWriter err = new java.io.StringWriter();
      Cdi.CheckedOutput checked = new Cdi.CheckedOutput(OutputStream.nullOutputStream());
      PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(checked, StandardCharsets.UTF_8));
      int status = Cdi.run(run, out, new PrintWriter(err), env, checked);
      if (status != 0) {
        failures.add("cdi " + String.join(" ", run) + ": status " + status + ": " + err.toString().strip());
      }
    }
    return failures;
  }
}
