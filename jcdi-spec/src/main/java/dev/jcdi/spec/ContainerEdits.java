package dev.jcdi.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The changes a spec or a device makes to a container's OCI config. No component is ever {@code
 * null}: absent lists are empty and an absent intelRdt is {@link Optional#empty()}; the constructor
 * reads a {@code null} argument as absent. (Presence counts only where the spec gives it meaning:
 * {@code intelRdt: {}} and {@code intelRdt.schemata: []}.)
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
    Optional<IntelRdt> intelRdt,
    List<Long> additionalGids) {

  /** Edits that change nothing. */
  public static final ContainerEdits EMPTY =
      new ContainerEdits(null, null, null, null, null, null, null);

  /**
   * Copies the lists and reads {@code null} as absent.
   *
   * @param env {@code KEY=VALUE} entries
   * @param deviceNodes device nodes to create
   * @param netDevices network interfaces to move into the container (CDI 1.1.0)
   * @param hooks lifecycle hooks
   * @param mounts mounts
   * @param intelRdt Intel RDT settings (CDI 0.7.0)
   * @param additionalGids supplementary group ids, each an unsigned 32-bit value (CDI 0.7.0)
   */
  public ContainerEdits {
    env = Lists.copy(env, "env");
    deviceNodes = Lists.copy(deviceNodes, "deviceNodes");
    netDevices = Lists.copy(netDevices, "netDevices");
    hooks = Lists.copy(hooks, "hooks");
    mounts = Lists.copy(mounts, "mounts");
    intelRdt = Lists.optional(intelRdt);
    additionalGids = Lists.copy(additionalGids, "additionalGids");
  }

  /**
   * Returns whether these edits change nothing, as the reference defines it: every list is empty
   * and there is no intelRdt. ({@code intelRdt: {}} and {@code additionalGids: [0]} are not empty.)
   *
   * @return whether nothing would be changed
   */
  public boolean isEmpty() {
    return env.isEmpty()
        && deviceNodes.isEmpty()
        && netDevices.isEmpty()
        && hooks.isEmpty()
        && mounts.isEmpty()
        && intelRdt.isEmpty()
        && additionalGids.isEmpty();
  }

  /**
   * Returns these edits followed by {@code other}: lists are concatenated without deduplication and
   * the last intelRdt wins. Used to merge the edits of several devices before they are applied.
   *
   * @param other the edits to append
   * @return the combined edits
   */
  public ContainerEdits append(ContainerEdits other) {
    return new ContainerEdits(
        concat(env, other.env),
        concat(deviceNodes, other.deviceNodes),
        concat(netDevices, other.netDevices),
        concat(hooks, other.hooks),
        concat(mounts, other.mounts),
        other.intelRdt.isPresent() ? other.intelRdt : intelRdt,
        concat(additionalGids, other.additionalGids));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    List<T> out = new ArrayList<>(a.size() + b.size());
    out.addAll(a);
    out.addAll(b);
    return out;
  }

  /**
   * Returns an empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder that starts from these edits.
   *
   * @return a new builder holding these edits
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.env.addAll(env);
    b.deviceNodes.addAll(deviceNodes);
    b.netDevices.addAll(netDevices);
    b.hooks.addAll(hooks);
    b.mounts.addAll(mounts);
    b.intelRdt = intelRdt.orElse(null);
    b.additionalGids.addAll(additionalGids);
    return b;
  }

  /** Builds {@link ContainerEdits}. */
  public static final class Builder {
    private final List<String> env = new ArrayList<>();
    private final List<DeviceNode> deviceNodes = new ArrayList<>();
    private final List<NetDevice> netDevices = new ArrayList<>();
    private final List<Hook> hooks = new ArrayList<>();
    private final List<Mount> mounts = new ArrayList<>();
    private IntelRdt intelRdt;
    private final List<Long> additionalGids = new ArrayList<>();

    private Builder() {}

    /**
     * Adds {@code KEY=VALUE} entries.
     *
     * @param entries the entries
     * @return this builder
     */
    public Builder env(String... entries) {
      env.addAll(Arrays.asList(entries));
      return this;
    }

    /**
     * Adds the entry {@code key=value} (a name of its own, so {@code env("A=1", "B=2")} stays two
     * entries).
     *
     * @param key the variable name
     * @param value its value
     * @return this builder
     */
    public Builder envVar(String key, String value) {
      return env(key + "=" + value);
    }

    /**
     * Adds device nodes.
     *
     * @param nodes the nodes
     * @return this builder
     */
    public Builder deviceNodes(DeviceNode... nodes) {
      deviceNodes.addAll(Arrays.asList(nodes));
      return this;
    }

    /**
     * Adds network devices.
     *
     * @param devices the network devices
     * @return this builder
     */
    public Builder netDevices(NetDevice... devices) {
      netDevices.addAll(Arrays.asList(devices));
      return this;
    }

    /**
     * Adds hooks.
     *
     * @param h the hooks
     * @return this builder
     */
    public Builder hooks(Hook... h) {
      hooks.addAll(Arrays.asList(h));
      return this;
    }

    /**
     * Adds mounts.
     *
     * @param m the mounts
     * @return this builder
     */
    public Builder mounts(Mount... m) {
      mounts.addAll(Arrays.asList(m));
      return this;
    }

    /**
     * Sets the intelRdt settings.
     *
     * @param rdt the settings
     * @return this builder
     */
    public Builder intelRdt(IntelRdt rdt) {
      intelRdt = rdt;
      return this;
    }

    /**
     * Adds supplementary group ids.
     *
     * @param gids the group ids
     * @return this builder
     */
    public Builder additionalGids(long... gids) {
      for (long g : gids) {
        additionalGids.add(g);
      }
      return this;
    }

    /**
     * Returns the edits.
     *
     * @return new edits
     */
    public ContainerEdits build() {
      return new ContainerEdits(
          env, deviceNodes, netDevices, hooks, mounts, Optional.ofNullable(intelRdt), additionalGids);
    }
  }
}
