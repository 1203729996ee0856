package dev.jcdi.cli;

import dev.jcdi.oci.OciConfig;
import dev.jcdi.runtime.Registry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cdi inject CONFIG DEVICE...}: applies devices' edits to an OCI config. */
@Command(
    name = "inject",
    aliases = {"inj"},
    description = {
      "Inject devices into an OCI runtime config and print the updated config (JSON) on stdout.",
      "Each DEVICE is a name or a pattern ('vendor.com/gpu=*', as Go's filepath.Match: * and ? stop at /);",
      "the matching devices are injected once each, in sorted order, as the reference does.",
      "A DEVICE that matches nothing is unresolved: exit 1, nothing written.",
      "A pattern is at most 4096 characters (exit 2 otherwise)."
    })
final class InjectCommand extends RegistryCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CONFIG", description = "The OCI config.json, or - for stdin.")
  String config;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "DEVICE", description = "Qualified device names or patterns.")
  List<String> devices = new ArrayList<>();

  @Mixin ConfigOutput output = new ConfigOutput();

  @Mixin HookOptions hooks = new HookOptions();

  @Override
  public Integer call() throws IOException {
    output.check(spec.commandLine(), config);
    dev.jcdi.runtime.HookPolicy policy = hooks.policy(spec.commandLine());
    OciConfig oci = readConfig(config);
    if (oci == null) {
      return 1;
    }
    Registry registry = load(policy);
    List<String> names;
    try {
      names = expand(registry.devices(), devices);
    } catch (Glob.BadPatternException e) {
      err().println("cdi: " + e.getMessage());
      return 2;
    }
    return injectAndWrite(registry, oci, names, output, config);
  }

  /**
   * Expands the device arguments as the reference does: each is a pattern ({@link Glob}) matched
   * against the known devices, and the matches, without repeats, are injected in sorted order. A
   * pattern that matches nothing (or is malformed) stays as it is and so is reported unresolved:
   * the reference drops it silently, and a typo must not yield a container without its device.
   *
   * @throws Glob.BadPatternException when a pattern (a name with {@code * ? [ \}) is longer than
   *     {@link Glob#MAX_LENGTH}
   */
  static List<String> expand(List<String> known, List<String> requested) throws Glob.BadPatternException {
    java.util.TreeSet<String> matched = new java.util.TreeSet<>();
    Set<String> unmatched = new LinkedHashSet<>();
    for (String r : requested) {
      if (Glob.isLiteral(r)) {
        // a plain name matches only itself (as in Go), whatever its length
        if (known.contains(r)) {
          matched.add(r);
        } else {
          unmatched.add(r);
        }
        continue;
      }
      Glob p;
      try {
        p = Glob.compile(r);
      } catch (Glob.BadPatternException e) {
        if (e.tooLong()) {
          throw e;
        }
        p = null;
      }
      Glob glob = p;
      List<String> hits = glob == null ? List.of() : known.stream().filter(glob::matches).toList();
      if (hits.isEmpty()) {
        unmatched.add(r);
      }
      matched.addAll(hits);
    }
    List<String> out = new ArrayList<>(matched);
    out.addAll(unmatched);
    return out;
  }
}
