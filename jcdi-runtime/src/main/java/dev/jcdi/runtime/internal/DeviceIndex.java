package dev.jcdi.runtime.internal;

import dev.jcdi.runtime.RegisteredDevice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which definition wins for each qualified device name, kept up to date file by file, so that a
 * change to one spec file costs work for that file's devices only, not for all devices.
 *
 * <p>The rules are the reference's (cdi-reference.md §5), applied per name to its definitions in
 * scan order (directory priority, then file name): a definition of a higher priority replaces the
 * stored one; one of the same priority conflicts with it, and a name with any conflict is removed
 * entirely. Each conflict is recorded on both files. Not thread-safe: used under the refresh lock.
 */
final class DeviceIndex {
  /** A conflict: {@code newer} (later in scan order) defines a name {@code older} already defines. */
  private record Conflict(Path newer, Path older, String message) {}

  /** Every definition of each name, in scan order. */
  private final Map<String, List<RegisteredDevice>> definitions = new HashMap<>();
  private final DeviceTable winners = new DeviceTable();
  private final Map<String, List<Conflict>> conflicts = new HashMap<>();
  /** For each file, the names it is in conflict over. */
  private final Map<Path, TreeSet<String>> conflictNames = new HashMap<>();
  private final Set<String> touched = new HashSet<>();

  /** Replaces the definitions of file {@code old} (or none) by those of {@code now} (or none). */
  void replace(CachedSpecFile old, CachedSpecFile now) {
    if (old != null) {
      for (RegisteredDevice d : old.devices) {
        remove(d);
      }
    }
    if (now != null) {
      for (RegisteredDevice d : now.devices) {
        insert(d);
      }
    }
  }

  private void insert(RegisteredDevice d) {
    String name = d.qualifiedName();
    List<RegisteredDevice> list = definitions.computeIfAbsent(name, k -> new ArrayList<>(1));
    int at = list.size();
    while (at > 0 && scanOrder(list.get(at - 1), d) > 0) {
      at--;
    }
    list.add(at, d);
    touched.add(name);
  }

  private void remove(RegisteredDevice d) {
    String name = d.qualifiedName();
    List<RegisteredDevice> list = definitions.get(name);
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == d) {
        list.remove(i);
        break;
      }
    }
    if (list.isEmpty()) {
      definitions.remove(name);
    }
    touched.add(name);
  }

  private static int scanOrder(RegisteredDevice a, RegisteredDevice b) {
    int c = Integer.compare(a.spec().priority(), b.spec().priority());
    if (c != 0) {
      return c;
    }
    return SpecCache.NAME_ORDER.compare(a.spec().path().getFileName().toString(), b.spec().path().getFileName().toString());
  }

  /** Resolves every name whose definitions changed since the last call; returns those names. */
  Set<String> resolveTouched() {
    for (String name : touched) {
      resolve(name);
    }
    Set<String> out = Set.copyOf(touched);
    touched.clear();
    return out;
  }

  private void resolve(String name) {
    for (Conflict c : conflicts.getOrDefault(name, List.of())) {
      untrack(c.newer(), name);
      untrack(c.older(), name);
    }
    conflicts.remove(name);
    RegisteredDevice stored = null;
    List<Conflict> found = new ArrayList<>(0);
    for (RegisteredDevice d : definitions.getOrDefault(name, List.of())) {
      if (stored == null || stored.spec().priority() < d.spec().priority()) {
        stored = d;
      } else if (stored.spec().priority() == d.spec().priority()) {
        Path newer = d.spec().path();
        Path older = stored.spec().path();
        found.add(new Conflict(newer, older, "conflicting device \"" + name + "\" (specs \"" + newer + "\", \"" + older + "\")"));
      }
    }
    if (!found.isEmpty()) {
      conflicts.put(name, found);
      for (Conflict c : found) {
        conflictNames.computeIfAbsent(c.newer(), k -> new TreeSet<>()).add(name);
        conflictNames.computeIfAbsent(c.older(), k -> new TreeSet<>()).add(name);
      }
    }
    // A name with any conflict is removed entirely, even a lower-priority definition it replaced.
    winners.set(name, stored == null || !found.isEmpty() ? null : stored);
  }

  private void untrack(Path file, String name) {
    TreeSet<String> names = conflictNames.get(file);
    if (names != null) {
      names.remove(name);
      if (names.isEmpty()) {
        conflictNames.remove(file);
      }
    }
  }

  /** Returns the winning definition of each name, as an immutable map that later changes do not affect. */
  DeviceTable.Devices winners() {
    return winners.freeze();
  }

  /** Returns the files in conflict over some name. */
  Set<Path> filesInConflict() {
    return conflictNames.keySet();
  }

  /** Returns the conflict errors of {@code file}: by name, then in scan order. */
  List<String> conflictErrors(Path file) {
    List<String> out = new ArrayList<>();
    for (String name : conflictNames.getOrDefault(file, new TreeSet<>())) {
      for (Conflict c : conflicts.get(name)) {
        if (c.newer().equals(file) || c.older().equals(file)) {
          out.add(c.message());
        }
      }
    }
    return out;
  }
}
