package dev.jcdi.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cdi completion}: a bash/zsh completion script generated from the command definitions. */
@Command(
    name = "completion",
    description = {
      "Print a bash (and zsh) completion script for cdi.",
      "Load it with: source <(./cdi completion)"
    })
final class CompletionCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine root = spec.commandLine().getParent();
    String script = AutoComplete.bash("cdi", root);
    spec.commandLine().getOut().print(script);
    return 0;
  }
}
