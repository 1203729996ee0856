package dev.jcdi.spec.internal;

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.Device;
import dev.jcdi.spec.DeviceNode;
import dev.jcdi.spec.Hook;
import dev.jcdi.spec.IntelRdt;
import dev.jcdi.spec.Mount;
import dev.jcdi.spec.NetDevice;
import dev.jcdi.spec.Spec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The binary form of a {@link Spec}: what a cache stores of a parsed spec file, and reads back equal.
 *
 * <p>The form starts with one format byte ({@value #FORMAT}); then the spec's fields in record order.
 * Lists are a varint count and their items; maps a count and key/value pairs in iteration order.
 * Each {@link ContainerEdits} starts with a byte whose bits say which lists are non-empty and whether
 * intelRdt is present, each {@link DeviceNode} with a byte saying which optional fields are present,
 * so that the common absent fields cost nothing. Optional longs are a presence bit and a varint (any
 * long, negative ones in ten bytes); an {@code Optional<Boolean>} is two bits: absent, false or true.
 *
 * <p>A string is a varint: {@code 0} followed by the string in {@link BinaryOut#writeString} form
 * ({@code null} stands for an absent optional text), or {@code i + 1} for the {@code i}-th non-null
 * string written before it in the same spec. Spec files repeat most of their strings (mount options
 * and types, a mount's path on both sides, hook paths): in a GPU spec three strings in four are
 * repeats, which the reader then neither copies nor decodes.
 *
 * <p>Decoding builds the records through their constructors, so a decoded spec holds the same
 * kinds of collections as a parsed one, iterates in the same order and is {@code equals} to what
 * was written. Whatever bytes it is given, {@link #read} returns a spec or throws an {@link
 * IOException}.
 */
public final class SpecCodec {
  /** The version of this encoding, its first byte. */
  public static final int FORMAT = 1;

  private static final int EDIT_ENV = 1;
  private static final int EDIT_NODES = 1 << 1;
  private static final int EDIT_NET = 1 << 2;
  private static final int EDIT_HOOKS = 1 << 3;
  private static final int EDIT_MOUNTS = 1 << 4;
  private static final int EDIT_RDT = 1 << 5;
  private static final int EDIT_GIDS = 1 << 6;
  private static final int EDIT_ALL = (1 << 7) - 1;

  private static final int NODE_HOST_PATH = 1;
  private static final int NODE_TYPE = 1 << 1;
  private static final int NODE_MAJOR = 1 << 2;
  private static final int NODE_MINOR = 1 << 3;
  private static final int NODE_FILE_MODE = 1 << 4;
  private static final int NODE_PERMISSIONS = 1 << 5;
  private static final int NODE_UID = 1 << 6;
  private static final int NODE_GID = 1 << 7;

  private static final int RDT_SCHEMATA = 1;
  private static final int RDT_MONITORING_SHIFT = 1;
  private static final int RDT_CMT_SHIFT = 3;
  private static final int RDT_MBM_SHIFT = 5;
  private static final int RDT_ALL = (1 << 7) - 1;

  private SpecCodec() {}

  /**
   * Appends the binary form of {@code spec} to {@code out}.
   *
   * @param out where to write
   * @param spec the spec
   */
  public static void write(BinaryOut out, Spec spec) {
    new Encoder(out).spec(spec);
  }

  /**
   * Reads a spec that {@link #write} wrote.
   *
   * @param in where to read, positioned at the format byte
   * @return a spec equal to the one written
   * @throws IOException if the bytes are not a spec's binary form (a {@link CorruptDataException}
   *     saying what was wrong and where)
   */
  public static Spec read(BinaryIn in) throws IOException {
    int start = in.position();
    int format = in.readUnsignedByte();
    if (format != FORMAT) {
      throw new CorruptDataException("unknown spec encoding " + format + " at offset " + start);
    }
    try {
      return new Decoder(in).spec();
    } catch (RuntimeException e) {
      // a record constructor refused what the bytes say: they were not written from a spec
      throw new CorruptDataException("spec refused at offset " + in.position() + ": " + e, e);
    }
  }

  /** Returns 0 for absent, 1 for false, 2 for true. */
  private static int tristate(Optional<Boolean> b) {
    if (b.isEmpty()) {
      return 0;
    }
    return b.get() ? 2 : 1;
  }

  /** Writes one spec, remembering its strings so that a repeated one is written as a reference. */
  private static final class Encoder {
    private final BinaryOut out;
    private final Map<String, Integer> strings = new HashMap<>();

    Encoder(BinaryOut out) {
      this.out = out;
    }

    void spec(Spec spec) {
      out.writeByte(FORMAT);
      string(spec.cdiVersion());
      string(spec.kind());
      map(spec.annotations());
      List<Device> devices = spec.devices();
      int n = devices.size();
      out.writeVarInt(n);
      for (int i = 0; i < n; i++) {
        Device d = devices.get(i);
        string(d.name());
        map(d.annotations());
        edits(d.containerEdits());
      }
      edits(spec.containerEdits());
    }

    void string(String s) {
      if (s != null) {
        Integer index = strings.get(s);
        if (index != null) {
          out.writeVarInt(index + 1);
          return;
        }
        strings.put(s, strings.size());
      }
      out.writeByte(0);
      out.writeString(s);
    }

    void map(Map<String, String> map) {
      out.writeVarInt(map.size());
      for (Map.Entry<String, String> e : map.entrySet()) {
        string(e.getKey());
        string(e.getValue());
      }
    }

    void strings(List<String> list) {
      int n = list.size();
      out.writeVarInt(n);
      for (int i = 0; i < n; i++) {
        string(list.get(i));
      }
    }

    void edits(ContainerEdits e) {
      int mask = (e.env().isEmpty() ? 0 : EDIT_ENV)
          | (e.deviceNodes().isEmpty() ? 0 : EDIT_NODES)
          | (e.netDevices().isEmpty() ? 0 : EDIT_NET)
          | (e.hooks().isEmpty() ? 0 : EDIT_HOOKS)
          | (e.mounts().isEmpty() ? 0 : EDIT_MOUNTS)
          | (e.intelRdt().isEmpty() ? 0 : EDIT_RDT)
          | (e.additionalGids().isEmpty() ? 0 : EDIT_GIDS);
      out.writeByte(mask);
      if ((mask & EDIT_ENV) != 0) {
        strings(e.env());
      }
      if ((mask & EDIT_NODES) != 0) {
        List<DeviceNode> nodes = e.deviceNodes();
        int n = nodes.size();
        out.writeVarInt(n);
        for (int i = 0; i < n; i++) {
          node(nodes.get(i));
        }
      }
      if ((mask & EDIT_NET) != 0) {
        List<NetDevice> nets = e.netDevices();
        int n = nets.size();
        out.writeVarInt(n);
        for (int i = 0; i < n; i++) {
          NetDevice d = nets.get(i);
          string(d.hostInterfaceName());
          string(d.name());
        }
      }
      if ((mask & EDIT_HOOKS) != 0) {
        List<Hook> hooks = e.hooks();
        int n = hooks.size();
        out.writeVarInt(n);
        for (int i = 0; i < n; i++) {
          Hook h = hooks.get(i);
          string(h.hookName());
          string(h.path());
          strings(h.args());
          strings(h.env());
          optionalLong(h.timeout());
        }
      }
      if ((mask & EDIT_MOUNTS) != 0) {
        List<Mount> mounts = e.mounts();
        int n = mounts.size();
        out.writeVarInt(n);
        for (int i = 0; i < n; i++) {
          Mount m = mounts.get(i);
          string(m.hostPath());
          string(m.containerPath());
          strings(m.options());
          string(m.type().orElse(null));
        }
      }
      if ((mask & EDIT_RDT) != 0) {
        rdt(e.intelRdt().get());
      }
      if ((mask & EDIT_GIDS) != 0) {
        List<Long> gids = e.additionalGids();
        int n = gids.size();
        out.writeVarInt(n);
        for (int i = 0; i < n; i++) {
          out.writeVarLong(gids.get(i));
        }
      }
    }

    void node(DeviceNode d) {
      string(d.path());
      int mask = (d.hostPath().isPresent() ? NODE_HOST_PATH : 0)
          | (d.type().isPresent() ? NODE_TYPE : 0)
          | (d.major().isPresent() ? NODE_MAJOR : 0)
          | (d.minor().isPresent() ? NODE_MINOR : 0)
          | (d.fileMode().isPresent() ? NODE_FILE_MODE : 0)
          | (d.permissions().isPresent() ? NODE_PERMISSIONS : 0)
          | (d.uid().isPresent() ? NODE_UID : 0)
          | (d.gid().isPresent() ? NODE_GID : 0);
      out.writeByte(mask);
      if ((mask & NODE_HOST_PATH) != 0) {
        string(d.hostPath().get());
      }
      if ((mask & NODE_TYPE) != 0) {
        string(d.type().get());
      }
      if ((mask & NODE_MAJOR) != 0) {
        out.writeVarLong(d.major().getAsLong());
      }
      if ((mask & NODE_MINOR) != 0) {
        out.writeVarLong(d.minor().getAsLong());
      }
      if ((mask & NODE_FILE_MODE) != 0) {
        out.writeVarLong(d.fileMode().getAsLong());
      }
      if ((mask & NODE_PERMISSIONS) != 0) {
        string(d.permissions().get());
      }
      if ((mask & NODE_UID) != 0) {
        out.writeVarLong(d.uid().getAsLong());
      }
      if ((mask & NODE_GID) != 0) {
        out.writeVarLong(d.gid().getAsLong());
      }
    }

    void optionalLong(OptionalLong v) {
      if (v.isPresent()) {
        out.writeBoolean(true);
        out.writeVarLong(v.getAsLong());
      } else {
        out.writeBoolean(false);
      }
    }

    void rdt(IntelRdt r) {
      string(r.closID().orElse(null));
      string(r.l3CacheSchema().orElse(null));
      string(r.memBwSchema().orElse(null));
      int flags = (r.schemata().isPresent() ? RDT_SCHEMATA : 0)
          | tristate(r.enableMonitoring()) << RDT_MONITORING_SHIFT
          | tristate(r.enableCMT()) << RDT_CMT_SHIFT
          | tristate(r.enableMBM()) << RDT_MBM_SHIFT;
      out.writeByte(flags);
      if (r.schemata().isPresent()) {
        strings(r.schemata().get());
      }
    }
  }

  /** Reads one spec, keeping the strings read so far for the references to them. */
  private static final class Decoder {
    private final BinaryIn in;
    private String[] strings = new String[64];
    private int stringCount;

    Decoder(BinaryIn in) {
      this.in = in;
    }

    Spec spec() throws IOException {
      String cdiVersion = text();
      String kind = text();
      Map<String, String> annotations = map();
      // a device takes at least 3 bytes: name, annotation count, edits mask
      int n = in.readCount(3);
      List<Device> devices = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String name = text();
        Map<String, String> deviceAnnotations = map();
        devices.add(new Device(name, deviceAnnotations, edits()));
      }
      return new Spec(cdiVersion, kind, annotations, devices, edits());
    }

    /** Reads a string, or {@code null} for an absent optional text. */
    String optionalText() throws IOException {
      int at = in.position();
      long ref = in.readVarLong();
      if (ref != 0) {
        if (ref < 0 || ref > stringCount) {
          throw new CorruptDataException("reference to string " + Long.toUnsignedString(ref - 1) + " of "
              + stringCount + " at offset " + at);
        }
        return strings[(int) ref - 1];
      }
      String s = in.readString();
      if (s != null) {
        if (stringCount == strings.length) {
          strings = Arrays.copyOf(strings, stringCount * 2);
        }
        strings[stringCount++] = s;
      }
      return s;
    }

    /** Reads a string no record component may hold as {@code null}. */
    String text() throws IOException {
      int at = in.position();
      String s = optionalText();
      if (s == null) {
        throw new CorruptDataException("absent string where one is required at offset " + at);
      }
      return s;
    }

    Map<String, String> map() throws IOException {
      int n = in.readCount(2);
      if (n == 0) {
        return null;
      }
      Map<String, String> map = new LinkedHashMap<>(n * 2);
      for (int i = 0; i < n; i++) {
        String key = text();
        map.put(key, text());
      }
      return map;
    }

    List<String> strings() throws IOException {
      int n = in.readCount(1);
      if (n == 0) {
        return null;
      }
      List<String> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(text());
      }
      return list;
    }

    ContainerEdits edits() throws IOException {
      int at = in.position();
      int mask = in.readUnsignedByte();
      if (mask == 0) {
        return ContainerEdits.EMPTY;
      }
      if ((mask & ~EDIT_ALL) != 0) {
        throw new CorruptDataException("unknown container edits flags " + mask + " at offset " + at);
      }
      List<String> env = (mask & EDIT_ENV) != 0 ? strings() : null;
      List<DeviceNode> nodes = null;
      if ((mask & EDIT_NODES) != 0) {
        // a node takes at least 2 bytes: path and presence flags
        int n = in.readCount(2);
        nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          nodes.add(node());
        }
      }
      List<NetDevice> nets = null;
      if ((mask & EDIT_NET) != 0) {
        int n = in.readCount(2);
        nets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          String host = text();
          nets.add(new NetDevice(host, text()));
        }
      }
      List<Hook> hooks = null;
      if ((mask & EDIT_HOOKS) != 0) {
        // name, path, two counts and the timeout flag
        int n = in.readCount(5);
        hooks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          String hookName = text();
          String path = text();
          List<String> args = strings();
          List<String> hookEnv = strings();
          hooks.add(new Hook(hookName, path, args, hookEnv, optionalLong()));
        }
      }
      List<Mount> mounts = null;
      if ((mask & EDIT_MOUNTS) != 0) {
        // host path, container path, option count, type
        int n = in.readCount(4);
        mounts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          String hostPath = text();
          String containerPath = text();
          List<String> options = strings();
          mounts.add(new Mount(hostPath, containerPath, options, Optional.ofNullable(optionalText())));
        }
      }
      Optional<IntelRdt> rdt = (mask & EDIT_RDT) != 0 ? Optional.of(rdt()) : null;
      List<Long> gids = null;
      if ((mask & EDIT_GIDS) != 0) {
        int n = in.readCount(1);
        gids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          gids.add(in.readVarLong());
        }
      }
      return new ContainerEdits(env, nodes, nets, hooks, mounts, rdt, gids);
    }

    DeviceNode node() throws IOException {
      String path = text();
      int mask = in.readUnsignedByte();
      Optional<String> hostPath = (mask & NODE_HOST_PATH) != 0 ? Optional.of(text()) : null;
      Optional<String> type = (mask & NODE_TYPE) != 0 ? Optional.of(text()) : null;
      OptionalLong major = (mask & NODE_MAJOR) != 0 ? OptionalLong.of(in.readVarLong()) : null;
      OptionalLong minor = (mask & NODE_MINOR) != 0 ? OptionalLong.of(in.readVarLong()) : null;
      OptionalLong fileMode = (mask & NODE_FILE_MODE) != 0 ? OptionalLong.of(in.readVarLong()) : null;
      Optional<String> permissions = (mask & NODE_PERMISSIONS) != 0 ? Optional.of(text()) : null;
      OptionalLong uid = (mask & NODE_UID) != 0 ? OptionalLong.of(in.readVarLong()) : null;
      OptionalLong gid = (mask & NODE_GID) != 0 ? OptionalLong.of(in.readVarLong()) : null;
      return new DeviceNode(path, hostPath, type, major, minor, fileMode, permissions, uid, gid);
    }

    OptionalLong optionalLong() throws IOException {
      return in.readBoolean() ? OptionalLong.of(in.readVarLong()) : OptionalLong.empty();
    }

    IntelRdt rdt() throws IOException {
      Optional<String> closID = Optional.ofNullable(optionalText());
      Optional<String> l3 = Optional.ofNullable(optionalText());
      Optional<String> memBw = Optional.ofNullable(optionalText());
      int at = in.position();
      int flags = in.readUnsignedByte();
      if ((flags & ~RDT_ALL) != 0) {
        throw new CorruptDataException("unknown intelRdt flags " + flags + " at offset " + at);
      }
      Optional<Boolean> monitoring = bool(flags >>> RDT_MONITORING_SHIFT & 3, at);
      Optional<Boolean> cmt = bool(flags >>> RDT_CMT_SHIFT & 3, at);
      Optional<Boolean> mbm = bool(flags >>> RDT_MBM_SHIFT & 3, at);
      Optional<List<String>> schemata = null;
      if ((flags & RDT_SCHEMATA) != 0) {
        List<String> s = strings();
        schemata = Optional.of(s == null ? List.of() : s);
      }
      return new IntelRdt(closID, l3, memBw, schemata, monitoring, cmt, mbm);
    }

    private static Optional<Boolean> bool(int bits, int at) throws IOException {
      switch (bits) {
        case 0:
          return Optional.empty();
        case 1:
          return Optional.of(Boolean.FALSE);
        case 2:
          return Optional.of(Boolean.TRUE);
        default:
          throw new CorruptDataException("bad intelRdt boolean flags at offset " + at);
      }
    }
  }
}
