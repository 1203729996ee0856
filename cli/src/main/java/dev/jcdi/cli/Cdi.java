package dev.jcdi.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code cdi} command: inspect CDI spec directories, validate specs and inject devices. */
@Command(
    name = "cdi",
    mixinStandardHelpOptions = true,
    versionProvider = Cdi.Version.class,
    description = "Container Device Interface (CDI) tool: validate specs, list and inject devices.",
    subcommands = {
      ListCommands.Devices.class,
      ListCommands.Vendors.class,
      ListCommands.Classes.class,
      ListCommands.Specs.class,
      ListCommands.Dirs.class,
      InjectCommand.class,
      ResolveCommand.class,
      MonitorCommand.class,
      ValidateCommand.class,
      VersionCommand.class,
      CompletionCommand.class,
      ManCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Spec directories: --spec-dir (repeatable, later wins), else $CDI_SPEC_DIRS",
      "(colon-separated), else /etc/cdi then /var/run/cdi.",
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
      String dir = args.pop();
      if (!dir.isEmpty()) { // an empty entry names no directory, as in CDI_SPEC_DIRS
        ((Cdi) command.root().userObject()).specDirOptions.add(Path.of(dir));
      }
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

  /** Returns a command line for this tool writing to the given streams. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env) {
    CommandLine cl = new CommandLine(new Cdi(env));
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
          commandLine.getErr().println("cdi: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
          commandLine.getErr().flush();
          return 1;
        });
    return cl;
  }

  /** Runs the tool with {@code args} and returns its exit status. */
  static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    try {
      return commandLine(out, err, env).execute(ValidateCommand.optionalSchemaValue(args));
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * Runs {@code cdi} with the command-line arguments and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int status = run(args, out, err, System.getenv());
    System.exit(status);
  }
}
