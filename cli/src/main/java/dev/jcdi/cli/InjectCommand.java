package dev.jcdi.cli;

import dev.jcdi.runtime.OciConfig;
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
      "A DEVICE may be a glob pattern ('vendor.com/gpu=*'). Any unresolved device: exit 1, nothing written."
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
   * Expands glob patterns ({@code *}, {@code ?}) against the known devices, keeping request order;
   * a pattern that matches nothing stays as it is and so is reported unresolved.
   */
  static List<String> expand(List<String> known, List<String> requested) {
    List<String> out = new ArrayList<>();
    for (String r : requested) {
      if (r.indexOf('*') < 0 && r.indexOf('?') < 0) {
        out.add(r);
        continue;
      }
      Pattern p = glob(r);
      Set<String> matches = new LinkedHashSet<>();
      for (String k : known) {
        if (p.matcher(k).matches()) {
          matches.add(k);
        }
      }
      if (matches.isEmpty()) {
        out.add(r);
      } else {
        out.addAll(matches);
      }
    }
    return out;
  }

  private static Pattern glob(String g) {
    StringBuilder b = new StringBuilder();
    for (char c : g.toCharArray()) {
      switch (c) {
        case '*' -> b.append(".*");
        case '?' -> b.append('.');
        default -> b.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(b.toString());
  }

}
