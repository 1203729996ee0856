package dev.jcdi.runtime.internal;

import dev.jcdi.runtime.RegisteredDevice;
import dev.jcdi.runtime.RegisteredSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a registry answers from, as of one refresh. Immutable: a refresh builds a new one and
 * publishes it with a single volatile write, so a reader sees one whole refresh or the one before.
 * What only listings need (sorted names, vendors, classes, specs by vendor) is derived from the
 * immutable parts when first asked for, so that a refresh does not pay for it.
 */
public final class Snapshot {
  /** The snapshot of a registry that has loaded nothing. */
  public static final Snapshot EMPTY = new Snapshot(DeviceTable.Devices.EMPTY, List.of(), Map.of());

  private final DeviceTable.Devices devices;
  private final List<RegisteredSpec> specs;
  private final Map<Path, List<String>> errors;
  private volatile Listings listings;

  /**
   * @param devices qualified name to the device that wins for it
   * @param specs every loaded spec in scan order (directory priority, then file name)
   * @param errors per spec file or directory, its errors, in path order
   */
  Snapshot(DeviceTable.Devices devices, List<RegisteredSpec> specs, Map<Path, List<String>> errors) {
    this.devices = devices;
    this.specs = specs;
    this.errors = errors;
  }

  private record Listings(List<String> vendors, List<String> classes, Map<String, List<RegisteredSpec>> byVendor) {}

  private Listings listings() {
    Listings l = listings;
    if (l == null) {
      TreeMap<String, List<RegisteredSpec>> byVendor = new TreeMap<>();
      TreeSet<String> classes = new TreeSet<>();
      for (RegisteredSpec s : specs) {
        byVendor.computeIfAbsent(s.vendor(), k -> new ArrayList<>()).add(s);
        classes.add(s.className());
      }
      Map<String, List<RegisteredSpec>> frozen = new LinkedHashMap<>();
      byVendor.forEach((v, list) -> frozen.put(v, List.copyOf(list)));
      listings = l = new Listings(List.copyOf(byVendor.keySet()), List.copyOf(classes), Collections.unmodifiableMap(frozen));
    }
    return l;
  }

  /** Qualified name to the device that wins for it. */
  public Map<String, RegisteredDevice> devices() {
    return devices;
  }

  /** The keys of {@link #devices()}, sorted. */
  public List<String> deviceNames() {
    return devices.sortedNames();
  }

  /** The vendors of all loaded specs, sorted and distinct. */
  public List<String> vendors() {
    return listings().vendors();
  }

  /** The classes of all loaded specs, sorted and distinct. */
  public List<String> classes() {
    return listings().classes();
  }

  /** Every loaded spec in scan order (directory priority, then file name). */
  public List<RegisteredSpec> specs() {
    return specs;
  }

  /** The specs of each vendor, in scan order. */
  public Map<String, List<RegisteredSpec>> specsByVendor() {
    return listings().byVendor();
  }

  /** Per spec file or directory, its errors, in path order. */
  public Map<Path, List<String>> errors() {
    return errors;
  }
}
