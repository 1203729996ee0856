package dev.jcdi.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The changes a spec or a device makes to a container's OCI config. Absent lists are {@code null};
 * a list that was present but empty is an empty list, so a spec written back is the spec that was
 * read.
 *
 * @param env {@code KEY=VALUE} entries
 * @param deviceNodes device nodes to create
 * @param netDevices network interfaces to move into the container (CDI 1.1.0)
 * @param hooks lifecycle hooks
 * @param mounts mounts
 * @param intelRdt Intel RDT settings (CDI 0.7.0)
 * @param additionalGids supplementary group ids, each an unsigned 32-bit value (CDI 0.7.0)
 */
public record ContainerEdits(
    List<String> env,
    List<DeviceNode> deviceNodes,
    List<NetDevice> netDevices,
    List<Hook> hooks,
    List<Mount> mounts,
    IntelRdt intelRdt,
    List<Long> additionalGids) {

  /** Edits that change nothing. */
  public static final ContainerEdits EMPTY =
      new ContainerEdits(null, null, null, null, null, null, null);

  public ContainerEdits {
    env = Lists.copy(env, "env");
    deviceNodes = Lists.copy(deviceNodes, "deviceNodes");
    netDevices = Lists.copy(netDevices, "netDevices");
    hooks = Lists.copy(hooks, "hooks");
    mounts = Lists.copy(mounts, "mounts");
    additionalGids = Lists.copy(additionalGids, "additionalGids");
  }

  /**
   * Returns whether these edits change nothing, as the reference defines it: every list is absent
   * or empty and there is no intelRdt. ({@code intelRdt: {}} and {@code additionalGids: [0]} are
   * not empty.)
   */
  public boolean isEmpty() {
    return Lists.isEmpty(env)
        && Lists.isEmpty(deviceNodes)
        && Lists.isEmpty(netDevices)
        && Lists.isEmpty(hooks)
        && Lists.isEmpty(mounts)
        && intelRdt == null
        && Lists.isEmpty(additionalGids);
  }

  /**
   * Returns these edits followed by {@code other}: lists are concatenated without deduplication and
   * the last intelRdt wins. Used to merge the edits of several devices before they are applied.
   */
  public ContainerEdits append(ContainerEdits other) {
    if (other == null) {
      return this;
    }
    return new ContainerEdits(
        concat(env, other.env),
        concat(deviceNodes, other.deviceNodes),
        concat(netDevices, other.netDevices),
        concat(hooks, other.hooks),
        concat(mounts, other.mounts),
        other.intelRdt != null ? other.intelRdt : intelRdt,
        concat(additionalGids, other.additionalGids));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    List<T> out = new ArrayList<>(a.size() + b.size());
    out.addAll(a);
    out.addAll(b);
    return out;
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from these edits. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.env = mutable(env);
    b.deviceNodes = mutable(deviceNodes);
    b.netDevices = mutable(netDevices);
    b.hooks = mutable(hooks);
    b.mounts = mutable(mounts);
    b.intelRdt = intelRdt;
    b.additionalGids = mutable(additionalGids);
    return b;
  }

  private static <T> List<T> mutable(List<T> list) {
    return list == null ? null : new ArrayList<>(list);
  }

  /** Builds {@link ContainerEdits}; lists that are never added to stay absent. */
  public static final class Builder {
    private List<String> env;
    private List<DeviceNode> deviceNodes;
    private List<NetDevice> netDevices;
    private List<Hook> hooks;
    private List<Mount> mounts;
    private IntelRdt intelRdt;
    private List<Long> additionalGids;

    private Builder() {}

    private static <T> List<T> add(List<T> list, List<T> items) {
      List<T> out = list == null ? new ArrayList<>() : list;
      out.addAll(items);
      return out;
    }

    /** Adds {@code KEY=VALUE} entries. */
    public Builder env(String... entries) {
      env = add(env, Arrays.asList(entries));
      return this;
    }

    /** Adds the entry {@code key=value} (a name of its own, so {@code env("A=1", "B=2")} stays two entries). */
    public Builder envVar(String key, String value) {
      return env(key + "=" + value);
    }

    /** Adds device nodes. */
    public Builder deviceNodes(DeviceNode... nodes) {
      deviceNodes = add(deviceNodes, Arrays.asList(nodes));
      return this;
    }

    /** Adds network devices. */
    public Builder netDevices(NetDevice... devices) {
      netDevices = add(netDevices, Arrays.asList(devices));
      return this;
    }

    /** Adds hooks. */
    public Builder hooks(Hook... h) {
      hooks = add(hooks, Arrays.asList(h));
      return this;
    }

    /** Adds mounts. */
    public Builder mounts(Mount... m) {
      mounts = add(mounts, Arrays.asList(m));
      return this;
    }

    /** Sets the intelRdt settings. */
    public Builder intelRdt(IntelRdt rdt) {
      intelRdt = rdt;
      return this;
    }

    /** Adds supplementary group ids. */
    public Builder additionalGids(long... gids) {
      List<Long> boxed = new ArrayList<>();
      for (long g : gids) {
        boxed.add(g);
      }
      additionalGids = add(additionalGids, boxed);
      return this;
    }

    /** Returns the edits. */
    public ContainerEdits build() {
      return new ContainerEdits(env, deviceNodes, netDevices, hooks, mounts, intelRdt, additionalGids);
    }
  }
}
