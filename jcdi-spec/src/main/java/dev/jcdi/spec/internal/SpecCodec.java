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
 * so that the common absent fields cost nothing. Optional texts are nullable strings; optional
 * longs are a presence bit and a varint (any long, negative ones in ten bytes); an {@code
 * Optional<Boolean>} is two bits: absent, false or true.
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
    out.writeByte(FORMAT);
    out.writeString(spec.cdiVersion());
    out.writeString(spec.kind());
    writeMap(out, spec.annotations());
    List<Device> devices = spec.devices();
    int n = devices.size();
    out.writeVarInt(n);
    for (int i = 0; i < n; i++) {
      Device d = devices.get(i);
      out.writeString(d.name());
      writeMap(out, d.annotations());
      writeEdits(out, d.containerEdits());
    }
    writeEdits(out, spec.containerEdits());
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
      String cdiVersion = text(in);
      String kind = text(in);
      Map<String, String> annotations = readMap(in);
      // a device takes at least 3 bytes: name, annotation count, edits mask
      int n = in.readCount(3);
      List<Device> devices = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String name = text(in);
        Map<String, String> deviceAnnotations = readMap(in);
        devices.add(new Device(name, deviceAnnotations, readEdits(in)));
      }
      return new Spec(cdiVersion, kind, annotations, devices, readEdits(in));
    } catch (RuntimeException e) {
      // a record constructor refused what the bytes say: they were not written from a spec
      throw new CorruptDataException("spec refused at offset " + in.position() + ": " + e, e);
    }
  }

  private static void writeMap(BinaryOut out, Map<String, String> map) {
    out.writeVarInt(map.size());
    for (Map.Entry<String, String> e : map.entrySet()) {
      out.writeString(e.getKey());
      out.writeString(e.getValue());
    }
  }

  private static Map<String, String> readMap(BinaryIn in) throws IOException {
    int n = in.readCount(2);
    if (n == 0) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      String key = text(in);
      map.put(key, text(in));
    }
    return map;
  }

  /** Reads a string no record component may hold as {@code null}. */
  private static String text(BinaryIn in) throws IOException {
    int at = in.position();
    String s = in.readString();
    if (s == null) {
      throw new CorruptDataException("absent string where one is required at offset " + at);
    }
    return s;
  }

  private static void writeStrings(BinaryOut out, List<String> list) {
    int n = list.size();
    out.writeVarInt(n);
    for (int i = 0; i < n; i++) {
      out.writeString(list.get(i));
    }
  }

  private static List<String> readStrings(BinaryIn in) throws IOException {
    int n = in.readCount(1);
    if (n == 0) {
      return null;
    }
    List<String> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(text(in));
    }
    return list;
  }

  private static void writeEdits(BinaryOut out, ContainerEdits e) {
    int mask = (e.env().isEmpty() ? 0 : EDIT_ENV)
        | (e.deviceNodes().isEmpty() ? 0 : EDIT_NODES)
        | (e.netDevices().isEmpty() ? 0 : EDIT_NET)
        | (e.hooks().isEmpty() ? 0 : EDIT_HOOKS)
        | (e.mounts().isEmpty() ? 0 : EDIT_MOUNTS)
        | (e.intelRdt().isEmpty() ? 0 : EDIT_RDT)
        | (e.additionalGids().isEmpty() ? 0 : EDIT_GIDS);
    out.writeByte(mask);
    if ((mask & EDIT_ENV) != 0) {
      writeStrings(out, e.env());
    }
    if ((mask & EDIT_NODES) != 0) {
      List<DeviceNode> nodes = e.deviceNodes();
      int n = nodes.size();
      out.writeVarInt(n);
      for (int i = 0; i < n; i++) {
        writeNode(out, nodes.get(i));
      }
    }
    if ((mask & EDIT_NET) != 0) {
      List<NetDevice> nets = e.netDevices();
      int n = nets.size();
      out.writeVarInt(n);
      for (int i = 0; i < n; i++) {
        NetDevice d = nets.get(i);
        out.writeString(d.hostInterfaceName());
        out.writeString(d.name());
      }
    }
    if ((mask & EDIT_HOOKS) != 0) {
      List<Hook> hooks = e.hooks();
      int n = hooks.size();
      out.writeVarInt(n);
      for (int i = 0; i < n; i++) {
        Hook h = hooks.get(i);
        out.writeString(h.hookName());
        out.writeString(h.path());
        writeStrings(out, h.args());
        writeStrings(out, h.env());
        writeOptionalLong(out, h.timeout());
      }
    }
    if ((mask & EDIT_MOUNTS) != 0) {
      List<Mount> mounts = e.mounts();
      int n = mounts.size();
      out.writeVarInt(n);
      for (int i = 0; i < n; i++) {
        Mount m = mounts.get(i);
        out.writeString(m.hostPath());
        out.writeString(m.containerPath());
        writeStrings(out, m.options());
        out.writeString(m.type().orElse(null));
      }
    }
    if ((mask & EDIT_RDT) != 0) {
      writeRdt(out, e.intelRdt().get());
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

  private static ContainerEdits readEdits(BinaryIn in) throws IOException {
    int at = in.position();
    int mask = in.readUnsignedByte();
    if (mask == 0) {
      return ContainerEdits.EMPTY;
    }
    if ((mask & ~EDIT_ALL) != 0) {
      throw new CorruptDataException("unknown container edits flags " + mask + " at offset " + at);
    }
    List<String> env = (mask & EDIT_ENV) != 0 ? readStrings(in) : null;
    List<DeviceNode> nodes = null;
    if ((mask & EDIT_NODES) != 0) {
      // a node takes at least 2 bytes: path and presence flags
      int n = in.readCount(2);
      nodes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        nodes.add(readNode(in));
      }
    }
    List<NetDevice> nets = null;
    if ((mask & EDIT_NET) != 0) {
      int n = in.readCount(2);
      nets = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String host = text(in);
        nets.add(new NetDevice(host, text(in)));
      }
    }
    List<Hook> hooks = null;
    if ((mask & EDIT_HOOKS) != 0) {
      // name, path, two counts and the timeout flag
      int n = in.readCount(5);
      hooks = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String hookName = text(in);
        String path = text(in);
        List<String> args = readStrings(in);
        List<String> hookEnv = readStrings(in);
        hooks.add(new Hook(hookName, path, args, hookEnv, readOptionalLong(in)));
      }
    }
    List<Mount> mounts = null;
    if ((mask & EDIT_MOUNTS) != 0) {
      // host path, container path, option count, type
      int n = in.readCount(4);
      mounts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String hostPath = text(in);
        String containerPath = text(in);
        List<String> options = readStrings(in);
        mounts.add(new Mount(hostPath, containerPath, options, Optional.ofNullable(in.readString())));
      }
    }
    Optional<IntelRdt> rdt = (mask & EDIT_RDT) != 0 ? Optional.of(readRdt(in)) : null;
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

  private static void writeNode(BinaryOut out, DeviceNode d) {
    out.writeString(d.path());
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
      out.writeString(d.hostPath().get());
    }
    if ((mask & NODE_TYPE) != 0) {
      out.writeString(d.type().get());
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
      out.writeString(d.permissions().get());
    }
    if ((mask & NODE_UID) != 0) {
      out.writeVarLong(d.uid().getAsLong());
    }
    if ((mask & NODE_GID) != 0) {
      out.writeVarLong(d.gid().getAsLong());
    }
  }

  private static DeviceNode readNode(BinaryIn in) throws IOException {
    String path = text(in);
    int mask = in.readUnsignedByte();
    Optional<String> hostPath = (mask & NODE_HOST_PATH) != 0 ? Optional.of(text(in)) : null;
    Optional<String> type = (mask & NODE_TYPE) != 0 ? Optional.of(text(in)) : null;
    OptionalLong major = (mask & NODE_MAJOR) != 0 ? OptionalLong.of(in.readVarLong()) : null;
    OptionalLong minor = (mask & NODE_MINOR) != 0 ? OptionalLong.of(in.readVarLong()) : null;
    OptionalLong fileMode = (mask & NODE_FILE_MODE) != 0 ? OptionalLong.of(in.readVarLong()) : null;
    Optional<String> permissions = (mask & NODE_PERMISSIONS) != 0 ? Optional.of(text(in)) : null;
    OptionalLong uid = (mask & NODE_UID) != 0 ? OptionalLong.of(in.readVarLong()) : null;
    OptionalLong gid = (mask & NODE_GID) != 0 ? OptionalLong.of(in.readVarLong()) : null;
    return new DeviceNode(path, hostPath, type, major, minor, fileMode, permissions, uid, gid);
  }

  private static void writeOptionalLong(BinaryOut out, OptionalLong v) {
    if (v.isPresent()) {
      out.writeBoolean(true);
      out.writeVarLong(v.getAsLong());
    } else {
      out.writeBoolean(false);
    }
  }

  private static OptionalLong readOptionalLong(BinaryIn in) throws IOException {
    return in.readBoolean() ? OptionalLong.of(in.readVarLong()) : OptionalLong.empty();
  }

  private static void writeRdt(BinaryOut out, IntelRdt r) {
    out.writeString(r.closID().orElse(null));
    out.writeString(r.l3CacheSchema().orElse(null));
    out.writeString(r.memBwSchema().orElse(null));
    int flags = (r.schemata().isPresent() ? RDT_SCHEMATA : 0)
        | tristate(r.enableMonitoring()) << RDT_MONITORING_SHIFT
        | tristate(r.enableCMT()) << RDT_CMT_SHIFT
        | tristate(r.enableMBM()) << RDT_MBM_SHIFT;
    out.writeByte(flags);
    if (r.schemata().isPresent()) {
      writeStrings(out, r.schemata().get());
    }
  }

  private static IntelRdt readRdt(BinaryIn in) throws IOException {
    Optional<String> closID = Optional.ofNullable(in.readString());
    Optional<String> l3 = Optional.ofNullable(in.readString());
    Optional<String> memBw = Optional.ofNullable(in.readString());
    int at = in.position();
    int flags = in.readUnsignedByte();
    if ((flags & ~RDT_ALL) != 0) {
      throw new CorruptDataException("unknown intelRdt flags " + flags + " at offset " + at);
    }
    Optional<Boolean> monitoring = boolOf(flags >>> RDT_MONITORING_SHIFT & 3, at);
    Optional<Boolean> cmt = boolOf(flags >>> RDT_CMT_SHIFT & 3, at);
    Optional<Boolean> mbm = boolOf(flags >>> RDT_MBM_SHIFT & 3, at);
    Optional<List<String>> schemata = null;
    if ((flags & RDT_SCHEMATA) != 0) {
      List<String> s = readStrings(in);
      schemata = Optional.of(s == null ? List.of() : s);
    }
    return new IntelRdt(closID, l3, memBw, schemata, monitoring, cmt, mbm);
  }

  /** Returns 0 for absent, 1 for false, 2 for true. */
  private static int tristate(Optional<Boolean> b) {
    if (b.isEmpty()) {
      return 0;
    }
    return b.get() ? 2 : 1;
  }

  private static Optional<Boolean> boolOf(int bits, int at) throws IOException {
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
