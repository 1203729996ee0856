package dev.jcdi.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The listing commands ({@code devices}, {@code vendors}, {@code classes}, {@code specs}, {@code
 * dirs}) run without picocli when their command line is plain: the commands scripts call most, and
 * the ones a cold start shows most (picocli's model of even one command cost more than a third of a
 * cold {@code cdi devices}). Plain means only these, in any order after the command word:
 *
 * <ul>
 *   <li>{@code --spec-dir DIR}, {@code -d DIR}, {@code --spec-dir=DIR}, {@code -dDIR} (not {@code -d=DIR}), before or
 *       after the command, with a non-empty valid directory name;
 *   <li>{@code --output FORMAT} or {@code --output=FORMAT} once, FORMAT one of text, json, yaml in
 *       any case;
 *   <li>for {@code specs}, vendor names that do not start with {@code -}.
 * </ul>
 *
 * <p>Anything else (help, an unknown or repeated option, a bad value, {@code --}, an {@code @FILE} anywhere,
 * a positional argument where none is taken) goes to picocli, which says what is wrong exactly as it
 * always has. A plain command line runs the same command object, with the same fields picocli would
 * have set, so output and exit status are the same by construction; CdiQuickPathTest compares both
 * ways over a table of command lines.
 */
final class QuickListing {
  private final RegistryCommand.Listing command;

  private QuickListing(RegistryCommand.Listing command) {
    this.command = command;
  }

  /** Returns the plain listing {@code args} ask for, or null when picocli must read them. */
  static QuickListing parse(String[] args, Map<String, String> env) {
    Cdi root = new Cdi(env);
    RegistryCommand.Listing command = null;
    boolean formatSeen = false;
    for (String a : args) {
      if (a.startsWith("@")) {
        return null; // picocli reads @FILE as arguments, in any place
      }
    }
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String dir = null;
      if (a.equals("--spec-dir") || a.equals("-d")) {
        if (i + 1 == args.length) {
          return null;
        }
        dir = args[++i];
      } else if (a.startsWith("--spec-dir=")) {
        dir = a.substring("--spec-dir=".length());
      } else if (a.startsWith("-d") && a.length() > 2 && a.charAt(2) != '=') {
        dir = a.substring(2); // -d=DIR is picocli's to read
      }
      if (dir != null) {
        if (root.addSpecDir(dir) != null) {
          return null; // picocli says why
        }
        continue;
      }
      if (command == null) {
        command = listing(a);
        if (command == null) {
          return null;
        }
        continue;
      }
      String format = null;
      if (a.equals("--output")) {
        if (i + 1 == args.length) {
          return null;
        }
        format = args[++i];
      } else if (a.startsWith("--output=")) {
        format = a.substring("--output=".length());
      }
      if (format != null) {
        Structured.Format f = format(format);
        if (f == null || formatSeen) {
          return null;
        }
        formatSeen = true;
        command.format = f;
      } else if (command instanceof ListCommands.Specs specs && !a.isEmpty() && a.charAt(0) != '-') {
        specs.vendors.add(a);
      } else {
        return null;
      }
    }
    if (command == null) {
      return null;
    }
    command.root = root;
    return new QuickListing(command);
  }

  /** Runs the listing as picocli would: its status, or 1 with the reason when it fails. */
  int run(PrintWriter out, PrintWriter err) {
    command.streams(out, err);
    try {
      return command.call();
    } catch (Exception e) {
      err.println("cdi: " + Cdi.describe(e));
      err.flush();
      return 1;
    }
  }

  /** The command object for a listing's name or alias; null for any other word. */
  private static RegistryCommand.Listing listing(String word) {
    return switch (word) {
      case "devices", "devs", "vendors", "classes", "specs", "dirs" -> (RegistryCommand.Listing) Cdi.command(word);
      default -> null;
    };
  }

  private static Structured.Format format(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "text" -> Structured.Format.TEXT;
      case "json" -> Structured.Format.JSON;
      case "yaml" -> Structured.Format.YAML;
      default -> null;
    };
  }

  /** Returns the listing command this command line runs. */
  RegistryCommand.Listing command() {
    return command;
  }
}
