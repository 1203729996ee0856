package dev.jcdi.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcdi.oci.internal.Nodes;
import dev.jcdi.oci.internal.OciJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An OCI runtime {@code config.json} held losslessly: every member, known to OCI or not, keeps its
 * value, its place and the exact text of its numbers through read, {@link #edit() edit} and write.
 *
 * <p>Instances are immutable: {@link #edit()} starts a {@link ConfigEditor} on a copy, whose typed
 * views make the changes, and {@link ConfigEditor#toConfig()} returns the new config. The getters
 * here read the same parts; {@link #tree()} gives a copy of everything. The fields container edits
 * touch most must have the JSON types OCI gives them ({@code process.env} an array of strings,
 * {@code process.user.uid} an unsigned 32-bit integer, …; see the README for the list), checked on
 * read; other fields may hold anything, and a getter reads a member of another type as absent.
 * {@code null} anywhere means absent.
 */
public final class OciConfig {

  /**
   * An entry of {@code linux.devices}. No component is ever {@code null}: an absent member is
   * empty, and the constructor reads a {@code null} argument as absent. The required {@code path}
   * and {@code type} read as {@code ""} when absent, and an empty one is left out on write.
   *
   * @param path the path in the container
   * @param type {@code b}, {@code c}, {@code u} or {@code p}
   * @param major the major number
   * @param minor the minor number
   * @param fileMode the permission bits
   * @param uid the owner
   * @param gid the group
   */
  public record LinuxDevice(
      String path, String type, OptionalLong major, OptionalLong minor, OptionalLong fileMode, OptionalLong uid, OptionalLong gid) {

    /**
     * Reads {@code null} arguments as absent.
     *
     * @param path the path in the container
     * @param type {@code b}, {@code c}, {@code u} or {@code p}
     * @param major the major number
     * @param minor the minor number
     * @param fileMode the permission bits
     * @param uid the owner
     * @param gid the group
     */
    public LinuxDevice {
      path = text(path);
      type = text(type);
      major = optional(major);
      minor = optional(minor);
      fileMode = optional(fileMode);
      uid = optional(uid);
      gid = optional(gid);
    }

    /**
     * Returns a device with no mode and no owner.
     *
     * @param path the path in the container
     * @param type {@code b}, {@code c}, {@code u} or {@code p}
     * @param major the major number
     * @param minor the minor number
     * @return a new device
     */
    public static LinuxDevice of(String path, String type, long major, long minor) {
      return new LinuxDevice(path, type, OptionalLong.of(major), OptionalLong.of(minor), null, null, null);
    }
  }

  /**
   * An entry of {@code linux.resources.devices}, a device cgroup rule. No component is ever {@code
   * null}: an absent member is empty, and the constructor reads a {@code null} argument as absent.
   *
   * @param allow whether the rule allows access
   * @param type {@code a}, {@code b} or {@code c}
   * @param major the major number; absent means all
   * @param minor the minor number; absent means all
   * @param access letters from {@code rwm}
   */
  public record DeviceRule(Optional<Boolean> allow, Optional<String> type, OptionalLong major, OptionalLong minor, Optional<String> access) {

    /**
     * Reads {@code null} arguments as absent.
     *
     * @param allow whether the rule allows access
     * @param type {@code a}, {@code b} or {@code c}
     * @param major the major number; absent means all
     * @param minor the minor number; absent means all
     * @param access letters from {@code rwm}
     */
    public DeviceRule {
      allow = optional(allow);
      type = optional(type);
      major = optional(major);
      minor = optional(minor);
      access = optional(access);
    }

    /**
     * Returns a rule that allows {@code access} to one device.
     *
     * @param type {@code b} or {@code c}
     * @param major the major number
     * @param minor the minor number
     * @param access letters from {@code rwm}; {@code ""} leaves the member out
     * @return a new rule with {@code allow} true
     */
    public static DeviceRule allow(String type, long major, long minor, String access) {
      return new DeviceRule(Optional.of(true), Optional.of(type), OptionalLong.of(major), OptionalLong.of(minor),
          access.isEmpty() ? Optional.empty() : Optional.of(access));
    }
  }

  /**
   * An entry of {@code mounts}. No component is ever {@code null}: an absent member is empty, and
   * the constructor reads a {@code null} argument as absent. The required {@code destination} reads
   * as {@code ""} when absent; an empty destination and empty options are left out on write.
   *
   * @param destination the path in the container
   * @param type the file-system type
   * @param source the source on the host
   * @param options the mount options
   */
  public record MountEntry(String destination, Optional<String> type, Optional<String> source, List<String> options) {

    /**
     * Copies the options and reads {@code null} arguments as absent.
     *
     * @param destination the path in the container
     * @param type the file-system type
     * @param source the source on the host
     * @param options the mount options
     */
    public MountEntry {
      destination = text(destination);
      type = optional(type);
      source = optional(source);
      options = list(options);
    }

    /**
     * Returns a mount of {@code source} at {@code destination}.
     *
     * @param destination the path in the container
     * @param type the file-system type
     * @param source the source on the host
     * @param options the mount options
     * @return a new mount entry
     */
    public static MountEntry of(String destination, String type, String source, List<String> options) {
      return new MountEntry(destination, Optional.of(type), Optional.of(source), options);
    }
  }

  /**
   * An entry of one of the {@code hooks} lists. No component is ever {@code null}: an absent member
   * is empty, and the constructor reads a {@code null} argument as absent. The required {@code
   * path} reads as {@code ""} when absent; an empty path and empty lists are left out on write.
   *
   * @param path the executable
   * @param args the arguments, {@code argv[0]} first
   * @param env {@code KEY=VALUE} entries
   * @param timeout the timeout in seconds
   */
  public record HookEntry(String path, List<String> args, List<String> env, OptionalLong timeout) {

    /**
     * Copies the lists and reads {@code null} arguments as absent.
     *
     * @param path the executable
     * @param args the arguments, {@code argv[0]} first
     * @param env {@code KEY=VALUE} entries
     * @param timeout the timeout in seconds
     */
    public HookEntry {
      path = text(path);
      args = list(args);
      env = list(env);
      timeout = optional(timeout);
    }

    /**
     * Returns a hook that runs {@code path} with {@code args}, no environment and no timeout.
     *
     * @param path the executable
     * @param args the arguments, {@code argv[0]} first
     * @return a new hook entry
     */
    public static HookEntry of(String path, String... args) {
      return new HookEntry(path, List.of(args), List.of(), OptionalLong.empty());
    }
  }

  /**
   * The {@code process.user} ids. No component is ever {@code null}: an absent member is empty, and
   * the constructor reads a {@code null} argument as absent.
   *
   * @param uid the user id
   * @param gid the group id
   * @param additionalGids the supplementary group ids
   */
  public record User(OptionalLong uid, OptionalLong gid, List<Long> additionalGids) {

    /**
     * Copies the list and reads {@code null} arguments as absent.
     *
     * @param uid the user id
     * @param gid the group id
     * @param additionalGids the supplementary group ids
     */
    public User {
      uid = optional(uid);
      gid = optional(gid);
      additionalGids = list(additionalGids);
    }
  }

  /**
   * The {@code root} object. No component is ever {@code null}: an absent member is empty, and the
   * constructor reads a {@code null} argument as absent.
   *
   * @param path the root file system, relative to the bundle or absolute
   * @param readonly whether it is mounted read-only
   */
  public record Root(Optional<String> path, Optional<Boolean> readonly) {

    /**
     * Reads {@code null} arguments as absent.
     *
     * @param path the root file system, relative to the bundle or absolute
     * @param readonly whether it is mounted read-only
     */
    public Root {
      path = optional(path);
      readonly = optional(readonly);
    }
  }

  /**
   * An entry of {@code linux.namespaces}. No component is ever {@code null}: the constructor reads a
   * {@code null} argument as absent. The required {@code type} reads as {@code ""} when absent, and
   * an empty one is left out on write.
   *
   * @param type {@code pid}, {@code network}, {@code mount}, {@code ipc}, {@code uts}, {@code user},
   *     {@code cgroup} or {@code time}
   * @param path a namespace file to join; empty for a new namespace
   */
  public record Namespace(String type, Optional<String> path) {

    /**
     * Reads {@code null} arguments as absent.
     *
     * @param type {@code pid}, {@code network}, {@code mount}, {@code ipc}, {@code uts}, {@code user}, {@code cgroup} or {@code time}
     * @param path a namespace file to join; empty for a new namespace
     */
    public Namespace {
      type = text(type);
      path = optional(path);
    }

    /**
     * Returns a new namespace of {@code type}, one that joins no existing namespace.
     *
     * @param type the namespace type, such as {@code user}
     * @return a new namespace entry
     */
    public static Namespace of(String type) {
      return new Namespace(type, Optional.empty());
    }
  }

  /**
   * An entry of {@code linux.uidMappings} or {@code linux.gidMappings}. No component is ever {@code
   * null}: an absent member is empty, and the constructor reads a {@code null} argument as absent.
   *
   * @param containerID the first id in the container
   * @param hostID the first id on the host
   * @param size how many ids are mapped
   */
  public record IdMapping(OptionalLong containerID, OptionalLong hostID, OptionalLong size) {

    /**
     * Reads {@code null} arguments as absent.
     *
     * @param containerID the first id in the container
     * @param hostID the first id on the host
     * @param size how many ids are mapped
     */
    public IdMapping {
      containerID = optional(containerID);
      hostID = optional(hostID);
      size = optional(size);
    }

    /**
     * Returns a mapping of {@code size} ids from {@code containerID} to {@code hostID}.
     *
     * @param containerID the first id in the container
     * @param hostID the first id on the host
     * @param size how many ids are mapped
     * @return a new mapping
     */
    public static IdMapping of(long containerID, long hostID, long size) {
      return new IdMapping(OptionalLong.of(containerID), OptionalLong.of(hostID), OptionalLong.of(size));
    }
  }

  /**
   * The members of {@code linux.intelRdt} that {@link ConfigEditor.LinuxView#setIntelRdt} writes.
   * No component is ever {@code null}: an absent member is empty and left out, as are empty
   * schemata, and the constructor reads a {@code null} argument as absent.
   *
   * @param closID the class of service
   * @param l3CacheSchema the L3 cache schema
   * @param memBwSchema the memory bandwidth schema
   * @param schemata the schemata lines
   * @param enableMonitoring whether monitoring is enabled
   */
  public record IntelRdt(
      Optional<String> closID,
      Optional<String> l3CacheSchema,
      Optional<String> memBwSchema,
      List<String> schemata,
      Optional<Boolean> enableMonitoring) {

    /**
     * Copies the schemata and reads {@code null} arguments as absent.
     *
     * @param closID the class of service
     * @param l3CacheSchema the L3 cache schema
     * @param memBwSchema the memory bandwidth schema
     * @param schemata the schemata lines
     * @param enableMonitoring whether monitoring is enabled
     */
    public IntelRdt {
      closID = optional(closID);
      l3CacheSchema = optional(l3CacheSchema);
      memBwSchema = optional(memBwSchema);
      schemata = list(schemata);
      enableMonitoring = optional(enableMonitoring);
    }
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static <T> Optional<T> optional(Optional<T> o) {
    return o == null ? Optional.empty() : o;
  }

  private static OptionalLong optional(OptionalLong o) {
    return o == null ? OptionalLong.empty() : o;
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : List.copyOf(l);
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

  /**
   * Starts an edit of a copy of this config; this config never changes. The editor's {@link
   * ConfigEditor#toConfig()} returns the edited config.
   *
   * @return a new editor
   */
  public ConfigEditor edit() {
    return new ConfigEditor(root.deepCopy());
  }

  /**
   * Returns the empty config, {@code {}}.
   *
   * @return the empty config, {@code {}}
   */
  public static OciConfig empty() {
    return new OciConfig(OciJson.NODES.objectNode());
  }

  /**
   * Parses a JSON config, which must be UTF-8 (RFC 8259; a byte order mark is skipped).
   *
   * @param json the config text, UTF-8
   * @return the config
   * @throws OciConfigException if the text is not one JSON object, has a duplicate key or trailing
   *     content, or a field CDI edits has the wrong type
   */
  public static OciConfig parse(byte[] json) throws OciConfigException {
    return parse(json, INPUT);
  }

  /**
   * Parses a JSON config.
   *
   * @param json the config text
   * @return the config
   * @throws OciConfigException as {@link #parse(byte[])}
   */
  public static OciConfig parse(String json) throws OciConfigException {
    return parse(json.getBytes(StandardCharsets.UTF_8), INPUT);
  }

  /**
   * Reads and parses the config file {@code file}.
   *
   * @param file the config file
   * @return the config
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
   * @param in the input; it is read, not closed
   * @param source the name to report problems under
   * @return the config
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
   * @param tree the JSON tree, an object
   * @return a config holding a copy of {@code tree}
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

  /**
   * Returns the config as JSON: two-space indent, {@code "key": value}, a newline at the end.
   *
   * @return the config as JSON: two-space indent, {@code "key": value}, a newline at the end
   */
  public String toJson() {
    return new String(toJsonBytes(), StandardCharsets.UTF_8);
  }

  /**
   * Returns {@link #toJson()} as UTF-8 bytes.
   *
   * @return {@link #toJson()} as UTF-8 bytes
   */
  public byte[] toJsonBytes() {
    return OciJson.write(root);
  }

  /**
   * Writes {@link #toJsonBytes()} to {@code out}; {@code out} is flushed, not closed.
   *
   * @param out the stream to write to
   * @throws IOException if writing fails
   */
  public void writeTo(java.io.OutputStream out) throws IOException {
    out.write(toJsonBytes());
    out.flush();
  }

  /**
   * Writes the config to {@code file} so that a reader sees the old content or the new, never a
   * part: {@link #toJsonBytes()} goes to a temp file in the same directory, which is synced, given
   * the mode of the file it replaces (0644 for a new file) and renamed over it; the directory is
   * synced then. A symbolic link is followed, as an editor saves a linked file: the link stays and
   * its target is replaced (or created, when dangling). A character device or FIFO (such as {@code
   * /dev/stdout}) is written into, never replaced; any other kind of file is refused.
   *
   * @param file the config file
   * @throws IOException if the file cannot be written, or is a directory, block device or socket;
   *     nothing is left behind then
   */
  public void writeTo(Path file) throws IOException {
    ConfigFiles.write(file, toJsonBytes());
  }

  /**
   * Returns a deep copy of the whole config, an {@code ObjectNode}.
   *
   * @return a deep copy of the whole config, an {@code ObjectNode}
   */
  public JsonNode tree() {
    return root.deepCopy();
  }

  /**
   * Returns {@code process.args}, or an empty list.
   *
   * @return {@code process.args}, or an empty list
   */
  public List<String> args() {
    return Nodes.strings(Nodes.path(root, "process", "args"));
  }

  /**
   * Returns {@code process.env}, or an empty list.
   *
   * @return {@code process.env}, or an empty list
   */
  public List<String> env() {
    return Nodes.strings(Nodes.path(root, "process", "env"));
  }

  /**
   * Returns the value of the environment variable {@code key}: the text after the first {@code =}
   * of the last {@code process.env} entry with that key, as a process started with that list sees
   * it.
   *
   * @param key the variable name, the text before {@code =}
   * @return the value, if the variable is set
   */
  public Optional<String> env(String key) {
    return Codecs.envValue(Nodes.path(root, "process", "env"), key);
  }

  /**
   * Returns {@code process.cwd}, if present.
   *
   * @return {@code process.cwd}, if present
   */
  public Optional<String> cwd() {
    return Optional.ofNullable(Nodes.text(Nodes.member(root, "process"), "cwd"));
  }

  /**
   * Returns {@code process.user}.
   *
   * @return the user; its members are empty where absent
   */
  public User user() {
    return Codecs.user(Nodes.path(root, "process", "user"));
  }

  /**
   * Returns {@code root}.
   *
   * @return the root; its members are empty where absent
   */
  public Root root() {
    return Codecs.root(Nodes.member(root, "root"));
  }

  /**
   * Returns whether {@code linux.namespaces} has a {@code user} namespace.
   *
   * @return whether {@code linux.namespaces} has a {@code user} namespace
   */
  public boolean hasUserNamespace() {
    return Codecs.hasNamespace(root, "user");
  }

  /**
   * Returns {@code linux.namespaces}, or an empty list.
   *
   * @return {@code linux.namespaces}, or an empty list
   */
  public List<Namespace> namespaces() {
    return Nodes.objects(Nodes.path(root, "linux", "namespaces"), Codecs::namespace);
  }

  /**
   * Returns {@code linux.uidMappings}, or an empty list.
   *
   * @return {@code linux.uidMappings}, or an empty list
   */
  public List<IdMapping> uidMappings() {
    return Nodes.objects(Nodes.path(root, "linux", "uidMappings"), Codecs::idMapping);
  }

  /**
   * Returns {@code linux.gidMappings}, or an empty list.
   *
   * @return {@code linux.gidMappings}, or an empty list
   */
  public List<IdMapping> gidMappings() {
    return Nodes.objects(Nodes.path(root, "linux", "gidMappings"), Codecs::idMapping);
  }

  /**
   * Returns {@code linux.devices}, or an empty list.
   *
   * @return {@code linux.devices}, or an empty list
   */
  public List<LinuxDevice> linuxDevices() {
    return Nodes.objects(Nodes.path(root, "linux", "devices"), Codecs::linuxDevice);
  }

  /**
   * Returns {@code linux.resources.devices}, or an empty list.
   *
   * @return {@code linux.resources.devices}, or an empty list
   */
  public List<DeviceRule> deviceRules() {
    return Nodes.objects(Nodes.path(root, "linux", "resources", "devices"), Codecs::deviceRule);
  }

  /**
   * Returns {@code mounts}, or an empty list.
   *
   * @return {@code mounts}, or an empty list
   */
  public List<MountEntry> mounts() {
    return Nodes.objects(Nodes.member(root, "mounts"), Codecs::mount);
  }

  /**
   * Returns {@code hooks.<hookName>}, or an empty list.
   *
   * @param hookName an OCI hook kind, e.g. {@code prestart} or {@code createContainer}
   * @return {@code hooks.<hookName>}, or an empty list
   */
  public List<HookEntry> hooks(String hookName) {
    return Nodes.objects(Nodes.path(root, "hooks", hookName), Codecs::hook);
  }

  /**
   * Returns a copy of {@code linux.intelRdt}, if present.
   *
   * @return a copy of {@code linux.intelRdt}, if present
   */
  public Optional<JsonNode> intelRdt() {
    JsonNode rdt = Nodes.path(root, "linux", "intelRdt");
    return rdt == null || rdt.isNull() ? Optional.empty() : Optional.of(rdt.deepCopy());
  }

  /**
   * Returns {@code linux.netDevices} as host interface name to container interface name; an entry
   * without a string {@code name} maps to {@code ""}.
   *
   * @return host interface name to container interface name, or an empty map
   */
  public Map<String, String> netDevices() {
    return Codecs.netDevices(Nodes.path(root, "linux", "netDevices"));
  }

  /**
   * Returns the top-level {@code annotations}, or an empty map.
   *
   * @return the top-level {@code annotations}, or an empty map
   */
  public Map<String, String> annotations() {
    return Codecs.annotations(Nodes.member(root, "annotations"));
  }

  /**
   * Two configs are equal when their JSON trees are equal (member order aside).
   *
   * @param o the object to compare with
   * @return whether {@code o} is a config with an equal tree
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof OciConfig other && other.root.equals(root);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }

  /**
   * Returns {@link #toJson()}.
   *
   * @return {@link #toJson()}
   */
  @Override
  public String toString() {
    return toJson();
  }
}
