package dev.jcdi.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.jcdi.oci.internal.ConfigShape;
import dev.jcdi.oci.internal.Nodes;
import dev.jcdi.oci.internal.OciJson;
import dev.jcdi.oci.internal.Text;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One edit of an {@link OciConfig}, started by {@link OciConfig#edit()} on a private copy: typed
 * views change the parts container tools touch, and {@link #toConfig()} returns the result.
 *
 * <p>A view changes only what its operation names. Every other member, known to OCI or not, keeps
 * its value, its place and the exact text of its numbers. A container that is missing ({@code
 * process}, {@code linux}, {@code linux.resources}, {@code hooks}, …) is added at the end of its
 * parent when a write first needs it, or in place of a {@code null}; reads never add anything.
 * Views read leniently: a member of another JSON type than OCI gives it reads as absent, and a
 * write through the view replaces it.
 *
 * <p>An editor is not thread-safe and is used once: after {@link #toConfig()} it refuses further
 * use, so a config once returned never changes.
 */
public final class ConfigEditor {
  private ObjectNode tree;

  // The views hold no state of their own (each operation finds its place in the tree anew), so one
  // of each serves the whole edit.
  private ProcessView process;
  private UserView user;
  private RootView root;
  private Entries<MountEntry> mounts;
  private HooksView hooks;
  private LinuxView linux;
  private StringMapView annotations;

  ConfigEditor(ObjectNode tree) {
    this.tree = tree;
  }

  private ObjectNode tree() {
    if (tree == null) {
      throw new IllegalStateException("this editor has already returned its config");
    }
    return tree;
  }

  /**
   * Returns the edited config; the editor cannot be used afterwards.
   *
   * @return the edited config
   * @throws IllegalStateException if it was already called
   */
  public OciConfig toConfig() {
    OciConfig config = OciConfig.wrap(tree());
    tree = null;
    return config;
  }

  /**
   * Returns the view of {@code process}.
   *
   * @return the view of {@code process}
   */
  public ProcessView process() {
    if (process == null) {
      process = new ProcessView();
    }
    return process;
  }

  /**
   * Returns the view of {@code root}.
   *
   * @return the view of {@code root}
   */
  public RootView root() {
    if (root == null) {
      root = new RootView();
    }
    return root;
  }

  /**
   * Returns the view of {@code mounts}, whose entries are identified by {@code destination}.
   *
   * @return the view of {@code mounts}, whose entries are identified by {@code destination}
   */
  public Entries<MountEntry> mounts() {
    if (mounts == null) {
      mounts = new Entries<>(() -> Nodes.existingArray(tree(), "mounts"), () -> Nodes.array(tree(), "mounts"),
          "destination", Codecs::mount, Codecs::node);
    }
    return mounts;
  }

  /**
   * Returns the view of {@code hooks}.
   *
   * @return the view of {@code hooks}
   */
  public HooksView hooks() {
    if (hooks == null) {
      hooks = new HooksView();
    }
    return hooks;
  }

  /**
   * Returns the view of {@code linux}.
   *
   * @return the view of {@code linux}
   */
  public LinuxView linux() {
    if (linux == null) {
      linux = new LinuxView();
    }
    return linux;
  }

  /**
   * Returns the view of the top-level {@code annotations}.
   *
   * @return the view of the top-level {@code annotations}
   */
  public StringMapView annotations() {
    if (annotations == null) {
      annotations = new StringMapView(() -> Nodes.existingObject(tree(), "annotations"), () -> Nodes.object(tree(), "annotations"));
    }
    return annotations;
  }

  /** Returns the object at {@code name}, or {@code null}; adds nothing. */
  private ObjectNode existing(String name) {
    return Nodes.existingObject(tree(), name);
  }

  /** Returns the object at {@code name}.{@code child}, or {@code null}; adds nothing. */
  private ObjectNode existing(String name, String child) {
    return Nodes.existingObject(existing(name), child);
  }

  /** Returns the object at {@code name}, adding it when missing. */
  private ObjectNode create(String name) {
    return Nodes.object(tree(), name);
  }

  /** Returns the object at {@code name}.{@code child}, adding what is missing. */
  private ObjectNode create(String name, String child) {
    return Nodes.object(create(name), child);
  }

  /** The view of {@code process}: args, env, cwd and user. */
  public final class ProcessView {
    private ProcessView() {}

    /**
     * Returns {@code process.args}, or an empty list.
     *
     * @return {@code process.args}, or an empty list
     */
    public List<String> args() {
      return Nodes.strings(Nodes.member(existing("process"), "args"));
    }

    /**
     * Sets {@code process.args}, in place when present.
     *
     * @param args the arguments, {@code argv[0]} first
     * @return this view
     */
    public ProcessView setArgs(List<String> args) {
      Objects.requireNonNull(args, "args");
      Nodes.putStrings(create("process"), "args", List.copyOf(args));
      return this;
    }

    /**
     * Returns {@code process.env}, or an empty list.
     *
     * @return {@code process.env}, or an empty list
     */
    public List<String> env() {
      return Nodes.strings(Nodes.member(existing("process"), "env"));
    }

    /**
     * Returns the value of the last {@code process.env} entry with {@code key}, if any.
     *
     * @param key the variable name, the text before {@code =}
     * @return the value of the last {@code process.env} entry with {@code key}, if any
     */
    public Optional<String> env(String key) {
      return Codecs.envValue(Nodes.member(existing("process"), "env"), key);
    }

    /**
     * Sets an environment entry {@code KEY=VALUE}: the last entry with the same key is replaced in
     * place (earlier duplicates stay, as a process sees only the last), else it is appended.
     *
     * @param entry an entry {@code KEY=VALUE}
     * @return this view
     */
    public ProcessView setEnv(String entry) {
      return setEnv(List.of(entry));
    }

    /**
     * Sets each of {@code entries} in turn, as {@link #setEnv(String)} does.
     *
     * @param entries the entries {@code KEY=VALUE}
     * @return this view
     */
    public ProcessView setEnv(Collection<String> entries) {
      if (entries.isEmpty()) {
        return this;
      }
      ArrayNode current = Nodes.array(create("process"), "env");
      // key -> index of its LAST occurrence: with duplicate keys only the last one is replaced
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < current.size(); i++) {
        JsonNode e = current.get(i);
        if (e.isTextual()) {
          index.put(Codecs.envKey(e.textValue()), i);
        }
      }
      for (String entry : entries) {
        Objects.requireNonNull(entry, "entry");
        String key = Codecs.envKey(entry);
        Integer at = index.get(key);
        if (at != null) {
          current.set(at, OciJson.NODES.textNode(entry));
        } else {
          current.add(entry);
          index.put(key, current.size() - 1);
        }
      }
      return this;
    }

    /**
     * Removes every {@code process.env} entry with {@code key}; returns whether there was one.
     *
     * @param key the variable name, the text before {@code =}
     * @return whether there was one
     */
    public boolean unsetEnv(String key) {
      Objects.requireNonNull(key, "key");
      ArrayNode env = Nodes.existingArray(existing("process"), "env");
      boolean removed = false;
      for (int i = env == null ? -1 : env.size() - 1; i >= 0; i--) {
        JsonNode e = env.get(i);
        if (e.isTextual() && Codecs.envKey(e.textValue()).equals(key)) {
          env.remove(i);
          removed = true;
        }
      }
      return removed;
    }

    /**
     * Returns {@code process.cwd}, if present.
     *
     * @return {@code process.cwd}, if present
     */
    public Optional<String> cwd() {
      return Optional.ofNullable(Nodes.text(existing("process"), "cwd"));
    }

    /**
     * Sets {@code process.cwd}, in place when present.
     *
     * @param cwd the working directory
     * @return this view
     */
    public ProcessView setCwd(String cwd) {
      create("process").put("cwd", Objects.requireNonNull(cwd, "cwd"));
      return this;
    }

    /**
     * Returns the view of {@code process.user}.
     *
     * @return the view of {@code process.user}
     */
    public UserView user() {
      if (user == null) {
        user = new UserView();
      }
      return user;
    }
  }

  /** The view of {@code process.user}: uid, gid and additionalGids, each an unsigned 32-bit integer. */
  public final class UserView {
    private UserView() {}

    /**
     * Returns {@code process.user}.
     *
     * @return the user; its members are empty where absent
     */
    public User get() {
      return Codecs.user(existing("process", "user"));
    }

    /**
     * Returns {@code process.user.uid}.
     *
     * @return the user id, or empty when absent or not a number
     */
    public OptionalLong uid() {
      return Codecs.number(existing("process", "user"), "uid");
    }

    /**
     * Returns {@code process.user.gid}.
     *
     * @return the group id, or empty when absent or not a number
     */
    public OptionalLong gid() {
      return Codecs.number(existing("process", "user"), "gid");
    }

    /**
     * Sets {@code process.user.uid}.
     *
     * @param uid the user id
     * @return this view
     * @throws IllegalArgumentException if {@code uid} is not from 0 to 4294967295
     */
    public UserView setUid(long uid) {
      create("process", "user").set("uid", Nodes.number(Codecs.uint32(uid, "uid")));
      return this;
    }

    /**
     * Sets {@code process.user.gid}.
     *
     * @param gid the group id
     * @return this view
     * @throws IllegalArgumentException if {@code gid} is not from 0 to 4294967295
     */
    public UserView setGid(long gid) {
      create("process", "user").set("gid", Nodes.number(Codecs.uint32(gid, "gid")));
      return this;
    }

    /**
     * Returns {@code process.user.additionalGids}, or an empty list.
     *
     * @return {@code process.user.additionalGids}, or an empty list
     */
    public List<Long> additionalGids() {
      return get().additionalGids();
    }

    /**
     * Appends {@code gid} to {@code process.user.additionalGids}, adding the list when missing.
     *
     * @param gid the group id
     * @return this view
     * @throws IllegalArgumentException if {@code gid} is not from 0 to 4294967295
     */
    public UserView addAdditionalGid(long gid) {
      Nodes.array(create("process", "user"), "additionalGids").add(Nodes.number(Codecs.uint32(gid, "additional gid")));
      return this;
    }

    /**
     * Removes every occurrence of {@code gid} from {@code additionalGids}; returns whether there was one.
     *
     * @param gid the group id
     * @return whether there was one
     */
    public boolean removeAdditionalGid(long gid) {
      ArrayNode gids = Nodes.existingArray(existing("process", "user"), "additionalGids");
      boolean removed = false;
      for (int i = gids == null ? -1 : gids.size() - 1; i >= 0; i--) {
        if (gids.get(i).isNumber() && gids.get(i).canConvertToLong() && gids.get(i).longValue() == gid) {
          gids.remove(i);
          removed = true;
        }
      }
      return removed;
    }
  }

  /** The view of {@code root}: the container's root file system. */
  public final class RootView {
    private RootView() {}

    /**
     * Returns {@code root}.
     *
     * @return the root; its members are empty where absent
     */
    public Root get() {
      return Codecs.root(existing("root"));
    }

    /**
     * Sets {@code root.path}, in place when present.
     *
     * @param path the new path
     * @return this view
     */
    public RootView setPath(String path) {
      create("root").put("path", Objects.requireNonNull(path, "path"));
      return this;
    }

    /**
     * Sets {@code root.readonly}, in place when present.
     *
     * @param readonly whether the root file system is mounted read-only
     * @return this view
     */
    public RootView setReadonly(boolean readonly) {
      create("root").put("readonly", readonly);
      return this;
    }
  }

  /** The view of {@code hooks}: one list per OCI hook kind. */
  public final class HooksView {
    private final List<Entries<HookEntry>> kinds = new ArrayList<>(Collections.nCopies(ConfigShape.HOOK_KINDS.size(), null));

    private HooksView() {}

    /**
     * Returns the view of {@code hooks.<kind>}.
     *
     * @param kind an OCI hook kind, e.g. {@code prestart}
     * @return the view of {@code hooks.<kind>}
     * @throws IllegalArgumentException if {@code kind} is not an OCI hook kind ({@code prestart},
     *     {@code createRuntime}, {@code createContainer}, {@code startContainer}, {@code poststart},
     *     {@code poststop})
     */
    public Entries<HookEntry> kind(String kind) {
      int i = ConfigShape.HOOK_KINDS.indexOf(kind);
      if (i < 0) {
        throw new IllegalArgumentException("unknown hook kind " + Text.quote(kind) + "; OCI has " + ConfigShape.HOOK_KINDS);
      }
      Entries<HookEntry> entries = kinds.get(i);
      if (entries == null) {
        entries = new Entries<>(() -> Nodes.existingArray(existing("hooks"), kind), () -> Nodes.array(create("hooks"), kind),
            null, Codecs::hook, Codecs::node);
        kinds.set(i, entries);
      }
      return entries;
    }

    /**
     * Returns {@code hooks.<kind>}, or an empty list, for any name.
     *
     * @param kind an OCI hook kind, e.g. {@code prestart}
     * @return {@code hooks.<kind>}, or an empty list, for any name
     */
    public List<HookEntry> list(String kind) {
      return Nodes.objects(Nodes.member(existing("hooks"), kind), Codecs::hook);
    }
  }

  /** The view of {@code linux}: devices, device cgroup rules, namespaces, id mappings, intelRdt, net devices. */
  public final class LinuxView {
    private final Entries<LinuxDevice> devices =
        new Entries<>(() -> Nodes.existingArray(existing("linux"), "devices"), () -> Nodes.array(create("linux"), "devices"),
            "path", Codecs::linuxDevice, Codecs::node);
    private final Entries<DeviceRule> deviceRules =
        new Entries<>(() -> Nodes.existingArray(existing("linux", "resources"), "devices"),
            () -> Nodes.array(create("linux", "resources"), "devices"), null, Codecs::deviceRule, Codecs::node);
    private NetDevicesView netDevices;

    private LinuxView() {}

    /**
     * Returns the view of {@code linux.devices}, whose entries are identified by {@code path}.
     *
     * @return the view of {@code linux.devices}, whose entries are identified by {@code path}
     */
    public Entries<LinuxDevice> devices() {
      return devices;
    }

    /**
     * Returns the view of {@code linux.resources.devices}, the device cgroup rules.
     *
     * @return the view of {@code linux.resources.devices}, the device cgroup rules
     */
    public Entries<DeviceRule> deviceRules() {
      return deviceRules;
    }

    /**
     * Returns the view of {@code linux.namespaces}, whose entries are identified by {@code type}.
     *
     * @return the view of {@code linux.namespaces}, whose entries are identified by {@code type}
     */
    public Entries<Namespace> namespaces() {
      return new Entries<>(() -> Nodes.existingArray(existing("linux"), "namespaces"), () -> Nodes.array(create("linux"), "namespaces"),
          "type", Codecs::namespace, Codecs::node);
    }

    /**
     * Returns whether {@code linux.namespaces} has one of {@code type}, such as {@code user}.
     *
     * @param type the namespace type, such as {@code user}
     * @return whether {@code linux.namespaces} has one of {@code type}, such as {@code user}
     */
    public boolean hasNamespace(String type) {
      return Codecs.hasNamespace(tree(), type);
    }

    /**
     * Returns the view of {@code linux.uidMappings}.
     *
     * @return the view of {@code linux.uidMappings}
     */
    public Entries<IdMapping> uidMappings() {
      return mappings("uidMappings");
    }

    /**
     * Returns the view of {@code linux.gidMappings}.
     *
     * @return the view of {@code linux.gidMappings}
     */
    public Entries<IdMapping> gidMappings() {
      return mappings("gidMappings");
    }

    private Entries<IdMapping> mappings(String name) {
      return new Entries<>(() -> Nodes.existingArray(existing("linux"), name), () -> Nodes.array(create("linux"), name),
          null, Codecs::idMapping, Codecs::node);
    }

    /**
     * Returns a copy of {@code linux.intelRdt}, if present.
     *
     * @return a copy of {@code linux.intelRdt}, if present
     */
    public Optional<JsonNode> intelRdt() {
      JsonNode rdt = Nodes.member(existing("linux"), "intelRdt");
      return rdt == null || rdt.isNull() ? Optional.empty() : Optional.of(rdt.deepCopy());
    }

    /**
     * Replaces {@code linux.intelRdt} as a whole (in place when present) with the present members of {@code rdt}.
     *
     * @param rdt the new members
     * @return this view
     */
    public LinuxView setIntelRdt(IntelRdt rdt) {
      create("linux").set("intelRdt", Codecs.node(Objects.requireNonNull(rdt, "rdt")));
      return this;
    }

    /**
     * Removes {@code linux.intelRdt}; returns whether it was there.
     *
     * @return whether it was there
     */
    public boolean removeIntelRdt() {
      ObjectNode linux = existing("linux");
      return linux != null && linux.remove("intelRdt") != null;
    }

    /**
     * Returns the view of {@code linux.netDevices}.
     *
     * @return the view of {@code linux.netDevices}
     */
    public NetDevicesView netDevices() {
      if (netDevices == null) {
        netDevices = new NetDevicesView();
      }
      return netDevices;
    }
  }

  /** The view of {@code linux.netDevices}: host interface name to the entry that names it in the container. */
  public final class NetDevicesView {
    private NetDevicesView() {}

    /**
     * Returns host interface name to container interface name; an entry without a string {@code
     * name} maps to {@code ""}.
     *
     * @return host interface name to container interface name, or an empty map
     */
    public Map<String, String> map() {
      return Codecs.netDevices(Nodes.member(existing("linux"), "netDevices"));
    }

    /**
     * Sets the entry of {@code hostName} to {@code {"name": containerName}}: an entry already there
     * is replaced as a whole, in place.
     *
     * @param hostName the interface name on the host
     * @param containerName the interface name in the container
     * @return this view
     */
    public NetDevicesView put(String hostName, String containerName) {
      ObjectNode value = OciJson.NODES.objectNode();
      value.put("name", Objects.requireNonNull(containerName, "containerName"));
      Nodes.object(create("linux"), "netDevices").set(Objects.requireNonNull(hostName, "hostName"), value);
      return this;
    }

    /**
     * Removes the entry of {@code hostName}; returns whether it was there.
     *
     * @param hostName the interface name on the host
     * @return whether it was there
     */
    public boolean remove(String hostName) {
      ObjectNode map = Nodes.existingObject(existing("linux"), "netDevices");
      return map != null && map.remove(hostName) != null;
    }
  }

  /** The view of a JSON object of strings, such as {@code annotations}. */
  public final class StringMapView {
    private final Supplier<ObjectNode> find;
    private final Supplier<ObjectNode> create;

    private StringMapView(Supplier<ObjectNode> find, Supplier<ObjectNode> create) {
      this.find = find;
      this.create = create;
    }

    /**
     * Returns the string members, in order.
     *
     * @return the string members, in order
     */
    public Map<String, String> map() {
      return Codecs.annotations(find.get());
    }

    /**
     * Sets {@code key} to {@code value}, in place when present, else at the end.
     *
     * @param key the member name
     * @param value the string value
     * @return this view
     */
    public StringMapView put(String key, String value) {
      create.get().put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Removes {@code key}; returns whether it was there.
     *
     * @param key the member name
     * @return whether it was there
     */
    public boolean remove(String key) {
      ObjectNode map = find.get();
      return map != null && map.remove(key) != null;
    }
  }

  /**
   * The view of a JSON array of objects, such as {@code mounts} or {@code linux.devices}. Indices
   * count every element, including any that is not an object; {@link #list()} has only the objects.
   * Entries written through the view have their members in OCI order, absent (empty)
   * members left out; entries replaced or removed go as a whole, unknown members included.
   *
   * @param <T> the typed record of an entry
   */
  public final class Entries<T> {
    private final Supplier<ArrayNode> find;
    private final Supplier<ArrayNode> create;
    private final String idMember;
    private final Function<JsonNode, T> read;
    private final Function<T, ObjectNode> write;

    private Entries(
        Supplier<ArrayNode> find, Supplier<ArrayNode> create, String idMember, Function<JsonNode, T> read, Function<T, ObjectNode> write) {
      this.find = find;
      this.create = create;
      this.idMember = idMember;
      this.read = read;
      this.write = write;
    }

    /**
     * Returns the object entries as records, or an empty list.
     *
     * @return the object entries as records, or an empty list
     */
    public List<T> list() {
      return Nodes.objects(find.get(), read);
    }

    /**
     * Returns the number of elements, or 0 when the array is absent.
     *
     * @return the number of elements, or 0 when the array is absent
     */
    public int size() {
      ArrayNode a = find.get();
      return a == null ? 0 : a.size();
    }

    /**
     * Returns the index of the first entry whose identifying member ({@code destination} for
     * mounts, {@code path} for devices, {@code type} for namespaces) is {@code id}, or -1.
     *
     * @param id the value of the identifying member
     * @return the index, or -1
     * @throws UnsupportedOperationException for a list without an identifying member
     */
    public int indexOf(String id) {
      String member = idMember();
      ArrayNode a = find.get();
      for (int i = 0; a != null && i < a.size(); i++) {
        if (id.equals(Nodes.text(a.get(i), member))) {
          return i;
        }
      }
      return -1;
    }

    /**
     * Returns the index of the first object entry {@code test} accepts, or -1.
     *
     * @param test the test an entry must pass
     * @return the index of the first object entry {@code test} accepts, or -1
     */
    public int indexOf(Predicate<? super T> test) {
      ArrayNode a = find.get();
      for (int i = 0; a != null && i < a.size(); i++) {
        if (a.get(i).isObject() && test.test(read.apply(a.get(i)))) {
          return i;
        }
      }
      return -1;
    }

    /**
     * Appends {@code entry}, adding the array (and its parents) when missing.
     *
     * @param entry the entry
     * @return this view
     */
    public Entries<T> add(T entry) {
      create.get().add(write.apply(Objects.requireNonNull(entry, "entry")));
      return this;
    }

    /**
     * Replaces the element at {@code index} with {@code entry}.
     *
     * @param index the index of the element
     * @param entry the entry
     * @return this view
     * @throws IndexOutOfBoundsException if there is no such element
     */
    public Entries<T> set(int index, T entry) {
      Objects.requireNonNull(entry, "entry");
      ArrayNode a = find.get();
      Objects.checkIndex(index, a == null ? 0 : a.size());
      a.set(index, write.apply(entry));
      return this;
    }

    /**
     * Removes the element at {@code index}.
     *
     * @param index the index of the element
     * @return this view
     * @throws IndexOutOfBoundsException if there is no such element
     */
    public Entries<T> remove(int index) {
      ArrayNode a = find.get();
      Objects.checkIndex(index, a == null ? 0 : a.size());
      a.remove(index);
      return this;
    }

    /**
     * Removes the first entry identified by {@code id} (see {@link #indexOf(String)}); returns
     * whether there was one. Never adds the array.
     *
     * @param id the value of the identifying member
     * @return whether there was one
     */
    public boolean removeFirst(String id) {
      int i = indexOf(id);
      if (i >= 0) {
        find.get().remove(i);
      }
      return i >= 0;
    }

    /**
     * Removes every object entry {@code test} accepts; returns whether any was removed.
     *
     * @param test the test an entry must pass
     * @return whether any was removed
     */
    public boolean removeIf(Predicate<? super T> test) {
      ArrayNode a = find.get();
      boolean removed = false;
      for (int i = a == null ? -1 : a.size() - 1; i >= 0; i--) {
        if (a.get(i).isObject() && test.test(read.apply(a.get(i)))) {
          a.remove(i);
          removed = true;
        }
      }
      return removed;
    }

    /**
     * Sorts the elements stably by a key computed once from each one's identifying member ({@code
     * ""} when it has none): equal keys keep their order, as Go's {@code sort.SliceStable}.
     *
     * @param <K> the type of the sort key
     * @param keyOfId computes the sort key from an entry's identifying member
     * @return this view
     * @throws UnsupportedOperationException for a list without an identifying member
     */
    public <K extends Comparable<? super K>> Entries<T> sortByKey(Function<String, K> keyOfId) {
      String member = idMember();
      ArrayNode a = find.get();
      if (a == null || a.size() < 2) {
        return this;
      }
      record Keyed<K>(K key, JsonNode element) {}
      List<Keyed<K>> list = new ArrayList<>(a.size());
      for (JsonNode e : a) {
        String id = Nodes.text(e, member);
        list.add(new Keyed<>(keyOfId.apply(id == null ? "" : id), e));
      }
      list.sort((x, y) -> x.key().compareTo(y.key()));
      a.removeAll();
      for (Keyed<K> k : list) {
        a.add(k.element());
      }
      return this;
    }

    private String idMember() {
      if (idMember == null) {
        throw new UnsupportedOperationException("the entries of this list have no identifying member");
      }
      return idMember;
    }
  }
}
