package dev.jcdi.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcdi.runtime.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cdi info}: what each container engine on this host will see of CDI. */
@Command(
    name = "info",
    description = {
      "What each container engine here sees of CDI: run it first on \"unresolvable",
      "CDI devices\". For docker, containerd, podman, buildah and CRI-O: installed",
      "or not, version, CDI on or off and why, the spec directories it reads",
      "(defaults when its config names none), their devices and errors; then",
      "jcdi's own. An unresolvable device is usually in a directory the engine",
      "does not read, or in a spec it cannot read: cdi validate --for ENGINE."
    })
final class InfoCommand extends RegistryCommand.Listing implements Callable<Integer> {
  @Option(names = "--config-root", paramLabel = "DIR",
      description = "Read the engines' config files, binaries and spec directories under DIR instead of /.")
  Path configRoot = Path.of("/");

  @Override
  public Integer call() {
    ArrayNode json = Structured.NODES.arrayNode();
    List<String> lines = new ArrayList<>();
    for (Engines.Engine e : Engines.all(configRoot)) {
      ObjectNode o = json.addObject();
      o.put("engine", e.name());
      o.put("installed", e.binary() != null);
      o.put("binary", e.binary() == null ? null : e.binary().toString());
      o.put("version", e.version());
      o.put("cdi", e.cdi());
      o.put("why", e.why());
      ArrayNode configs = o.putArray("configs");
      e.configs().forEach(c -> configs.add(c.toString()));
      ArrayNode errs = o.putArray("errors");
      e.errors().forEach(errs::add);
      lines.add(e.name() + ": " + (e.binary() == null ? "not installed; its configuration names these directories"
          : "installed" + (e.version() == null ? "" : " (" + e.version() + ")") + ", CDI " + (e.cdi() ? "on" : "off") + ": " + e.why()));
      e.errors().forEach(err -> lines.add("  error: " + err));
      dirs(e.dirs().stream().map(d -> Engines.under(configRoot, d)).toList(), o.putArray("dirs"), lines);
    }
    ObjectNode own = json.addObject();
    own.put("engine", "jcdi");
    lines.add("jcdi: this tool (--spec-dir, else $CDI_SPEC_DIRS, else /etc/cdi and /var/run/cdi)");
    dirs(root.specDirs(), own.putArray("dirs"), lines);
    ListCommands.print(this, lines, () -> json);
    return 0;
  }

  private static void dirs(List<Path> dirs, ArrayNode json, List<String> lines) {
    try (Registry registry = Registry.builder().specDirs(dirs).build()) {
      Map<Path, List<String>> errors = registry.errors();
      for (Path dir : dirs) {
        ObjectNode o = json.addObject();
        o.put("dir", dir.toString());
        boolean exists = Files.isDirectory(dir);
        o.put("exists", exists);
        long devices = registry.registeredDevices().stream().filter(d -> dir.equals(d.spec().path().getParent())).count();
        o.put("devices", devices);
        ArrayNode errs = o.putArray("errors");
        errors.forEach((path, list) -> {
          if (path.equals(dir) || dir.equals(path.getParent())) {
            list.forEach(e -> errs.add(RegistryCommand.located(path, e)));
          }
        });
        lines.add("  " + dir + ": " + (exists ? devices + (devices == 1 ? " device" : " devices") + ", " + errs.size()
            + (errs.size() == 1 ? " error" : " errors") : "missing"));
        errs.forEach(e -> lines.add("    error: " + e.asText()));
      }
    }
  }
}
