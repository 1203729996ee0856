package dev.jcdi.runtime;

import dev.jcdi.oci.ConfigEditor;
import dev.jcdi.oci.OciConfig;
import dev.jcdi.oci.OciConfig.DeviceRule;
import dev.jcdi.oci.OciConfig.HookEntry;
import dev.jcdi.oci.OciConfig.LinuxDevice;
import dev.jcdi.oci.OciConfig.MountEntry;
import dev.jcdi.runtime.internal.GoPaths;
import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.DeviceNode;
import dev.jcdi.spec.Hook;
import dev.jcdi.spec.IntelRdt;
import dev.jcdi.spec.Mount;
import dev.jcdi.spec.NetDevice;
import dev.jcdi.spec.internal.IoMessages;
import dev.jcdi.spec.internal.Text;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Applies CDI container edits to an OCI config exactly as the reference does
 * (cdi-reference.md §6): env, device nodes with their cgroup rules, net devices, mounts (then a
 * stable sort by depth), hooks, intelRdt, additional gids, in that order.
 *
 * <p>The result is a new config; the input is never changed, so a failure leaves nothing half
 * applied. The edits go through jcdi-oci's typed views ({@link ConfigEditor}), so every member they
 * do not touch keeps its value and place, and containers that are missing ({@code process}, {@code
 * linux}, {@code linux.resources}, {@code hooks}, …) are added at the end of their parent when first
 * needed. What is here is CDI's rules only.
 */
public final class EditApplier {
  private EditApplier() {}

  /** The logger, looked up when first used: finding the logger finder costs a cold process ~10 ms. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(EditApplier.class.getName());
  }

  private static final Set<String> NODE_TYPES = Set.of("", "b", "c", "u", "p");

  /**
   * {@return {@code config} with {@code edits} applied} Device nodes that lack a type or numbers are
   * completed from the host node at their {@code hostPath} (or {@code path}).
   *
   * @param config the config to start from; not changed
   * @param edits the edits, typically the merged edits of the requested devices; {@code null}
   *     changes nothing
   * @throws InjectionException if the edits are invalid, or a host device node cannot be read or
   *     has another type than the edits say
   */
  public static OciConfig apply(OciConfig config, ContainerEdits edits) throws InjectionException {
    Objects.requireNonNull(config, "config");
    if (edits == null) {
      return config;
    }
    validate(edits);
    ConfigEditor edit = config.edit();
    applyEnv(edit, edits.env());
    applyDeviceNodes(edit, edits.deviceNodes());
    applyNetDevices(edit, edits.netDevices());
    applyMounts(edit, edits.mounts());
    applyHooks(edit, edits.hooks());
    edits.intelRdt().ifPresent(rdt -> applyIntelRdt(edit, rdt));
    applyAdditionalGids(edit, edits.additionalGids());
    return edit.toConfig();
  }

  // --- validation, the reference's ContainerEdits.Validate, run before anything is applied ---

  private static void validate(ContainerEdits e) throws InjectionException {
    for (String v : orEmpty(e.env())) {
      if (v.indexOf('=') <= 0) {
        throw new InjectionException("invalid container edits: invalid environment variable " + q(v));
      }
    }
    for (DeviceNode d : orEmpty(e.deviceNodes())) {
      String path = nz(d.path());
      if (path.isEmpty()) {
        throw new InjectionException("invalid (empty) device path");
      }
      if (!NODE_TYPES.contains(nz(d.type()))) {
        throw new InjectionException("device " + q(path) + ": invalid type " + q(nz(d.type())));
      }
      long major = nz(d.major());
      long minor = nz(d.minor());
      // negative numbers are rejected because -1 means "any" in a cgroup rule
      if (major < 0 || minor < 0) {
        throw new InjectionException(
            "device " + q(path) + ": invalid (negative) device number " + major + ":" + minor);
      }
      String perms = nz(d.permissions());
      if (!perms.isEmpty() && !perms.equals(DeviceNode.NO_PERMISSIONS) && !perms.chars().allMatch(ch -> ch == 'r' || ch == 'w' || ch == 'm')) {
        throw new InjectionException("device " + q(path) + ": invalid permissions " + q(perms));
      }
      // edits built in code can hold any long; a spec file cannot (the reader checks the range)
      uint32(d.fileMode(), "device " + q(path) + ": fileMode");
      uint32(d.uid(), "device " + q(path) + ": uid");
      uint32(d.gid(), "device " + q(path) + ": gid");
    }
    for (Long gid : orEmpty(e.additionalGids())) {
      uint32(gid, "additional GID");
    }
    for (Hook h : orEmpty(e.hooks())) {
      if (!Hook.isValidHookName(h.hookName())) {
        throw new InjectionException("invalid hook name " + q(nz(h.hookName())));
      }
      if (nz(h.path()).isEmpty()) {
        throw new InjectionException("invalid hook " + q(h.hookName()) + " with empty path");
      }
      for (String v : orEmpty(h.env())) {
        if (v.indexOf('=') <= 0) {
          throw new InjectionException(
              "invalid hook " + q(h.hookName()) + ": invalid environment variable " + q(v));
        }
      }
    }
    for (Mount m : orEmpty(e.mounts())) {
      if (nz(m.hostPath()).isEmpty()) {
        throw new InjectionException("invalid mount, empty host path");
      }
      if (nz(m.containerPath()).isEmpty()) {
        throw new InjectionException("invalid mount, empty container path");
      }
    }
    IntelRdt rdt = e.intelRdt().orElse(null);
    if (rdt != null) {
      String c = nz(rdt.closID());
      if (!c.equals("/")
          && (c.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 4096 || c.equals(".") || c.equals("..") || c.contains("/") || c.contains("\n"))) {
        throw new InjectionException("invalid ClosID " + q(c));
      }
    }
    // Net device names are unique within one spec's edits list (the validator checks that); the
    // merged edits of several devices may repeat one, and the last wins, as in the reference.
    for (NetDevice d : orEmpty(e.netDevices())) {
      if (nz(d.hostInterfaceName()).isEmpty()) {
        throw new InjectionException("invalid linux net device, empty HostInterfaceName");
      }
      if (nz(d.name()).isEmpty()) {
        throw new InjectionException("invalid linux net device, empty Name");
      }
    }
  }

  private static void uint32(OptionalLong value, String what) throws InjectionException {
    if (value.isPresent()) {
      uint32(value.getAsLong(), what);
    }
  }

  private static void uint32(long value, String what) throws InjectionException {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new InjectionException("invalid container edits: " + what + " " + value + " is out of range for an unsigned 32-bit integer");
    }
  }

  // --- 1. env ---

  private static void applyEnv(ConfigEditor config, List<String> env) {
    if (env != null) {
      // each entry overrides the last one with its key in place, else it is appended
      config.process().setEnv(env);
    }
  }

  // --- 2. device nodes and their cgroup rules ---

  /** A device node with its missing information filled in from the host. */
  private record FilledNode(String path, String hostPath, String type, long major, long minor, Long fileMode) {}

  private static void applyDeviceNodes(ConfigEditor config, List<DeviceNode> nodes) throws InjectionException {
    if (nodes == null) {
      return;
    }
    for (DeviceNode node : nodes) {
      FilledNode f = fill(node);
      OptionalLong uid = node.uid();
      OptionalLong gid = node.gid();
      // a node without owner goes to the process user, unless that is root
      if (uid.isEmpty()) {
        OptionalLong processUid = config.process().user().uid();
        if (processUid.isPresent() && processUid.getAsLong() > 0) {
          uid = processUid;
        }
      }
      if (gid.isEmpty()) {
        OptionalLong processGid = config.process().user().gid();
        if (processGid.isPresent() && processGid.getAsLong() > 0) {
          gid = processGid;
        }
      }
      // hostPath and permissions are CDI-only: linux.devices never carries them
      LinuxDevice device = new LinuxDevice(
          f.path(), f.type(), OptionalLong.of(f.major()), OptionalLong.of(f.minor()), optionalLong(f.fileMode()), uid, gid);
      // As the reference: remove the first entry with this path, then replace the next one in
      // place if the config had the path twice, else append (so the node usually moves to the end).
      ConfigEditor.Entries<LinuxDevice> devices = config.linux().devices();
      devices.removeFirst(f.path());
      int again = devices.indexOf(f.path());
      if (again >= 0) {
        devices.set(again, device);
      } else {
        devices.add(device);
      }

      if (f.type().equals("b") || f.type().equals("c")) {
        String access = nz(node.permissions());
        if (access.isEmpty()) {
          access = "rwm";
        } else if (access.equals(DeviceNode.NO_PERMISSIONS)) {
          access = "";
        }
        config.linux().deviceRules().add(DeviceRule.allow(f.type(), f.major(), f.minor(), access));
      }
    }
  }

  /** The reference's fillMissingInfo, on a copy: the spec's node is never changed. */
  private static FilledNode fill(DeviceNode node) throws InjectionException {
    String path = node.path();
    String hostPath = nz(node.hostPath()).isEmpty() ? path : node.hostPath().get();
    String type = nz(node.type());
    long major = nz(node.major());
    long minor = nz(node.minor());
    Long fileMode = boxed(node.fileMode());
    boolean minimal = !type.isEmpty() && (major != 0 || type.equals("p"));

    HostDevice host;
    try {
      host = HostDevices.stat(hostPath);
    } catch (IOException | InvalidPathException e) {
      if (!minimal) {
        throw new InjectionException(
            "failed to stat CDI host device " + q(hostPath) + ": " + reason(e), e);
      }
      Log.LOG.log(
          System.Logger.Level.DEBUG,
          () -> "host device " + q(hostPath) + " unreadable (" + reason(e) + "); using " + q(path) + " as specified");
      return new FilledNode(path, hostPath, type, major, minor, fileMode);
    }
    // the host's mode is used even for a fully specified node
    if (fileMode == null) {
      fileMode = host.fileMode();
    }
    if (minimal) {
      return new FilledNode(path, hostPath, type, major, minor, fileMode);
    }
    if (type.isEmpty()) {
      type = host.type();
    } else if (!type.equals(host.type())) {
      throw new InjectionException(
          "CDI device (" + q(path) + ", " + q(hostPath) + "), host type mismatch (" + type + ", " + host.type() + ")");
    }
    if (!type.equals("p") && major == 0) {
      major = host.major();
      minor = host.minor();
    }
    return new FilledNode(path, hostPath, type, major, minor, fileMode);
  }

  private static String reason(Exception e) {
    if (e instanceof InvalidPathException ipe) {
      return "invalid path: " + ipe.getReason();
    }
    return IoMessages.reason((IOException) e);
  }

  // --- 3. net devices ---

  private static void applyNetDevices(ConfigEditor config, List<NetDevice> netDevices) {
    if (netDevices == null) {
      return;
    }
    for (NetDevice d : netDevices) {
      config.linux().netDevices().put(d.hostInterfaceName(), d.name());
    }
  }

  // --- 4. mounts ---

  private static void applyMounts(ConfigEditor config, List<Mount> mounts) {
    if (mounts == null || mounts.isEmpty()) {
      return;
    }
    boolean userNamespace = config.linux().hasNamespace("user");
    ConfigEditor.Entries<MountEntry> entries = config.mounts();
    for (Mount m : mounts) {
      // a mount replaces the first one with its destination, and goes to the end
      entries.removeFirst(m.containerPath());
      List<String> options = m.options();
      if (userNamespace) {
        options = new ArrayList<>(options);
        addIdMapOption(m.type().orElse(null), options);
      }
      entries.add(new MountEntry(m.containerPath(), m.type().filter(t -> !t.isEmpty()), Optional.of(m.hostPath()), options));
    }
    // all mounts, old and new, stably by the number of / in the cleaned destination, so that a
    // parent directory is mounted before what is mounted inside it (Go's sort.SliceStable)
    entries.sortByKey(GoPaths::depth);
  }

  /** Under a user namespace a bind mount needs {@code idmap} (or {@code ridmap} for rbind). */
  private static void addIdMapOption(String type, List<String> options) {
    String option = "bind".equals(type) ? "idmap" : null;
    for (String o : options) {
      switch (o) {
        case "idmap", "ridmap" -> {
          return;
        }
        case "bind" -> option = "idmap";
        case "rbind" -> option = "ridmap";
        default -> {}
      }
    }
    if (option != null) {
      options.add(option);
    }
  }

  // --- 5. hooks ---

  private static void applyHooks(ConfigEditor config, List<Hook> hooks) {
    if (hooks == null) {
      return;
    }
    for (Hook h : hooks) {
      config.hooks().kind(h.hookName()).add(new HookEntry(h.path(), h.args(), h.env(), h.timeout()));
    }
  }

  // --- 6. intelRdt ---

  private static void applyIntelRdt(ConfigEditor config, IntelRdt rdt) {
    // the OCI struct omits empty members; enableCMT and enableMBM have no OCI field
    config.linux().setIntelRdt(new OciConfig.IntelRdt(
        nonEmpty(rdt.closID()),
        nonEmpty(rdt.l3CacheSchema()),
        nonEmpty(rdt.memBwSchema()),
        rdt.schemata().orElse(List.of()),
        rdt.enableMonitoring().filter(Boolean::booleanValue)));
  }

  // --- 7. additional gids ---

  private static void applyAdditionalGids(ConfigEditor config, List<Long> gids) {
    if (gids == null || gids.isEmpty()) {
      return;
    }
    ConfigEditor.UserView user = config.process().user();
    Set<Long> present = new HashSet<>(user.additionalGids());
    for (long gid : gids) {
      // root is every process's group already; a gid is listed once
      if (gid != 0 && present.add(gid)) {
        user.addAdditionalGid(gid);
      }
    }
  }

  private static Optional<String> nonEmpty(Optional<String> s) {
    return s.filter(v -> !v.isEmpty());
  }

  private static OptionalLong optionalLong(Long v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String nz(Optional<String> s) {
    return s.orElse("");
  }

  private static long nz(OptionalLong v) {
    return v.orElse(0);
  }

  private static Long boxed(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }

  private static String q(String s) {
    return Text.quote(s == null ? "" : s);
  }
}
