package dev.jcdi.cli;

import dev.jcdi.spec.internal.IoMessages;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code cdi} command: inspect CDI spec directories, validate specs and inject devices.
 *
 * <p>The subcommands are added to the command line as it is made, not listed in the annotation:
 * picocli builds a command's model by reflection when it is added, and a run needs the model of the
 * command it runs only (that alone was a third of a cold {@code cdi devices}). Help, completion,
 * the man page and anything not recognised get every command.
 */
@Command(
    name = "cdi",
    mixinStandardHelpOptions = true,
    versionProvider = Cdi.Version.class,
    description = "Container Device Interface (CDI) tool: validate specs, list and inject devices.",
    footer = {
      "",
      "Spec directories: --spec-dir (repeatable, later wins), else $CDI_SPEC_DIRS",
      "(colon-separated), else /etc/cdi then /var/run/cdi.",
      "Parsed specs are kept between runs in ~/.cache/jcdi/specs ($CDI_CACHE_DIR;",
      "CDI_CACHE=off for none).",
      "Exit status: 0 ok, 1 the operation failed, 2 usage error."
    })
public final class Cdi implements Runnable {
  @Option(
      names = {"--spec-dir", "-d"},
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      parameterConsumer = SpecDirs.class,
      description = "A spec directory; repeat for several, in priority order (later wins).")
  List<Path> specDirOption;

  /** Every --spec-dir, before and after the command, in the order given. */
  private final List<Path> specDirOptions = new ArrayList<>();

  /**
   * Collects --spec-dir values into the root command. picocli gives an inherited option a fresh
   * value in the subcommand, which would drop the directories given before the command.
   */
  static final class SpecDirs implements CommandLine.IParameterConsumer {
    @Override
    public void consumeParameters(java.util.Stack<String> args, CommandLine.Model.ArgSpec arg, CommandLine.Model.CommandSpec command) {
      if (args.isEmpty()) {
        throw new CommandLine.ParameterException(command.commandLine(), "Missing required parameter for option '--spec-dir' (DIR)");
      }
      String problem = ((Cdi) command.root().userObject()).addSpecDir(args.pop());
      if (problem != null) {
        throw new CommandLine.ParameterException(command.commandLine(), "--spec-dir: " + problem);
      }
    }
  }

  /**
   * Adds a --spec-dir, as picocli reads it or as QuickListing does; returns null, or why the name is
   * refused (empty, or not a path), adding nothing.
   */
  String addSpecDir(String dir) {
    if (dir.isEmpty()) {
      return "a directory name cannot be empty";
    }
    try {
      specDirOptions.add(Path.of(dir));
      return null;
    } catch (java.nio.file.InvalidPathException e) {
      return "invalid directory name: " + e.getReason();
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> env;

  Cdi(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Returns the spec directories in priority order: --spec-dir, else CDI_SPEC_DIRS, else the defaults. */
  List<Path> specDirs() {
    if (!specDirOptions.isEmpty()) {
      return List.copyOf(specDirOptions);
    }
    String fromEnv = env.get("CDI_SPEC_DIRS");
    if (fromEnv != null && !fromEnv.isBlank()) {
      List<Path> dirs = new ArrayList<>();
      for (String d : fromEnv.split(":")) {
        if (!d.isEmpty()) {
          dirs.add(Path.of(d));
        }
      }
      return dirs;
    }
    return dev.jcdi.runtime.Registry.DEFAULT_SPEC_DIRS;
  }

  /**
   * Returns the file in which {@code cdi} keeps the parsed spec files between runs ({@link
   * dev.jcdi.runtime.Registry.Builder#persistentCache}), or null for none: {@code
   * $CDI_CACHE_DIR/specs}, else {@code $XDG_CACHE_HOME/jcdi/specs}, else {@code
   * ~/.cache/jcdi/specs}; none when {@code CDI_CACHE} is {@code off} (or {@code 0}, {@code no},
   * {@code false}) or no such directory is named. XDG_CACHE_HOME and HOME count only when absolute.
   */
  Path specCacheFile() {
    String off = env.get("CDI_CACHE");
    if (off != null) {
      String o = off.trim().toLowerCase(java.util.Locale.ROOT);
      if (o.equals("off") || o.equals("0") || o.equals("no") || o.equals("false")) {
        return null;
      }
    }
    try {
      String dir = env.get("CDI_CACHE_DIR");
      if (dir != null && !dir.isEmpty()) {
        return Path.of(dir, "specs");
      }
      String xdg = env.get("XDG_CACHE_HOME");
      if (xdg != null && xdg.startsWith("/")) {
        return Path.of(xdg, "jcdi", "specs");
      }
      String home = env.get("HOME");
      if (home != null && home.startsWith("/")) {
        return Path.of(home, ".cache", "jcdi", "specs");
      }
    } catch (java.nio.file.InvalidPathException e) {
      return null; // a name that is no path here: no cache, as for none
    }
    return null;
  }

  private boolean warnedMissing;

  /**
   * Warns, once per run, of each --spec-dir that names nothing: a typo would otherwise look like
   * a directory without devices. (A default or CDI_SPEC_DIRS directory may well not exist yet.)
   */
  void warnMissingSpecDirs(PrintWriter err) {
    if (warnedMissing) {
      return;
    }
    warnedMissing = true;
    for (Path dir : new java.util.LinkedHashSet<>(specDirOptions)) {
      if (!java.nio.file.Files.exists(dir)) {
        err.println("cdi: warning: " + dir + ": no such spec directory");
      }
    }
    err.flush();
  }

  /** Returns the jcdi version this tool was built as. */
  static String jcdiVersion() {
    Properties p = new Properties();
    try (InputStream in = Cdi.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }

  /** Supplies {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return VersionCommand.lines().toArray(String[]::new);
    }
  }

  /** The commands, in the order help lists them, by their names. */
  static final List<String> COMMANDS = List.of(
      "devices", "vendors", "classes", "specs", "dirs", "inject", "resolve", "monitor", "validate", "generate",
      "check", "convert", "transform", "info", "version", "completion", "man", "help");

  /**
   * Returns a new command object for a command's name or alias, or null for none. A {@code switch},
   * not a table of lambdas or classes: a run loads only the class of the command it runs.
   * QuickListingTest holds this to the names and aliases in the commands' annotations.
   */
  static Object command(String nameOrAlias) {
    return switch (nameOrAlias) {
      case "devices", "devs" -> new ListCommands.Devices();
      case "vendors" -> new ListCommands.Vendors();
      case "classes" -> new ListCommands.Classes();
      case "specs" -> new ListCommands.Specs();
      case "dirs" -> new ListCommands.Dirs();
      case "inject", "inj" -> new InjectCommand();
      case "resolve", "res" -> new ResolveCommand();
      case "monitor" -> new MonitorCommand();
      case "validate" -> new ValidateCommand();
      case "generate", "gen" -> new GenerateCommand();
      case "check" -> new CheckCommand();
      case "convert" -> new ConvertCommand();
      case "transform" -> new TransformCommand();
      case "info" -> new InfoCommand();
      case "version" -> new VersionCommand();
      case "completion" -> new CompletionCommand();
      case "man" -> new ManCommand();
      case "help" -> new CommandLine.HelpCommand();
      default -> null;
    };
  }

  /**
   * Returns the command word of {@code args}: the first argument after cdi's own options
   * ({@code --spec-dir DIR}, {@code -d DIR}, {@code --spec-dir=DIR}, {@code -dDIR}), or null when
   * another option comes first (help, version, an unknown option, {@code --}) or no command does.
   */
  static String commandWord(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--spec-dir") || a.equals("-d")) {
        i++;
      } else if (!a.startsWith("--spec-dir=") && !(a.startsWith("-d") && a.length() > 2)) {
        return a.startsWith("-") ? null : a;
      }
    }
    return null;
  }

  /** Returns a command line for this tool with every command, writing to the given streams. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env) {
    return commandLine(out, err, env, null);
  }

  /**
   * Returns a command line for this tool writing to the given streams, with the command {@code
   * word} names only, or with every command when {@code word} is null, names none, or is help,
   * completion or man. What a run prints is the same either way: the other commands play no part
   * in reading a line, and a line with a mistake is read again with every command, for the usage
   * (LazyModelTest).
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env, String word) {
    CommandLine cl = new CommandLine(new Cdi(env));
    // completion, man and help describe every command
    Object only = word == null || word.equals("completion") || word.equals("man") || word.equals("help") ? null : command(word);
    if (only != null) {
      cl.addSubcommand(only);
    } else {
      for (String name : COMMANDS) {
        cl.addSubcommand(command(name));
      }
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // -h/--help on every command, not only on cdi itself
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (!(sub.getCommand() instanceof CommandLine.HelpCommand) && sub.getCommandSpec().optionsMap().get("--help") == null) {
        sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
            .description("Show this help message and exit.").build());
      }
    }
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("cdi: " + describe(ex));
          commandLine.getErr().flush();
          return 1;
        });
    if (only != null) {
      // A mistake found while reading the line is told with the usage of where it was found, and
      // cdi's own usage lists every command: such a line is read again, by the full model, which
      // says exactly what it always has. (Nothing has run yet.) A ParameterException a command
      // throws once it runs is the command's own, told as usual.
      boolean[] running = {false};
      CommandLine.IExecutionStrategy strategy = cl.getExecutionStrategy();
      cl.setExecutionStrategy(parseResult -> {
        running[0] = true;
        return strategy.execute(parseResult);
      });
      CommandLine.IParameterExceptionHandler standard = cl.getParameterExceptionHandler();
      cl.setParameterExceptionHandler((ex, args) -> running[0]
          ? standard.handleParseException(ex, args)
          : commandLine(out, err, env, null).execute(args));
    }
    return cl;
  }

  /** Returns what a user reads of a failure: its message, never a Java class name where a reason exists. */
  static String describe(Throwable ex) {
    if (ex instanceof java.io.UncheckedIOException u && u.getCause() != null) {
      return describe(u.getCause());
    }
    if (ex instanceof java.nio.file.FileSystemException f) {
      return (f.getFile() == null ? "" : f.getFile() + ": ") + IoMessages.reason(f);
    }
    if (ex.getMessage() != null && !ex.getMessage().isBlank()) {
      return ex.getMessage();
    }
    return "internal error (" + ex.getClass().getSimpleName() + "); please report it";
  }

  /** Runs the tool with {@code args} and returns its exit status. */
  static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    return run(args, out, err, env, () -> null);
  }

  /**
   * Runs the tool with {@code args} and returns its exit status. As coreutils' {@code close_stdout}
   * does, the output is checked at the end: a command whose output was not all written (full disk,
   * {@code /dev/full}, a closed pipe) failed, whatever it returned, and says so: {@code cdi: write
   * error: REASON}, status 1. A closed pipe ends a listing quietly, with its usual status, as {@code
   * ls | head} does.
   *
   * @param outFailure why writing to {@code out} failed, when it did and the reason is known
   */
  static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Supplier<IOException> outFailure) {
    return run(args, out, err, env, outFailure, true);
  }

  /**
   * Runs the tool as {@link #run(String[], PrintWriter, PrintWriter, Map, Supplier)} does; with
   * {@code quick} false, a plain listing goes through picocli too (for tests that compare the two).
   */
  static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Supplier<IOException> outFailure,
      boolean quick) {
    CliLoggerFinder.redirect(err);
    try {
      String[] effective = ValidateCommand.optionalSchemaValue(args);
      QuickListing listing = quick ? QuickListing.parse(effective, env) : null;
      CommandLine cl = null;
      int status;
      if (listing != null) {
        status = listing.run(out, err);
      } else {
        cl = commandLine(out, err, env, commandWord(effective));
        status = cl.execute(effective);
      }
      out.flush();
      if (!out.checkError()) {
        return status;
      }
      IOException failure = outFailure.get();
      String reason = failure == null ? "output error" : IoMessages.reason(failure);
      if (reason.equals("broken pipe") && (listing != null || endsQuietlyOnClosedPipe(cl))) {
        return status;
      }
      err.println("cdi: write error: " + reason);
      return 1;
    } finally {
      err.flush();
      CliLoggerFinder.redirect(null);
    }
  }

  /** Whether the command that ran is a listing, whose reader may stop reading when it has seen enough. */
  private static boolean endsQuietlyOnClosedPipe(CommandLine cl) {
    CommandLine.ParseResult pr = cl.getParseResult();
    if (pr == null) {
      return false;
    }
    while (pr.hasSubcommand()) {
      pr = pr.subcommand();
    }
    Object command = pr.commandSpec().userObject();
    return command instanceof RegistryCommand.Listing || command instanceof MonitorCommand;
  }

  /**
   * Runs {@code cdi} with the command-line arguments and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    CheckedOutput stdout = new CheckedOutput(new FileOutputStream(FileDescriptor.out));
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), false);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
    int status = run(args, out, err, System.getenv(), stdout);
    System.exit(status);
  }

  /**
   * Standard output that remembers why a write failed: a {@link PrintWriter} keeps only that it
   * did. After a failure every write fails at once, so a command's output stops at the first error.
   */
  static final class CheckedOutput extends FilterOutputStream implements Supplier<IOException> {
    private volatile IOException failure;

    CheckedOutput(OutputStream out) {
      super(out);
    }

    /** Returns why a write failed, or null. (A class, not a method reference: no lambda to link at start-up.) */
    @Override
    public IOException get() {
      return failure;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      check();
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void flush() throws IOException {
      check();
      try {
        out.flush();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    private void check() throws IOException {
      IOException f = failure;
      if (f != null) {
        throw f;
      }
    }
  }
}
