package dev.jcdi.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcdi.runtime.internal.GoPaths;
import dev.jcdi.runtime.internal.OciJson;
import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.DeviceNode;
import dev.jcdi.spec.Hook;
import dev.jcdi.spec.IntelRdt;
import dev.jcdi.spec.Mount;
import dev.jcdi.spec.NetDevice;
import dev.jcdi.spec.internal.IoMessages;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * applied. Every member the edits do not touch keeps its value and place; containers that are
 * missing ({@code process}, {@code linux}, {@code linux.resources}, {@code hooks}, …) are added at
 * the end of their parent when first needed.
 */
public final class EditApplier {
  private EditApplier() {}

  private static final System.Logger LOG = System.getLogger(EditApplier.class.getName());

  private static final Set<String> NODE_TYPES = Set.of("", "b", "c", "u", "p");

  /**
   * Returns {@code config} with {@code edits} applied. Device nodes that lack a type or numbers are
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
    ObjectNode root = config.copyTree();
    applyEnv(root, edits.env());
    applyDeviceNodes(root, edits.deviceNodes());
    applyNetDevices(root, edits.netDevices());
    applyMounts(root, edits.mounts());
    applyHooks(root, edits.hooks());
    edits.intelRdt().ifPresent(rdt -> applyIntelRdt(root, rdt));
    applyAdditionalGids(root, edits.additionalGids());
    return OciConfig.wrap(root);
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

  private static void applyEnv(ObjectNode root, List<String> env) {
    if (env == null || env.isEmpty()) {
      return;
    }
    ArrayNode current = array(object(root, "process"), "env");
    // key -> index of its LAST occurrence: with duplicate keys only the last one is replaced
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < current.size(); i++) {
      JsonNode e = current.get(i);
      if (e.isTextual()) {
        index.put(envKey(e.textValue()), i);
      }
    }
    for (String entry : env) {
      String key = envKey(entry);
      Integer at = index.get(key);
      if (at != null) {
        current.set(at, OciJson.NODES.textNode(entry));
      } else {
        current.add(entry);
        index.put(key, current.size() - 1);
      }
    }
  }

  private static String envKey(String entry) {
    int eq = entry.indexOf('=');
    return eq < 0 ? entry : entry.substring(0, eq);
  }

  // --- 2. device nodes and their cgroup rules ---

  /** A device node with its missing information filled in from the host. */
  private record FilledNode(String path, String hostPath, String type, long major, long minor, Long fileMode) {}

  private static void applyDeviceNodes(ObjectNode root, List<DeviceNode> nodes) throws InjectionException {
    if (nodes == null) {
      return;
    }
    for (DeviceNode node : nodes) {
      FilledNode f = fill(node);
      Long uid = boxed(node.uid());
      Long gid = boxed(node.gid());
      JsonNode user = OciConfig.path(root, "process", "user");
      if (uid == null) {
        Long processUid = OciConfig.number(user, "uid");
        if (processUid != null && processUid > 0) {
          uid = processUid;
        }
      }
      if (gid == null) {
        Long processGid = OciConfig.number(user, "gid");
        if (processGid != null && processGid > 0) {
          gid = processGid;
        }
      }

      ObjectNode device = OciJson.NODES.objectNode();
      device.put("path", f.path());
      device.put("type", f.type());
      device.set("major", number(f.major()));
      device.set("minor", number(f.minor()));
      if (f.fileMode() != null) {
        device.set("fileMode", number(f.fileMode()));
      }
      if (uid != null) {
        device.set("uid", number(uid));
      }
      if (gid != null) {
        device.set("gid", number(gid));
      }
      // hostPath and permissions are CDI-only: linux.devices never carries them
      ObjectNode linux = object(root, "linux");
      // As the reference: remove the first entry with this path, then replace the next one in
      // place if the config had the path twice, else append (so the node usually moves to the end).
      ArrayNode devices = existingArray(linux, "devices");
      if (devices != null) {
        removeFirst(devices, "path", f.path());
      }
      ArrayNode list = array(linux, "devices");
      int again = indexOf(list, "path", f.path());
      if (again >= 0) {
        list.set(again, device);
      } else {
        list.add(device);
      }

      if (f.type().equals("b") || f.type().equals("c")) {
        String access = nz(node.permissions());
        if (access.isEmpty()) {
          access = "rwm";
        } else if (access.equals(DeviceNode.NO_PERMISSIONS)) {
          access = "";
        }
        ObjectNode rule = OciJson.NODES.objectNode();
        rule.put("allow", true);
        rule.put("type", f.type());
        rule.set("major", number(f.major()));
        rule.set("minor", number(f.minor()));
        if (!access.isEmpty()) {
          rule.put("access", access);
        }
        array(object(object(root, "linux"), "resources"), "devices").add(rule);
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
      LOG.log(
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

  private static void applyNetDevices(ObjectNode root, List<NetDevice> netDevices) {
    if (netDevices == null || netDevices.isEmpty()) {
      return;
    }
    ObjectNode map = object(object(root, "linux"), "netDevices");
    for (NetDevice d : netDevices) {
      ObjectNode value = OciJson.NODES.objectNode();
      value.put("name", d.name());
      map.set(d.hostInterfaceName(), value);
    }
  }

  // --- 4. mounts ---

  private static void applyMounts(ObjectNode root, List<Mount> mounts) {
    if (mounts == null || mounts.isEmpty()) {
      return;
    }
    boolean userNamespace = OciConfig.hasUserNamespace(root);
    for (Mount m : mounts) {
      ArrayNode existing = existingArray(root, "mounts");
      if (existing != null) {
        removeFirst(existing, "destination", m.containerPath());
      }
      ObjectNode mount = OciJson.NODES.objectNode();
      mount.put("destination", m.containerPath());
      if (!nz(m.type()).isEmpty()) {
        mount.put("type", m.type().get());
      }
      mount.put("source", m.hostPath());
      List<String> options = new ArrayList<>(m.options());
      if (userNamespace) {
        addIdMapOption(m.type().orElse(null), options);
      }
      if (!options.isEmpty()) {
        ArrayNode opts = mount.putArray("options");
        options.forEach(opts::add);
      }
      array(root, "mounts").add(mount);
    }
    sortMountsByDepth(array(root, "mounts"));
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

  /**
   * Sorts all mounts, old and new, stably by the number of {@code /} in the cleaned destination,
   * so that a parent directory is mounted before what is mounted inside it.
   */
  private static void sortMountsByDepth(ArrayNode mounts) {
    // Each depth is computed once; List.sort is stable, as Go's sort.SliceStable.
    record Keyed(int depth, JsonNode mount) {}
    List<Keyed> list = new ArrayList<>(mounts.size());
    for (JsonNode m : mounts) {
      list.add(new Keyed(GoPaths.depth(nz(OciConfig.text(m, "destination"))), m));
    }
    list.sort(Comparator.comparingInt(Keyed::depth));
    mounts.removeAll();
    for (Keyed k : list) {
      mounts.add(k.mount());
    }
  }

  // --- 5. hooks ---

  private static void applyHooks(ObjectNode root, List<Hook> hooks) {
    if (hooks == null || hooks.isEmpty()) {
      return;
    }
    for (Hook h : hooks) {
      ObjectNode hook = OciJson.NODES.objectNode();
      hook.put("path", h.path());
      putStrings(hook, "args", h.args());
      putStrings(hook, "env", h.env());
      if (h.timeout().isPresent()) {
        hook.set("timeout", number(h.timeout().getAsLong()));
      }
      array(object(root, "hooks"), h.hookName()).add(hook);
    }
  }

  // --- 6. intelRdt ---

  private static void applyIntelRdt(ObjectNode root, IntelRdt rdt) {
    // the OCI struct omits empty members; enableCMT and enableMBM have no OCI field
    ObjectNode value = OciJson.NODES.objectNode();
    putText(value, "closID", nz(rdt.closID()));
    putText(value, "l3CacheSchema", nz(rdt.l3CacheSchema()));
    putText(value, "memBwSchema", nz(rdt.memBwSchema()));
    putStrings(value, "schemata", rdt.schemata().orElse(List.of()));
    if (rdt.enableMonitoring().orElse(false)) {
      value.put("enableMonitoring", true);
    }
    object(root, "linux").set("intelRdt", value);
  }

  // --- 7. additional gids ---

  private static void applyAdditionalGids(ObjectNode root, List<Long> gids) {
    if (gids == null || gids.isEmpty()) {
      return;
    }
    Set<Long> present = new HashSet<>();
    JsonNode existing = OciConfig.path(root, "process", "user", "additionalGids");
    if (existing != null && existing.isArray()) {
      existing.forEach(g -> present.add(g.longValue()));
    }
    for (long gid : gids) {
      if (gid == 0 || present.contains(gid)) {
        continue;
      }
      array(object(object(root, "process"), "user"), "additionalGids").add(number(gid));
      present.add(gid);
    }
  }

  // --- tree editing helpers ---

  /** Returns the object member {@code name}, adding an empty one at the end (or in place of null). */
  private static ObjectNode object(ObjectNode parent, String name) {
    JsonNode n = parent.get(name);
    if (n instanceof ObjectNode o) {
      return o;
    }
    ObjectNode created = OciJson.NODES.objectNode();
    parent.set(name, created);
    return created;
  }

  /** Returns the array member {@code name}, adding an empty one at the end (or in place of null). */
  private static ArrayNode array(ObjectNode parent, String name) {
    JsonNode n = parent.get(name);
    if (n instanceof ArrayNode a) {
      return a;
    }
    ArrayNode created = OciJson.NODES.arrayNode();
    parent.set(name, created);
    return created;
  }

  private static ArrayNode existingArray(ObjectNode parent, String name) {
    return parent.get(name) instanceof ArrayNode a ? a : null;
  }

  /** Removes the first element whose member {@code key} is the string {@code value}. */
  private static void removeFirst(ArrayNode array, String key, String value) {
    int i = indexOf(array, key, value);
    if (i >= 0) {
      array.remove(i);
    }
  }

  private static int indexOf(ArrayNode array, String key, String value) {
    for (int i = 0; i < array.size(); i++) {
      if (value.equals(OciConfig.text(array.get(i), key))) {
        return i;
      }
    }
    return -1;
  }

  private static void putText(ObjectNode node, String name, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(name, value);
    }
  }

  private static void putStrings(ObjectNode node, String name, List<String> values) {
    if (values != null && !values.isEmpty()) {
      ArrayNode a = node.putArray(name);
      values.forEach(a::add);
    }
  }

  private static JsonNode number(long v) {
    return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
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
    return OciJson.quote(s == null ? "" : s);
  }
}
