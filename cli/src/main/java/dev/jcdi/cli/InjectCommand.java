package dev.jcdi.cli;

import dev.jcdi.oci.OciConfig;
import dev.jcdi.runtime.Registry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
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
      "A DEVICE that matches nothing is unresolved: exit 1, nothing written."
    })
final class InjectCommand extends RegistryCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CONFIG", description = "The OCI config.json, or - for stdin.")
  String config;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "DEVICE", description = "Qualified device names or patterns.")
  List<String> devices = new ArrayList<>();

  @Mixin ConfigOutput output = new ConfigOutput();

  @Override
  public Integer call() throws IOException {
    output.check(spec.commandLine(), config);
    OciConfig oci = readConfig(config);
    if (oci == null) {
      return 1;
    }
    Registry registry = load();
    List<String> names = expand(registry.devices(), devices);
    return injectAndWrite(registry, oci, names, output, config);
  }

  /**
   * Expands the device arguments as the reference does: each is a pattern ({@link Glob}) matched
   * against the known devices, and the matches, without repeats, are injected in sorted order. A
   * pattern that matches nothing (or is malformed) stays as it is and so is reported unresolved:
   * the reference drops it silently, and a typo must not yield a container without its device.
   */
  static List<String> expand(List<String> known, List<String> requested) {
    java.util.TreeSet<String> matched = new java.util.TreeSet<>();
    Set<String> unmatched = new LinkedHashSet<>();
    for (String r : requested) {
      Pattern p = Glob.compile(r).orElse(null);
      List<String> hits = p == null ? List.of() : known.stream().filter(k -> p.matcher(k).matches()).toList();
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
