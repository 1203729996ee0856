package dev.jcdi.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcdi.runtime.internal.OciJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An OCI runtime {@code config.json} held losslessly: every member, known to OCI or not, keeps its
 * value, its place and the exact text of its numbers through read, {@link EditApplier#apply
 * apply} and write.
 *
 * <p>Instances are immutable. Typed views cover only what CDI edits; {@link #tree()} gives a copy
 * of everything. The fields CDI edits must have the JSON types OCI gives them ({@code
 * process.env} an array of strings, {@code process.user.uid} an unsigned 32-bit integer, …);
 * {@code null} anywhere means absent.
 */
public final class OciConfig {

  /**
   * An entry of {@code linux.devices}; absent members are {@code null}.
   *
   * @param path the path in the container
   * @param type {@code b}, {@code c}, {@code u} or {@code p}
   * @param major the major number
   * @param minor the minor number
   * @param fileMode the permission bits
   * @param uid the owner
   * @param gid the group
   */
  public record LinuxDevice(String path, String type, Long major, Long minor, Long fileMode, Long uid, Long gid) {}

  /**
   * An entry of {@code linux.resources.devices}, a device cgroup rule; absent members are {@code
   * null}.
   *
   * @param allow whether the rule allows access
   * @param type {@code a}, {@code b} or {@code c}
   * @param major the major number; absent means all
   * @param minor the minor number; absent means all
   * @param access letters from {@code rwm}
   */
  public record DeviceRule(Boolean allow, String type, Long major, Long minor, String access) {}

  /**
   * An entry of {@code mounts}; absent members are {@code null}.
   *
   * @param destination the path in the container
   * @param type the file-system type
   * @param source the source on the host
   * @param options the mount options
   */
  public record MountEntry(String destination, String type, String source, List<String> options) {
    public MountEntry {
      options = options == null ? null : List.copyOf(options);
    }
  }

  /**
   * An entry of one of the {@code hooks} lists; absent members are {@code null}.
   *
   * @param path the executable
   * @param args the arguments, {@code argv[0]} first
   * @param env {@code KEY=VALUE} entries
   * @param timeout the timeout in seconds
   */
  public record HookEntry(String path, List<String> args, List<String> env, Long timeout) {
    public HookEntry {
      args = args == null ? null : List.copyOf(args);
      env = env == null ? null : List.copyOf(env);
    }
  }

  /**
   * The {@code process.user} ids; absent members are {@code null}.
   *
   * @param uid the user id
   * @param gid the group id
   * @param additionalGids the supplementary group ids, or {@code null}
   */
  public record User(Long uid, Long gid, List<Long> additionalGids) {
    public User {
      additionalGids = additionalGids == null ? null : List.copyOf(additionalGids);
    }
  }

  private static final String INPUT = "<input>";

  /**
   * The largest config {@link #read(Path)} reads: runc's default config is 2.5 KiB and real ones
   * stay far below a megabyte; an endless input such as {@code /dev/zero} must end in an error.
   */
  public static final long MAX_BYTES = 64L << 20;

  private final ObjectNode root;

  private OciConfig(ObjectNode root) {
    this.root = root;
  }

  /** Wraps a tree this package owns and will not change again. */
  static OciConfig wrap(ObjectNode root) {
    return new OciConfig(root);
  }

  /** Returns a fresh, mutable copy of the tree, for {@link EditApplier}. */
  ObjectNode copyTree() {
    return root.deepCopy();
  }

  /** Returns the empty config, {@code {}}. */
  public static OciConfig empty() {
    return new OciConfig(OciJson.NODES.objectNode());
  }

  /**
   * Parses a JSON config, which must be UTF-8 (RFC 8259; a byte order mark is skipped).
   *
   * @throws OciConfigException if the text is not one JSON object, has a duplicate key or trailing
   *     content, or a field CDI edits has the wrong type
   */
  public static OciConfig parse(byte[] json) throws OciConfigException {
    return parse(json, INPUT);
  }

  /**
   * Parses a JSON config.
   *
   * @throws OciConfigException as {@link #parse(byte[])}
   */
  public static OciConfig parse(String json) throws OciConfigException {
    return parse(json.getBytes(StandardCharsets.UTF_8), INPUT);
  }

  /**
   * Reads and parses the config file {@code file}.
   *
   * @throws OciConfigException as {@link #parse(byte[])}, naming the file
   * @throws IOException if the file cannot be read
   */
  public static OciConfig read(Path file) throws IOException {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads and parses a config from {@code in}, such as standard input, up to {@link #MAX_BYTES}.
   *
   * @param source the name to report problems under
   * @throws OciConfigException as {@link #parse(byte[])}, or when the input is larger than the limit
   * @throws IOException if the input cannot be read
   */
  public static OciConfig read(java.io.InputStream in, String source) throws IOException {
    byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new OciConfigException(source, 1, 1, "", "config larger than the limit of " + MAX_BYTES + " bytes");
    }
    return parse(bytes, source);
  }

  private static OciConfig parse(byte[] json, String source) throws OciConfigException {
    Objects.requireNonNull(json, "json");
    try {
      return new OciConfig(OciJson.parse(json));
    } catch (OciJson.Failure f) {
      throw new OciConfigException(source, f.line(), f.column(), f.fieldPath(), f.getMessage());
    }
  }

  /**
   * Returns a config holding a copy of {@code tree}.
   *
   * @throws OciConfigException if {@code tree} is not an object of plain JSON values or a field CDI
   *     edits has the wrong type
   */
  public static OciConfig of(JsonNode tree) throws OciConfigException {
    try {
      OciJson.check(tree);
    } catch (OciJson.Failure f) {
      throw new OciConfigException(INPUT, 0, 0, f.fieldPath(), f.getMessage());
    }
    return new OciConfig(((ObjectNode) tree).deepCopy());
  }

  /** Returns the config as JSON: two-space indent, {@code "key": value}, a newline at the end. */
  public String toJson() {
    return new String(toJsonBytes(), StandardCharsets.UTF_8);
  }

  /** Returns {@link #toJson()} as UTF-8 bytes. */
  public byte[] toJsonBytes() {
    return OciJson.write(root);
  }

  /** Returns a deep copy of the whole config, an {@code ObjectNode}. */
  public JsonNode tree() {
    return root.deepCopy();
  }

  /** Returns {@code process.env}, or an empty list. */
  public List<String> env() {
    return strings(path(root, "process", "env"));
  }

  /** Returns {@code process.user}, with {@code null} members where absent. */
  public User user() {
    JsonNode user = path(root, "process", "user");
    JsonNode gids = member(user, "additionalGids");
    List<Long> list = null;
    if (gids != null && gids.isArray()) {
      list = new ArrayList<>();
      for (JsonNode g : gids) {
        if (!g.isNull()) {
          list.add(g.longValue());
        }
      }
    }
    return new User(number(user, "uid"), number(user, "gid"), list);
  }

  /** Returns whether {@code linux.namespaces} has a {@code user} namespace. */
  public boolean hasUserNamespace() {
    return hasUserNamespace(root);
  }

  static boolean hasUserNamespace(ObjectNode root) {
    JsonNode namespaces = path(root, "linux", "namespaces");
    if (namespaces == null || !namespaces.isArray()) {
      return false;
    }
    for (JsonNode ns : namespaces) {
      if ("user".equals(text(ns, "type"))) {
        return true;
      }
    }
    return false;
  }

  /** Returns {@code linux.devices}, or an empty list. */
  public List<LinuxDevice> linuxDevices() {
    return objects(
        path(root, "linux", "devices"),
        d ->
            new LinuxDevice(
                text(d, "path"),
                text(d, "type"),
                number(d, "major"),
                number(d, "minor"),
                number(d, "fileMode"),
                number(d, "uid"),
                number(d, "gid")));
  }

  /** Returns {@code linux.resources.devices}, or an empty list. */
  public List<DeviceRule> deviceRules() {
    return objects(
        path(root, "linux", "resources", "devices"),
        r -> {
          JsonNode allow = member(r, "allow");
          return new DeviceRule(
              allow == null || allow.isNull() ? null : allow.booleanValue(),
              text(r, "type"),
              number(r, "major"),
              number(r, "minor"),
              text(r, "access"));
        });
  }

  /** Returns {@code mounts}, or an empty list. */
  public List<MountEntry> mounts() {
    return objects(
        member(root, "mounts"),
        m -> new MountEntry(text(m, "destination"), text(m, "type"), text(m, "source"), stringsOrNull(m, "options")));
  }

  /**
   * Returns {@code hooks.<hookName>}, or an empty list.
   *
   * @param hookName an OCI hook kind, e.g. {@code prestart} or {@code createContainer}
   */
  public List<HookEntry> hooks(String hookName) {
    return objects(
        path(root, "hooks", hookName),
        h -> new HookEntry(text(h, "path"), stringsOrNull(h, "args"), stringsOrNull(h, "env"), number(h, "timeout")));
  }

  /** Returns a copy of {@code linux.intelRdt}, if present. */
  public Optional<JsonNode> intelRdt() {
    JsonNode rdt = path(root, "linux", "intelRdt");
    return rdt == null || rdt.isNull() ? Optional.empty() : Optional.of(rdt.deepCopy());
  }

  /** Returns {@code linux.netDevices} as host interface name to container interface name. */
  public Map<String, String> netDevices() {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode devices = path(root, "linux", "netDevices");
    if (devices != null && devices.isObject()) {
      for (Map.Entry<String, JsonNode> e : devices.properties()) {
        if (e.getValue().isObject()) {
          out.put(e.getKey(), text(e.getValue(), "name"));
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Returns the top-level {@code annotations}, or an empty map. */
  public Map<String, String> annotations() {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode annotations = member(root, "annotations");
    if (annotations != null && annotations.isObject()) {
      for (Map.Entry<String, JsonNode> e : annotations.properties()) {
        if (e.getValue().isTextual()) {
          out.put(e.getKey(), e.getValue().textValue());
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Two configs are equal when their JSON trees are equal (member order aside). */
  @Override
  public boolean equals(Object o) {
    return o instanceof OciConfig other && other.root.equals(root);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }

  /** Returns {@link #toJson()}. */
  @Override
  public String toString() {
    return toJson();
  }

  // --- tree reading helpers, shared with EditApplier ---

  static JsonNode member(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    return node.get(name);
  }

  static JsonNode path(JsonNode node, String... names) {
    JsonNode n = node;
    for (String name : names) {
      n = member(n, name);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  static String text(JsonNode node, String name) {
    JsonNode v = member(node, name);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  static Long number(JsonNode node, String name) {
    JsonNode v = member(node, name);
    return v != null && v.isNumber() ? v.longValue() : null;
  }

  private static List<String> strings(JsonNode array) {
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(array.size());
    for (JsonNode e : array) {
      if (e.isTextual()) {
        out.add(e.textValue());
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static List<String> stringsOrNull(JsonNode node, String name) {
    JsonNode v = member(node, name);
    return v != null && v.isArray() ? strings(v) : null;
  }

  private static <T> List<T> objects(JsonNode array, Function<JsonNode, T> view) {
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<T> out = new ArrayList<>(array.size());
    for (JsonNode e : array) {
      if (e.isObject()) {
        out.add(view.apply(e));
      }
    }
    return Collections.unmodifiableList(out);
  }
}
