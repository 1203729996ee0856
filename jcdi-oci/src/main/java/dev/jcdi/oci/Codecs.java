package dev.jcdi.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcdi.oci.OciConfig.DeviceRule;
import dev.jcdi.oci.OciConfig.HookEntry;
import dev.jcdi.oci.OciConfig.IdMapping;
import dev.jcdi.oci.OciConfig.IntelRdt;
import dev.jcdi.oci.OciConfig.LinuxDevice;
import dev.jcdi.oci.OciConfig.MountEntry;
import dev.jcdi.oci.OciConfig.Namespace;
import dev.jcdi.oci.OciConfig.Root;
import dev.jcdi.oci.OciConfig.User;
import dev.jcdi.oci.internal.Nodes;
import dev.jcdi.oci.internal.OciJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The typed records read from and written to tree nodes, shared by {@link OciConfig}'s getters and
 * {@link ConfigEditor}'s views. Members are written in the order of the OCI runtime spec's Go
 * structs, which is the order of the record components; absent (empty) components are left out.
 */
final class Codecs {
  private Codecs() {}

  // --- reading ---

  static User user(JsonNode user) {
    JsonNode gids = Nodes.member(user, "additionalGids");
    List<Long> list = new ArrayList<>();
    if (gids != null && gids.isArray()) {
      for (JsonNode g : gids) {
        if (!g.isNull()) {
          list.add(g.longValue());
        }
      }
    }
    return new User(number(user, "uid"), number(user, "gid"), list);
  }

  static Root root(JsonNode root) {
    return new Root(text(root, "path"), bool(root, "readonly"));
  }

  static Namespace namespace(JsonNode n) {
    return new Namespace(Nodes.text(n, "type"), text(n, "path"));
  }

  static IdMapping idMapping(JsonNode m) {
    return new IdMapping(number(m, "containerID"), number(m, "hostID"), number(m, "size"));
  }

  static LinuxDevice linuxDevice(JsonNode d) {
    return new LinuxDevice(
        Nodes.text(d, "path"),
        Nodes.text(d, "type"),
        number(d, "major"),
        number(d, "minor"),
        number(d, "fileMode"),
        number(d, "uid"),
        number(d, "gid"));
  }

  static DeviceRule deviceRule(JsonNode r) {
    JsonNode allow = Nodes.member(r, "allow");
    return new DeviceRule(
        allow == null || allow.isNull() ? Optional.empty() : Optional.of(allow.booleanValue()),
        text(r, "type"),
        number(r, "major"),
        number(r, "minor"),
        text(r, "access"));
  }

  static MountEntry mount(JsonNode m) {
    return new MountEntry(Nodes.text(m, "destination"), text(m, "type"), text(m, "source"), Nodes.stringsOrNull(m, "options"));
  }

  static HookEntry hook(JsonNode h) {
    return new HookEntry(Nodes.text(h, "path"), Nodes.stringsOrNull(h, "args"), Nodes.stringsOrNull(h, "env"), number(h, "timeout"));
  }

  static OptionalLong number(JsonNode node, String name) {
    Long v = Nodes.number(node, name);
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  static Optional<String> text(JsonNode node, String name) {
    return Optional.ofNullable(Nodes.text(node, name));
  }

  static Optional<Boolean> bool(JsonNode node, String name) {
    return Optional.ofNullable(Nodes.bool(node, name));
  }

  static boolean hasNamespace(JsonNode root, String type) {
    JsonNode namespaces = Nodes.path(root, "linux", "namespaces");
    if (namespaces == null || !namespaces.isArray()) {
      return false;
    }
    for (JsonNode ns : namespaces) {
      if (type.equals(Nodes.text(ns, "type"))) {
        return true;
      }
    }
    return false;
  }

  static Map<String, String> netDevices(JsonNode devices) {
    Map<String, String> out = new LinkedHashMap<>();
    if (devices != null && devices.isObject()) {
      for (Map.Entry<String, JsonNode> e : devices.properties()) {
        if (e.getValue().isObject()) {
          String name = Nodes.text(e.getValue(), "name");
          out.put(e.getKey(), name == null ? "" : name);
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  static Map<String, String> annotations(JsonNode annotations) {
    Map<String, String> out = new LinkedHashMap<>();
    if (annotations != null && annotations.isObject()) {
      for (Map.Entry<String, JsonNode> e : annotations.properties()) {
        if (e.getValue().isTextual()) {
          out.put(e.getKey(), e.getValue().textValue());
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** The key of an environment entry: the text before the first {@code =}, or all of it. */
  static String envKey(String entry) {
    int eq = entry.indexOf('=');
    return eq < 0 ? entry : entry.substring(0, eq);
  }

  static Optional<String> envValue(JsonNode env, String key) {
    String value = null;
    if (env != null && env.isArray()) {
      for (JsonNode e : env) {
        if (e.isTextual()) {
          String entry = e.textValue();
          int eq = entry.indexOf('=');
          if (eq >= 0 && entry.regionMatches(0, key, 0, eq) && eq == key.length()) {
            value = entry.substring(eq + 1);
          }
        }
      }
    }
    return Optional.ofNullable(value);
  }

  // --- writing ---

  static ObjectNode node(Root r) {
    ObjectNode n = OciJson.NODES.objectNode();
    putText(n, "path", r.path());
    r.readonly().ifPresent(v -> n.put("readonly", v));
    return n;
  }

  static ObjectNode node(Namespace ns) {
    ObjectNode n = OciJson.NODES.objectNode();
    putText(n, "type", ns.type());
    putText(n, "path", ns.path());
    return n;
  }

  static ObjectNode node(IdMapping m) {
    ObjectNode n = OciJson.NODES.objectNode();
    putNumber(n, "containerID", uint32(m.containerID(), "containerID"));
    putNumber(n, "hostID", uint32(m.hostID(), "hostID"));
    putNumber(n, "size", uint32(m.size(), "size"));
    return n;
  }

  static ObjectNode node(LinuxDevice d) {
    ObjectNode n = OciJson.NODES.objectNode();
    putText(n, "path", d.path());
    putText(n, "type", d.type());
    putNumber(n, "major", d.major());
    putNumber(n, "minor", d.minor());
    putNumber(n, "fileMode", uint32(d.fileMode(), "fileMode"));
    putNumber(n, "uid", uint32(d.uid(), "uid"));
    putNumber(n, "gid", uint32(d.gid(), "gid"));
    return n;
  }

  static ObjectNode node(DeviceRule r) {
    ObjectNode n = OciJson.NODES.objectNode();
    r.allow().ifPresent(v -> n.put("allow", v));
    putText(n, "type", r.type());
    putNumber(n, "major", r.major());
    putNumber(n, "minor", r.minor());
    putText(n, "access", r.access());
    return n;
  }

  static ObjectNode node(MountEntry m) {
    ObjectNode n = OciJson.NODES.objectNode();
    putText(n, "destination", m.destination());
    putText(n, "type", m.type());
    putText(n, "source", m.source());
    putStrings(n, "options", m.options());
    return n;
  }

  static ObjectNode node(HookEntry h) {
    ObjectNode n = OciJson.NODES.objectNode();
    putText(n, "path", h.path());
    putStrings(n, "args", h.args());
    putStrings(n, "env", h.env());
    putNumber(n, "timeout", h.timeout());
    return n;
  }

  static ObjectNode node(IntelRdt rdt) {
    ObjectNode n = OciJson.NODES.objectNode();
    putText(n, "closID", rdt.closID());
    putText(n, "l3CacheSchema", rdt.l3CacheSchema());
    putText(n, "memBwSchema", rdt.memBwSchema());
    putStrings(n, "schemata", rdt.schemata());
    rdt.enableMonitoring().ifPresent(v -> n.put("enableMonitoring", v));
    return n;
  }

  /** Writes a required string member; {@code ""} stands for absent and is left out. */
  private static void putText(ObjectNode n, String name, String value) {
    Nodes.putText(n, name, value.isEmpty() ? null : value);
  }

  private static void putText(ObjectNode n, String name, Optional<String> value) {
    Nodes.putText(n, name, value.orElse(null));
  }

  private static void putNumber(ObjectNode n, String name, OptionalLong value) {
    Nodes.putNumber(n, name, value.isPresent() ? value.getAsLong() : null);
  }

  /** Writes a list member; an empty list is left out, as the OCI structs' {@code omitempty} does. */
  private static void putStrings(ObjectNode n, String name, List<String> values) {
    Nodes.putStrings(n, name, values.isEmpty() ? null : values);
  }

  /**
   * Returns {@code value} when it fits the unsigned 32-bit range OCI gives ids and modes.
   *
   * @throws IllegalArgumentException if it does not, naming {@code what}
   */
  static OptionalLong uint32(OptionalLong value, String what) {
    if (value.isPresent()) {
      uint32(value.getAsLong(), what);
    }
    return value;
  }

  /**
   * Returns {@code value} when it fits the unsigned 32-bit range OCI gives ids and modes.
   *
   * @throws IllegalArgumentException if it does not, naming {@code what}
   */
  static long uint32(long value, String what) {
    if ((value < 0 || value > 0xFFFF_FFFFL)) {
      throw new IllegalArgumentException(what + " " + value + " is out of range for an unsigned 32-bit integer");
    }
    return value;
  }
}
