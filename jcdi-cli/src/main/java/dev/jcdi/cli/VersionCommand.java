package dev.jcdi.cli;

import dev.jcdi.spec.SpecVersion;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cdi version}: the jcdi version and the spec versions it reads. */
@Command(name = "version", description = "Print the jcdi version and the CDI spec versions it reads.")
final class VersionCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  static List<String> lines() {
    String versions =
        SpecVersion.all().stream()
            .filter(v -> v.isAtLeast(SpecVersion.EARLIEST))
            .map(SpecVersion::toString)
            .collect(Collectors.joining(" "));
    return List.of(
        "jcdi " + Cdi.jcdiVersion(),
        "CDI spec versions: " + versions + " (current " + SpecVersion.CURRENT + ")");
  }

  @Override
  public Integer call() {
    lines().forEach(spec.commandLine().getOut()::println);
    return 0;
  }
}
