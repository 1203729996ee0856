package dev.jcdi.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcdi.runtime.HostCheck;
import dev.jcdi.runtime.RegisteredDevice;
import dev.jcdi.runtime.Registry;
import dev.jcdi.spec.SpecDocument;
import dev.jcdi.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cdi check [DEVICE...]}: whether the loaded specs still match this host's device nodes, mounts and hooks. */
@Command(
    name = "check",
    description = {
      "Check the loaded specs against this host: each device node exists with",
      "the spec's type, major and minor, each bind-mount source exists, each hook",
      "is an executable file. Prints, per device, ok or what would fail at",
      "container start, at the spec entry's file:line:col; exits 1 if any fails."
    })
final class CheckCommand extends RegistryCommand.Listing implements Callable<Integer> {
  @Parameters(paramLabel = "DEVICE", arity = "0..*", description = "Qualified device names to check (default: every device).")
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    Registry registry = load();
    List<String> toCheck = names.isEmpty() ? registry.devices() : names;
    Map<Path, SpecDocument> docs = new HashMap<>();
    Map<Path, Map<String, List<HostCheck.Problem>>> checked = new HashMap<>(); // each spec's host checked once
    ArrayNode json = Structured.NODES.arrayNode();
    List<String> lines = new ArrayList<>();
    int failed = 0;
    for (String name : toCheck) {
      ObjectNode o = json.addObject();
      o.put("device", name);
      RegisteredDevice d = registry.device(name).orElse(null);
      if (d == null) {
        failed++;
        o.put("ok", false);
        o.putArray("problems").addObject().put("message", "unresolved CDI device " + name);
        lines.add(name + ": unresolved CDI device");
        continue;
      }
      Path file = d.spec().path();
      o.put("spec", file.toString());
      SpecDocument doc = docs.computeIfAbsent(file, CheckCommand::read);
      List<HostCheck.Problem> problems =
          checked.computeIfAbsent(file, f -> HostCheck.check(d.spec().spec())).getOrDefault(d.device().name(), List.of());
      o.put("ok", problems.isEmpty());
      ArrayNode ps = o.putArray("problems");
      if (problems.isEmpty()) {
        lines.add(name + ": ok");
      } else {
        failed++;
      }
      for (HostCheck.Problem p : problems) {
        String at = locate(doc, file, p.field());
        ObjectNode po = ps.addObject();
        po.put("at", at);
        po.put("field", p.field());
        po.put("message", p.message());
        lines.add(at + ": " + name + ": " + p.message());
      }
    }
    print(lines, json);
    err().println("cdi check: " + toCheck.size() + (toCheck.size() == 1 ? " device, " : " devices, ") + failed + " failing");
    err().flush();
    return failed == 0 ? 0 : 1;
  }

  private void print(List<String> lines, ArrayNode json) {
    ListCommands.print(this, lines, () -> json);
  }

  private static SpecDocument read(Path file) {
    try {
      return SpecReader.standard().read(file);
    } catch (IOException e) {
      return null; // the file changed since the registry read it: report without positions
    }
  }

  private static String locate(SpecDocument doc, Path file, String field) {
    if (doc == null) {
      return file + ":1:1";
    }
    return file + ":" + doc.position(field).map(Object::toString).orElse("1:1");
  }
}
