package dev.jcdi.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Spec file text for registry tests, and ways of putting it on disk. */
final class RegistryFiles {
  private RegistryFiles() {}

  /** A spec under construction, written out as JSON or YAML text. */
  static final class SpecText {
    private final String kind;
    private final List<String> specEnv = new ArrayList<>();
    private final List<String> devices = new ArrayList<>();
    private String version = "0.5.0";

    private SpecText(String kind) {
      this.kind = kind;
    }

    SpecText version(String v) {
      version = v;
      return this;
    }

    /** Adds spec-level env entries. */
    SpecText env(String... entries) {
      specEnv.addAll(List.of(entries));
      return this;
    }

    /** Adds a device whose edits are the given env entries. */
    SpecText device(String name, String... env) {
      devices.add("{\"name\":" + quote(name) + ",\"containerEdits\":{\"env\":" + array(List.of(env)) + "}}");
      return this;
    }

    /** Adds a device with env entries and a fully specified character device node at {@code nodePath}. */
    SpecText deviceWithNode(String name, String nodePath, long major, long minor, String... env) {
      devices.add(
          "{\"name\":" + quote(name) + ",\"containerEdits\":{\"env\":" + array(List.of(env))
              + ",\"deviceNodes\":[{\"path\":" + quote(nodePath) + ",\"type\":\"c\",\"major\":" + major
              + ",\"minor\":" + minor + "}]}}");
      return this;
    }

    String json() {
      StringBuilder b = new StringBuilder();
      b.append("{\"cdiVersion\":").append(quote(version)).append(",\"kind\":").append(quote(kind));
      if (!specEnv.isEmpty()) {
        b.append(",\"containerEdits\":{\"env\":").append(array(specEnv)).append('}');
      }
      b.append(",\"devices\":[").append(String.join(",", devices)).append("]}\n");
      return b.toString();
    }

    /** The same spec as YAML (JSON is YAML; the flow style keeps it readable). */
    String yaml() {
      return "---\n" + json();
    }
  }

  static SpecText spec(String kind) {
    return new SpecText(kind);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String array(List<String> items) {
    return items.stream().map(RegistryFiles::quote).collect(Collectors.joining(",", "[", "]"));
  }

  /** Writes {@code text} to {@code dir/name} directly (creating the directory). */
  static Path write(Path dir, String name, String text) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code text} to a temp file in {@code dir} and renames it to {@code name}, as producers should. */
  static Path writeAtomically(Path dir, String name, String text) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.writeString(dir.resolve("." + name + ".tmp"), text, StandardCharsets.UTF_8);
      return Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a tree. */
  static void deleteTree(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Everything a registry shows: devices with their definitions and where they come from, errors,
   * vendors, classes, and the loaded specs in order. Two registries over the same files must show
   * the same.
   */
  record Observed(
      Map<String, String> devices,
      Map<Path, List<String>> errors,
      List<String> vendors,
      List<String> classes,
      List<String> specs,
      Map<String, List<String>> specsByVendor) {

    static Observed of(Registry r) {
      Map<String, String> devices = new TreeMap<>();
      for (String name : r.devices()) {
        RegisteredDevice d = r.device(name).orElseThrow();
        devices.put(name, d.spec().path() + " prio " + d.spec().priority() + " " + d.device() + " spec edits " + d.spec().spec().containerEdits());
      }
      Function<RegisteredSpec, String> spec = s -> s.path() + " " + s.priority() + " " + s.spec();
      Map<String, List<String>> byVendor = new TreeMap<>();
      for (String v : r.vendors()) {
        byVendor.put(v, r.specs(v).stream().map(spec).toList());
      }
      return new Observed(devices, r.errors(), r.vendors(), r.classes(), r.specs().stream().map(spec).toList(), byVendor);
    }
  }
}
