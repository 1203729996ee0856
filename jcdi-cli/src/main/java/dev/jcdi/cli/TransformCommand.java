package dev.jcdi.cli;

import dev.jcdi.spec.InvalidSpecException;
import dev.jcdi.spec.RootTransform;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecDocument;
import dev.jcdi.spec.SpecVersion;
import dev.jcdi.spec.SpecWriteException;
import dev.jcdi.spec.internal.IoMessages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cdi transform}: rewrites specs; {@code root} moves their paths under another root. */
@Command(
    name = "transform",
    description = "Rewrite a spec: 'transform root' moves its paths to another root.",
    subcommands = {TransformCommand.Root.class})
final class TransformCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a transform is required: root");
  }

  /** How a root transform picks the paths it moves. */
  enum RelativeTo {
    HOST,
    CONTAINER
  }

  /** {@code cdi transform root --from DIR --to DIR [--relative-to host|container] [FILE|-]}. */
  @Command(
      name = "root",
      mixinStandardHelpOptions = true,
      description = {
        "Move a spec's paths from one root to another, for a driver installed",
        "under another root (such as /run/driver). With --relative-to host (the",
        "default) host paths move: device node hostPath, mount hostPath, hook path;",
        "with container, device node and mount container paths move too. Prints",
        "the spec, or replaces FILE with --in-place; cdiVersion rises when needed."
      })
  static final class Root implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The root the paths are under now (absolute).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "The root to move them to (absolute).")
    String to;

    @Option(names = "--relative-to", paramLabel = "host|container", description = "Which paths move: host (default) or container (host and container).")
    RelativeTo relativeTo = RelativeTo.HOST;

    @Option(names = {"-i", "--in-place"}, description = "Replace FILE atomically (mode 0644) instead of printing the spec.")
    boolean inPlace;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The spec file, or - for stdin (the default).")
    String file = "-";

    @Mixin SpecOutput output = new SpecOutput();

    @Override
    public Integer call() {
      CommandLine cl = spec.commandLine();
      RootTransform transform;
      try {
        transform = new RootTransform(from, to, relativeTo == RelativeTo.CONTAINER);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cl, e.getMessage());
      }
      if (inPlace && file.equals("-")) {
        throw new CommandLine.ParameterException(cl, "--in-place needs a FILE, not stdin");
      }
      if (inPlace && output.format != null) {
        throw new CommandLine.ParameterException(cl, "--output and --in-place do not go together: a file keeps its format");
      }
      if (inPlace && !SpecOutput.writableName(Path.of(file))) {
        cl.getErr().println("cdi transform: " + file + ": --in-place needs a .json or .yaml file");
        return 1;
      }
      SpecDocument doc;
      try {
        doc = SpecOutput.read(file, System.in);
      } catch (IOException e) {
        SpecOutput.reportUnreadable("transform", file, e, cl.getErr());
        return 1;
      }
      Spec moved = transform.applyTo(doc.spec());
      SpecVersion min = SpecVersion.minimumRequired(moved);
      SpecVersion declared = SpecVersion.find(moved.cdiVersion()).orElse(null);
      if (declared == null || !declared.isAtLeast(min)) {
        moved = moved.withVersion(min);
        if (declared != null) {
          cl.getErr().println("cdi transform: cdiVersion raised from " + declared + " to " + min + " for the fields the moved spec uses");
        }
      }
      try {
        if (inPlace) {
          SpecOutput.writeInPlace(Path.of(file), moved);
        } else {
          output.print(moved, file.equals("-") ? null : Path.of(file), cl.getOut());
        }
        return 0;
      } catch (InvalidSpecException | SpecWriteException e) {
        cl.getErr().println("cdi transform: " + e.getMessage());
      } catch (IOException e) {
        cl.getErr().println("cdi transform: " + file + ": " + IoMessages.reason(e));
      }
      return 1;
    }
  }
}
