package dev.jcdi.runtime.internal;

import dev.jcdi.runtime.RegisteredDevice;
import dev.jcdi.runtime.RegisteredSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a registry answers from, as of one refresh. Immutable: a refresh builds a new one and
 * publishes it with a single volatile write, so a reader sees one whole refresh or the one before.
 *
 * @param devices qualified name to the device that wins for it
 * @param deviceNames the keys of {@code devices}, sorted
 * @param vendors the vendors of all loaded specs, sorted and distinct
 * @param classes the classes of all loaded specs, sorted and distinct
 * @param specs every loaded spec in scan order (directory priority, then file name)
 * @param specsByVendor the specs of each vendor, in scan order
 * @param errors per spec file or directory, its errors, in path order
 */
public record Snapshot(
    Map<String, RegisteredDevice> devices,
    List<String> deviceNames,
    List<String> vendors,
    List<String> classes,
    List<RegisteredSpec> specs,
    Map<String, List<RegisteredSpec>> specsByVendor,
    Map<Path, List<String>> errors) {

  /** The snapshot of a registry that has loaded nothing. */
  public static final Snapshot EMPTY = new Snapshot(Map.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of());
}
