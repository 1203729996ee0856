package dev.jcdi.spec;

import java.util.List;
import java.util.Optional;

/** A released version of the CDI spec, ordered from oldest to newest. */
public enum SpecVersion {
  /** CDI 0.1.0. */
  V0_1_0("0.1.0"),
  /** CDI 0.2.0. */
  V0_2_0("0.2.0"),
  /** CDI 0.3.0. */
  V0_3_0("0.3.0"),
  /** CDI 0.4.0: mounts may name a {@code type}. */
  V0_4_0("0.4.0"),
  /** CDI 0.5.0: device nodes may name a {@code hostPath}, and device names may start with a digit. */
  V0_5_0("0.5.0"),
  /** CDI 0.6.0: spec and device annotations, and classes containing {@code .}. */
  V0_6_0("0.6.0"),
  /** CDI 0.7.0: {@code intelRdt} and {@code additionalGids}. */
  V0_7_0("0.7.0"),
  /** CDI 0.8.0: no new fields. */
  V0_8_0("0.8.0"),
  /** CDI 1.0.0: no new fields. */
  V1_0_0("1.0.0"),
  /**
   * CDI 1.1.0: {@code netDevices}, {@code intelRdt.schemata} and {@code enableMonitoring}; drops
   * {@code enableCMT} and {@code enableMBM}.
   */
  V1_1_0("1.1.0");

  /** The newest version, the one jcdi implements. */
  public static final SpecVersion CURRENT = V1_1_0;

  /** The oldest version a spec file may declare: 0.1.0 and 0.2.0 are known but never valid. */
  public static final SpecVersion EARLIEST = V0_3_0;

  private final String text;

  SpecVersion(String text) {
    this.text = text;
  }

  /**
   * Parses a version such as {@code 1.1.0} or {@code v1.1.0}.
   *
   * @param version the text to parse
   * @return the version
   * @throws IllegalArgumentException {@code invalid version "x"} when it is not a known version
   */
  public static SpecVersion parse(String version) {
    return find(version)
        .orElseThrow(() -> new IllegalArgumentException("invalid version " + Names.quote(dev.jcdi.spec.internal.Text.abbreviated(version))));
  }

  /**
   * {@return the known version {@code version} denotes (a leading {@code v} is tolerated), if any}
   *
   * @param version the text to look up
   */
  public static Optional<SpecVersion> find(String version) {
    if (version == null) {
      return Optional.empty();
    }
    String v = version.startsWith("v") ? version.substring(1) : version;
    for (SpecVersion s : values()) {
      if (s.text.equals(v)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** {@return every known version, oldest first} */
  public static List<SpecVersion> all() {
    return List.of(values());
  }

  /**
   * {@return whether this version is the same as or newer than {@code other}}
   *
   * @param other the version to compare with
   */
  public boolean isAtLeast(SpecVersion other) {
    return compareTo(other) >= 0;
  }

  /**
   * {@return the lowest version whose fields {@code spec} uses (cdi-reference.md §2)} Presence counts:
   * {@code intelRdt: {}} needs 0.7.0 and {@code schemata: []} needs 1.1.0, but empty annotations
   * or an empty {@code additionalGids} need nothing, and {@code enableMonitoring: false} does not
   * force 1.1.0.
   *
   * @param spec the spec
   */
  public static SpecVersion minimumRequired(Spec spec) {
    List<ContainerEdits> edits = new java.util.ArrayList<>();
    edits.add(spec.containerEdits());
    for (Device d : spec.devices()) {
      edits.add(d.containerEdits());
    }
    // Plain loops, no streams or lambdas: this runs for every spec a short-lived process reads.
    boolean v070 = false;
    boolean v050 = false;
    boolean v040 = false;
    for (ContainerEdits e : edits) {
      if (needsV110(e)) {
        return V1_1_0;
      }
      v070 |= e.intelRdt().isPresent() || !e.additionalGids().isEmpty();
      v050 |= hasHostPath(e);
      v040 |= hasMountType(e);
    }
    if (v070) {
      return V0_7_0;
    }
    if (needsV060(spec)) {
      return V0_6_0;
    }
    for (Device d : spec.devices()) {
      v050 |= !d.name().isEmpty() && Names.isDigit(d.name().charAt(0));
    }
    if (v050) {
      return V0_5_0;
    }
    return v040 ? V0_4_0 : V0_3_0;
  }

  /**
   * {@return every use in {@code spec} of a field that not all versions have, in file order: what
   * {@link #minimumRequired} counts, one entry per place, plus fields a later version dropped
   * ({@code intelRdt.enableCMT} and {@code enableMBM}, 0.7.0 to 1.0.0)} A spec can be written at a
   * version exactly when every requirement {@link VersionRequirement#allows allows} it.
   *
   * @param spec the spec
   */
  public static List<VersionRequirement> requirements(Spec spec) {
    List<VersionRequirement> out = new java.util.ArrayList<>();
    String kind = spec.kind();
    if (kind.indexOf('/') >= 0 && kind.indexOf('.', kind.indexOf('/') + 1) >= 0) {
      out.add(new VersionRequirement("kind", V0_6_0, null, "a '.' in the class name of kind " + Names.quote(kind)));
    }
    if (!spec.annotations().isEmpty()) {
      out.add(new VersionRequirement("annotations", V0_6_0, null, "spec annotations"));
    }
    List<Device> devices = spec.devices();
    for (int i = 0; i < devices.size(); i++) {
      Device d = devices.get(i);
      String at = "devices[" + i + "]";
      if (!d.name().isEmpty() && Names.isDigit(d.name().charAt(0))) {
        out.add(new VersionRequirement(at + ".name", V0_5_0, null, "device name " + Names.quote(d.name()) + " starting with a digit"));
      }
      if (!d.annotations().isEmpty()) {
        out.add(new VersionRequirement(at + ".annotations", V0_6_0, null, "device annotations"));
      }
      editRequirements(d.containerEdits(), at + ".containerEdits", out);
    }
    editRequirements(spec.containerEdits(), "containerEdits", out);
    return out;
  }

  private static void editRequirements(ContainerEdits e, String at, List<VersionRequirement> out) {
    List<DeviceNode> nodes = e.deviceNodes();
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).hostPath().filter(h -> !h.isEmpty()).isPresent()) {
        out.add(new VersionRequirement(at + ".deviceNodes[" + i + "].hostPath", V0_5_0, null, "deviceNodes hostPath"));
      }
    }
    if (!e.netDevices().isEmpty()) {
      out.add(new VersionRequirement(at + ".netDevices", V1_1_0, null, "netDevices"));
    }
    List<Mount> mounts = e.mounts();
    for (int i = 0; i < mounts.size(); i++) {
      if (mounts.get(i).type().filter(t -> !t.isEmpty()).isPresent()) {
        out.add(new VersionRequirement(at + ".mounts[" + i + "].type", V0_4_0, null, "mount type"));
      }
    }
    IntelRdt rdt = e.intelRdt().orElse(null);
    if (rdt != null) {
      out.add(new VersionRequirement(at + ".intelRdt", V0_7_0, null, "intelRdt"));
      if (rdt.schemata().isPresent()) {
        out.add(new VersionRequirement(at + ".intelRdt.schemata", V1_1_0, null, "intelRdt schemata"));
      }
      if (rdt.enableMonitoring().orElse(false)) {
        out.add(new VersionRequirement(at + ".intelRdt.enableMonitoring", V1_1_0, null, "intelRdt enableMonitoring"));
      }
      if (rdt.enableCMT().isPresent()) {
        out.add(new VersionRequirement(at + ".intelRdt.enableCMT", V0_7_0, V1_0_0, "intelRdt enableCMT"));
      }
      if (rdt.enableMBM().isPresent()) {
        out.add(new VersionRequirement(at + ".intelRdt.enableMBM", V0_7_0, V1_0_0, "intelRdt enableMBM"));
      }
    }
    if (!e.additionalGids().isEmpty()) {
      out.add(new VersionRequirement(at + ".additionalGids", V0_7_0, null, "additionalGids"));
    }
  }

  /**
   * Checks that {@code spec} declares a known version that is not below its {@link
   * #minimumRequired minimum} (the reference's {@code ValidateVersion}); returns the declared
   * version.
   *
   * @param spec the spec
   * @return the version {@code spec} declares
   * @throws IllegalArgumentException {@code invalid version "x"}, or {@code the spec version must
   *     be at least v0.6.0}
   */
  public static SpecVersion validate(Spec spec) {
    SpecVersion declared = parse(spec.cdiVersion());
    SpecVersion min = minimumRequired(spec);
    if (declared.compareTo(min) < 0) {
      throw new IllegalArgumentException("the spec version must be at least v" + min);
    }
    return declared;
  }

  private static boolean needsV110(ContainerEdits e) {
    if (!e.netDevices().isEmpty()) {
      return true;
    }
    if (e.intelRdt().isEmpty()) {
      return false;
    }
    IntelRdt rdt = e.intelRdt().get();
    return rdt.schemata().isPresent() || rdt.enableMonitoring().orElse(false);
  }

  private static boolean needsV060(Spec spec) {
    if (!spec.annotations().isEmpty()) {
      return true;
    }
    for (Device d : spec.devices()) {
      if (!d.annotations().isEmpty()) {
        return true;
      }
    }
    String kind = spec.kind();
    int slash = kind.indexOf('/');
    return slash >= 0 && kind.indexOf('.', slash + 1) >= 0;
  }

  private static boolean hasHostPath(ContainerEdits e) {
    for (DeviceNode n : e.deviceNodes()) {
      if (!n.hostPath().orElse("").isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasMountType(ContainerEdits e) {
    for (Mount m : e.mounts()) {
      if (!m.type().orElse("").isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Returns the version without a leading {@code v}, e.g. {@code 1.1.0}. */
  @Override
  public String toString() {
    return text;
  }
}
