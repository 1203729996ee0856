package dev.jcdi.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcdi.runtime.RegisteredDevice;
import dev.jcdi.runtime.RegisteredSpec;
import dev.jcdi.runtime.Registry;
import dev.jcdi.spec.Device;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The listing commands: devices, vendors, classes, specs, dirs. */
final class ListCommands {
  private ListCommands() {}

  /**
   * Prints a listing: its lines as text, or what {@code structured} makes as JSON or YAML. The tree
   * is made only when asked for: a text listing loads no Jackson tree or mapper classes.
   */
  static void print(RegistryCommand.Listing cmd, List<String> lines, Supplier<ArrayNode> structured) {
    if (cmd.format == Structured.Format.TEXT) {
      PrintWriter out = cmd.out();
      for (String line : lines) {
        out.println(line);
      }
    } else {
      cmd.out().print(Structured.render(structured.get(), cmd.format));
    }
    cmd.out().flush();
  }

  /** {@code cdi devices}. */
  @Command(name = "devices", aliases = "devs", description = "List every resolvable device by its qualified name, sorted.")
  static final class Devices extends RegistryCommand.Listing implements Callable<Integer> {
    @Override
    public Integer call() {
      Registry r = load();
      print(this, r.devices(), () -> {
        ArrayNode json = Structured.NODES.arrayNode();
        for (String name : r.devices()) {
          RegisteredDevice d = r.device(name).orElseThrow();
          ObjectNode o = json.addObject();
          o.put("name", name);
          o.put("spec", d.spec().path().toString());
          o.put("priority", d.spec().priority());
        }
        return json;
      });
      return 0;
    }
  }

  /** {@code cdi vendors}. */
  @Command(name = "vendors", description = "List the vendors of the loaded specs, sorted.")
  static final class Vendors extends RegistryCommand.Listing implements Callable<Integer> {
    @Override
    public Integer call() {
      Registry r = load();
      print(this, r.vendors(), () -> {
        ArrayNode json = Structured.NODES.arrayNode();
        for (String v : r.vendors()) {
          ObjectNode o = json.addObject();
          o.put("vendor", v);
          ArrayNode specs = o.putArray("specs");
          r.specs(v).forEach(s -> specs.add(s.path().toString()));
        }
        return json;
      });
      return 0;
    }
  }

  /** {@code cdi classes}. */
  @Command(name = "classes", description = "List the device classes of the loaded specs, sorted.")
  static final class Classes extends RegistryCommand.Listing implements Callable<Integer> {
    @Override
    public Integer call() {
      Registry r = load();
      Map<String, TreeSet<String>> vendorsByClass = new TreeMap<>();
      for (RegisteredSpec s : r.specs()) {
        vendorsByClass.computeIfAbsent(s.className(), c -> new TreeSet<>()).add(s.vendor());
      }
      print(this, r.classes(), () -> {
        ArrayNode json = Structured.NODES.arrayNode();
        for (String c : r.classes()) {
          ObjectNode o = json.addObject();
          o.put("class", c);
          ArrayNode vendors = o.putArray("vendors");
          vendorsByClass.getOrDefault(c, new TreeSet<>()).forEach(vendors::add);
        }
        return json;
      });
      return 0;
    }
  }

  /** {@code cdi specs [VENDOR...]}. */
  @Command(name = "specs", description = "List the loaded spec files, of the given vendors or of all.")
  static final class Specs extends RegistryCommand.Listing implements Callable<Integer> {
    @Parameters(paramLabel = "VENDOR", arity = "0..*", description = "Only these vendors' specs.")
    List<String> vendors = new ArrayList<>();

    @Override
    public Integer call() {
      Registry r = load();
      List<RegisteredSpec> specs = new ArrayList<>();
      int status = 0;
      if (vendors.isEmpty()) {
        specs.addAll(r.specs());
      } else {
        for (String v : new java.util.LinkedHashSet<>(vendors)) {
          List<RegisteredSpec> of = r.specs(v);
          if (of.isEmpty()) {
            err().println("cdi: no specs of vendor " + dev.jcdi.spec.internal.Text.quote(v));
            status = 1;
          }
          specs.addAll(of);
        }
      }
      List<String> lines = new ArrayList<>();
      for (RegisteredSpec s : specs) {
        lines.add(s.path().toString());
      }
      print(this, lines, () -> {
        ArrayNode json = Structured.NODES.arrayNode();
        for (RegisteredSpec s : specs) {
          ObjectNode o = json.addObject();
          o.put("path", s.path().toString());
          o.put("kind", s.kind());
          o.put("cdiVersion", s.spec().cdiVersion());
          o.put("priority", s.priority());
          ArrayNode devices = o.putArray("devices");
          for (Device d : s.spec().devices()) {
            devices.add(d.name());
          }
        }
        return json;
      });
      err().flush();
      return status;
    }
  }

  /** {@code cdi dirs}. */
  @Command(name = "dirs", description = "List the spec directories in priority order (later wins).")
  static final class Dirs extends RegistryCommand.Listing implements Callable<Integer> {
    @Override
    public Integer call() {
      Registry r = load();
      List<String> lines = new ArrayList<>();
      List<Path> dirs = r.specDirs();
      for (Path dir : dirs) {
        lines.add(dir.toString());
      }
      print(this, lines, () -> {
        ArrayNode json = Structured.NODES.arrayNode();
        Map<Path, List<String>> errors = r.errors();
        for (int i = 0; i < dirs.size(); i++) {
          Path dir = dirs.get(i);
          ObjectNode o = json.addObject();
          o.put("dir", dir.toString());
          o.put("priority", i);
          o.put("exists", Files.isDirectory(dir));
          ArrayNode errs = o.putArray("errors");
          errors.forEach(
              (path, list) -> {
                if (path.equals(dir) || dir.equals(path.getParent())) {
                  list.forEach(e -> errs.add(RegistryCommand.located(path, e)));
                }
              });
        }
        return json;
      });
      return 0;
    }
  }
}
