package dev.jcdi.runtime.internal;

import dev.jcdi.runtime.RegisteredDevice;
import dev.jcdi.runtime.RegistryEvent;
import dev.jcdi.runtime.RegistryEvent.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The changes between two snapshots, as registry events. */
public final class SnapshotDiff {
  private SnapshotDiff() {}

  /**
   * Returns the events that lead from {@code before} to {@code after}: cleared errors first, then
   * device changes in name order, then new or changed errors, each group in order. Only the names
   * in {@code touched} can have changed: the names whose definitions were replaced in between.
   */
  public static List<RegistryEvent> between(Snapshot before, Snapshot after, java.util.Collection<String> touched) {
    List<RegistryEvent> events = new ArrayList<>();
    for (Path p : before.errors().keySet()) {
      if (!after.errors().containsKey(p)) {
        events.add(new RegistryEvent(Type.SPEC_ERROR_CLEARED, p.toString(), ""));
      }
    }
    List<String> names = new ArrayList<>(touched);
    names.sort(null);
    for (String name : names) {
      RegisteredDevice old = before.devices().get(name);
      RegisteredDevice now = after.devices().get(name);
      if (old != null && now == null) {
        events.add(new RegistryEvent(Type.DEVICE_REMOVED, name, old.spec().path().toString()));
      } else if (old == null && now != null) {
        events.add(new RegistryEvent(Type.DEVICE_ADDED, name, now.spec().path().toString()));
      } else if (old != null && changed(old, now)) {
        events.add(new RegistryEvent(Type.DEVICE_CHANGED, name, now.spec().path().toString()));
      }
    }
    for (Map.Entry<Path, List<String>> e : after.errors().entrySet()) {
      if (!e.getValue().equals(before.errors().get(e.getKey()))) {
        events.add(new RegistryEvent(Type.SPEC_ERROR, e.getKey().toString(), String.join("\n", e.getValue())));
      }
    }
    return events;
  }

  /** What injecting the device does, or where it comes from, differs. */
  private static boolean changed(RegisteredDevice old, RegisteredDevice now) {
    if (old == now) {
      return false;
    }
    return !old.spec().path().equals(now.spec().path())
        || old.spec().priority() != now.spec().priority()
        || !old.device().equals(now.device())
        || !Objects.equals(old.spec().spec().containerEdits(), now.spec().spec().containerEdits());
  }
}
