package dev.jcdi.runtime.internal;

import dev.jcdi.runtime.RegisteredDevice;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The winning device of each qualified name, kept in shards so that a snapshot costs what changed,
 * not what exists: a refresh that touches one file rebuilds the immutable copy of one or two shards
 * and shares the rest with the previous snapshot. With 5,000 devices, copying one map per refresh
 * cost more than all the rest of the refresh.
 */
final class DeviceTable {
  private static final int SHARDS = 64;

  @SuppressWarnings("unchecked")
  private final HashMap<String, RegisteredDevice>[] live = new HashMap[SHARDS];

  @SuppressWarnings("unchecked")
  private final Map<String, RegisteredDevice>[] frozen = new Map[SHARDS];

  private int size;

  DeviceTable() {
    for (int i = 0; i < SHARDS; i++) {
      live[i] = new HashMap<>();
      frozen[i] = Map.of();
    }
  }

  private static int shard(Object name) {
    int h = name.hashCode();
    return (h ^ (h >>> 16)) & (SHARDS - 1);
  }

  /** Sets the winner of {@code name}, or removes it when {@code device} is null. */
  void set(String name, RegisteredDevice device) {
    int s = shard(name);
    RegisteredDevice old = device == null ? live[s].remove(name) : live[s].put(name, device);
    if (old != device) {
      frozen[s] = null;
      size += (device == null ? 0 : 1) - (old == null ? 0 : 1);
    }
  }

  /** Returns an immutable view of the table as it is now, sharing unchanged shards with earlier views. */
  Devices freeze() {
    for (int i = 0; i < SHARDS; i++) {
      if (frozen[i] == null) {
        frozen[i] = Map.copyOf(live[i]);
      }
    }
    return new Devices(frozen.clone(), size);
  }

  /** An immutable map of qualified names to devices; its sorted names are computed when first asked for. */
  static final class Devices extends AbstractMap<String, RegisteredDevice> {
    static final Devices EMPTY = new DeviceTable().freeze();

    private final Map<String, RegisteredDevice>[] shards;
    private final int size;
    private volatile List<String> sortedNames;

    private Devices(Map<String, RegisteredDevice>[] shards, int size) {
      this.shards = shards;
      this.size = size;
    }

    @Override
    public RegisteredDevice get(Object name) {
      return name == null ? null : shards[shard(name)].get(name);
    }

    @Override
    public boolean containsKey(Object name) {
      return get(name) != null;
    }

    @Override
    public int size() {
      return size;
    }

    /** A view that walks the shards: no copy, and no hashing of devices (whose hash is their whole spec). */
    @Override
    public Set<Map.Entry<String, RegisteredDevice>> entrySet() {
      return new java.util.AbstractSet<>() {
        @Override
        public java.util.Iterator<Map.Entry<String, RegisteredDevice>> iterator() {
          return java.util.Arrays.stream(shards).flatMap(s -> s.entrySet().stream()).iterator();
        }

        @Override
        public int size() {
          return size;
        }
      };
    }

    /** Returns the names, sorted; computed once per snapshot, on first use (listings, not injection). */
    List<String> sortedNames() {
      List<String> names = sortedNames;
      if (names == null) {
        List<String> all = new ArrayList<>(size);
        for (Map<String, RegisteredDevice> s : shards) {
          all.addAll(s.keySet());
        }
        all.sort(null);
        sortedNames = names = List.copyOf(all);
      }
      return names;
    }
  }
}
