package dev.jcdi.cli;

import dev.jcdi.runtime.HookPolicy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --allow-hook GLOB}: the hook policy of the commands that inject. */
final class HookOptions {
  @Option(
      names = "--allow-hook",
      paramLabel = "GLOB",
      description = {
        "Allow hooks that run a program matching GLOB (repeatable); with any --allow-hook, a device",
        "whose hooks (its own or its spec's) run another program is refused: exit 1, nothing written.",
        "GLOB is an absolute path pattern: * and ? stop at /, [a-z] classes, a last /** matches",
        "everything below (/opt/vendor/**). Without it every hook is allowed, as the reference."
      })
  List<String> globs = new ArrayList<>();

  /** Returns the policy the options give; a bad glob is a usage error. */
  HookPolicy policy(CommandLine cmd) {
    if (globs.isEmpty()) {
      return HookPolicy.allowAll();
    }
    try {
      return HookPolicy.allowing(globs);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cmd, "--allow-hook: " + e.getMessage());
    }
  }
}
