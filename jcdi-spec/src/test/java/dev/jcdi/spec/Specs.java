package dev.jcdi.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Small specs and files for tests. */
final class Specs {
  private Specs() {}

  static final String KIND = "vendor.com/gpu";

  /** Edits with a single env entry: valid at every version. */
  static ContainerEdits env(String... entries) {
    return ContainerEdits.builder().env(entries).build();
  }

  /** A valid spec of {@code version} with one device "dev0" that sets an env entry. */
  static Spec.Builder minimal(String version) {
    return Spec.builder(KIND).version(version).device("dev0", env("DEV=0"));
  }

  /** A valid spec of {@code version} with one device whose edits are {@code edits}. */
  static Spec withDeviceEdits(String version, ContainerEdits edits) {
    return Spec.builder(KIND).version(version).device("dev0", edits).build();
  }

  /** A valid spec of {@code version}: one device with an env entry, and {@code edits} at spec level. */
  static Spec withSpecEdits(String version, ContainerEdits edits) {
    return minimal(version).containerEdits(edits).build();
  }

  static Spec bare(ContainerEdits specEdits) {
    return new Spec(null, null, null, null, specEdits);
  }

  static Spec bareWithDevices(Device... devices) {
    return new Spec(null, null, null, List.of(devices), null);
  }

  static Device device(String name, ContainerEdits edits) {
    return new Device(name, null, edits);
  }

  static Path write(Path dir, String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  /** Returns the names of the entries of {@code dir}, sorted. */
  static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
