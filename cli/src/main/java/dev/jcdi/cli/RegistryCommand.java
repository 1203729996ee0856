package dev.jcdi.cli;

import dev.jcdi.runtime.Registry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** What the commands that read the spec directories share: the directories, the output format, errors. */
abstract class RegistryCommand {
  @ParentCommand Cdi root;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Loads the registry of the spec directories and reports spec errors on stderr. */
  Registry load() {
    Registry registry = Registry.builder().specDirs(root.specDirs()).build();
    reportErrors(registry);
    return registry;
  }

  void reportErrors(Registry registry) {
    Map<Path, List<String>> errors = registry.errors();
    errors.keySet().stream()
        .sorted()
        .forEach(p -> errors.get(p).forEach(e -> err().println("cdi: warning: " + p + ": " + e)));
    err().flush();
  }

  /** A listing command with {@code --output}. */
  abstract static class Listing extends RegistryCommand {
    @Option(
        names = "--output",
        paramLabel = "FORMAT",
        description = "Output format: text (default), json or yaml.")
    Structured.Format format = Structured.Format.TEXT;
  }
}
