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

/**
 * The typed records read from and written to tree nodes, shared by {@link OciConfig}'s getters and
 * {@link ConfigEditor}'s views. Members are written in the order of the OCI runtime spec's Go
 * structs, which is the order of the record components; {@code null} components are left out.
 */
final class Codecs {
  private Codecs() {}

  // --- reading ---

  static User user(JsonNode user) {
    JsonNode gids = Nodes.member(user, "additionalGids");
    List<Long> list = null;
    if (gids != null && gids.isArray()) {
      list = new ArrayList<>();
      for (JsonNode g : gids) {
        if (!g.isNull()) {
          list.add(g.longValue());
        }
      }
    }
    return new User(Nodes.number(user, "uid"), Nodes.number(user, "gid"), list);
  }

  static Root root(JsonNode root) {
    return new Root(Nodes.text(root, "path"), Nodes.bool(root, "readonly"));
  }

  static Namespace namespace(JsonNode n) {
    return new Namespace(Nodes.text(n, "type"), Nodes.text(n, "path"));
  }

  static IdMapping idMapping(JsonNode m) {
    return new IdMapping(Nodes.number(m, "containerID"), Nodes.number(m, "hostID"), Nodes.number(m, "size"));
  }

  static LinuxDevice linuxDevice(JsonNode d) {
    return new LinuxDevice(
        Nodes.text(d, "path"),
        Nodes.text(d, "type"),
        Nodes.number(d, "major"),
        Nodes.number(d, "minor"),
        Nodes.number(d, "fileMode"),
        Nodes.number(d, "uid"),
        Nodes.number(d, "gid"));
  }

  static DeviceRule deviceRule(JsonNode r) {
    JsonNode allow = Nodes.member(r, "allow");
    return new DeviceRule(
        allow == null || allow.isNull() ? null : allow.booleanValue(),
        Nodes.text(r, "type"),
        Nodes.number(r, "major"),
        Nodes.number(r, "minor"),
        Nodes.text(r, "access"));
  }

  static MountEntry mount(JsonNode m) {
    return new MountEntry(
        Nodes.text(m, "destination"), Nodes.text(m, "type"), Nodes.text(m, "source"), Nodes.stringsOrNull(m, "options"));
  }

  static HookEntry hook(JsonNode h) {
    return new HookEntry(
        Nodes.text(h, "path"), Nodes.stringsOrNull(h, "args"), Nodes.stringsOrNull(h, "env"), Nodes.number(h, "timeout"));
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
          out.put(e.getKey(), Nodes.text(e.getValue(), "name"));
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
    Nodes.putText(n, "path", r.path());
    if (r.readonly() != null) {
      n.put("readonly", r.readonly());
    }
    return n;
  }

  static ObjectNode node(Namespace ns) {
    ObjectNode n = OciJson.NODES.objectNode();
    Nodes.putText(n, "type", ns.type());
    Nodes.putText(n, "path", ns.path());
    return n;
  }

  static ObjectNode node(IdMapping m) {
    ObjectNode n = OciJson.NODES.objectNode();
    Nodes.putNumber(n, "containerID", uint32(m.containerID(), "containerID"));
    Nodes.putNumber(n, "hostID", uint32(m.hostID(), "hostID"));
    Nodes.putNumber(n, "size", uint32(m.size(), "size"));
    return n;
  }

  static ObjectNode node(LinuxDevice d) {
    ObjectNode n = OciJson.NODES.objectNode();
    Nodes.putText(n, "path", d.path());
    Nodes.putText(n, "type", d.type());
    Nodes.putNumber(n, "major", d.major());
    Nodes.putNumber(n, "minor", d.minor());
    Nodes.putNumber(n, "fileMode", uint32(d.fileMode(), "fileMode"));
    Nodes.putNumber(n, "uid", uint32(d.uid(), "uid"));
    Nodes.putNumber(n, "gid", uint32(d.gid(), "gid"));
    return n;
  }

  static ObjectNode node(DeviceRule r) {
    ObjectNode n = OciJson.NODES.objectNode();
    if (r.allow() != null) {
      n.put("allow", r.allow());
    }
    Nodes.putText(n, "type", r.type());
    Nodes.putNumber(n, "major", r.major());
    Nodes.putNumber(n, "minor", r.minor());
    Nodes.putText(n, "access", r.access());
    return n;
  }

  static ObjectNode node(MountEntry m) {
    ObjectNode n = OciJson.NODES.objectNode();
    Nodes.putText(n, "destination", m.destination());
    Nodes.putText(n, "type", m.type());
    Nodes.putText(n, "source", m.source());
    Nodes.putStrings(n, "options", m.options());
    return n;
  }

  static ObjectNode node(HookEntry h) {
    ObjectNode n = OciJson.NODES.objectNode();
    Nodes.putText(n, "path", h.path());
    Nodes.putStrings(n, "args", h.args());
    Nodes.putStrings(n, "env", h.env());
    Nodes.putNumber(n, "timeout", h.timeout());
    return n;
  }

  static ObjectNode node(IntelRdt rdt) {
    ObjectNode n = OciJson.NODES.objectNode();
    Nodes.putText(n, "closID", rdt.closID());
    Nodes.putText(n, "l3CacheSchema", rdt.l3CacheSchema());
    Nodes.putText(n, "memBwSchema", rdt.memBwSchema());
    Nodes.putStrings(n, "schemata", rdt.schemata());
    if (rdt.enableMonitoring() != null) {
      n.put("enableMonitoring", rdt.enableMonitoring());
    }
    return n;
  }

  /**
   * Returns {@code value} when it fits the unsigned 32-bit range OCI gives ids and modes.
   *
   * @throws IllegalArgumentException if it does not, naming {@code what}
   */
  static Long uint32(Long value, String what) {
    if (value != null && (value < 0 || value > 0xFFFF_FFFFL)) {
      throw new IllegalArgumentException(what + " " + value + " is out of range for an unsigned 32-bit integer");
    }
    return value;
  }
}
