package dev.jcdi.spec;

import java.util.List;
import java.util.Optional;

/** A released version of the CDI spec, ordered from oldest to newest. */
public enum SpecVersion {
  V0_1_0("0.1.0"),
  V0_2_0("0.2.0"),
  V0_3_0("0.3.0"),
  V0_4_0("0.4.0"),
  V0_5_0("0.5.0"),
  V0_6_0("0.6.0"),
  V0_7_0("0.7.0"),
  V0_8_0("0.8.0"),
  V1_0_0("1.0.0"),
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
   * @throws IllegalArgumentException {@code invalid version "x"} when it is not a known version
   */
  public static SpecVersion parse(String version) {
    return find(version)
        .orElseThrow(() -> new IllegalArgumentException("invalid version " + Names.quote(dev.jcdi.spec.internal.Text.abbreviated(version))));
  }

  /** Returns the known version {@code version} denotes (a leading {@code v} is tolerated), if any. */
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

  /** Returns every known version, oldest first. */
  public static List<SpecVersion> all() {
    return List.of(values());
  }

  /** Returns whether this version is the same as or newer than {@code other}. */
  public boolean isAtLeast(SpecVersion other) {
    return compareTo(other) >= 0;
  }

  /**
   * Returns the lowest version whose fields {@code spec} uses (cdi-reference.md §2). Presence counts:
   * {@code intelRdt: {}} needs 0.7.0 and {@code schemata: []} needs 1.1.0, but empty annotations
   * or an empty {@code additionalGids} need nothing, and {@code enableMonitoring: false} does not
   * force 1.1.0.
   */
  public static SpecVersion minimumRequired(Spec spec) {
    List<ContainerEdits> edits = new java.util.ArrayList<>();
    edits.add(spec.containerEdits());
    for (Device d : spec.deviceList()) {
      edits.add(d.containerEdits());
    }
    if (edits.stream().anyMatch(SpecVersion::needsV110)) {
      return V1_1_0;
    }
    if (edits.stream().anyMatch(e -> e != null && (e.intelRdt() != null || !Lists.isEmpty(e.additionalGids())))) {
      return V0_7_0;
    }
    if (needsV060(spec)) {
      return V0_6_0;
    }
    if (spec.deviceList().stream().anyMatch(d -> d.name() != null && !d.name().isEmpty() && Names.isDigit(d.name().charAt(0)))
        || edits.stream().anyMatch(SpecVersion::hasHostPath)) {
      return V0_5_0;
    }
    if (edits.stream().anyMatch(SpecVersion::hasMountType)) {
      return V0_4_0;
    }
    return V0_3_0;
  }

  /**
   * Checks that {@code spec} declares a known version that is not below its {@link
   * #minimumRequired minimum} (the reference's {@code ValidateVersion}); returns the declared
   * version.
   *
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
    if (e == null) {
      return false;
    }
    if (!Lists.isEmpty(e.netDevices())) {
      return true;
    }
    IntelRdt rdt = e.intelRdt();
    return rdt != null && (rdt.schemata() != null || Boolean.TRUE.equals(rdt.enableMonitoring()));
  }

  private static boolean needsV060(Spec spec) {
    if (spec.annotations() != null && !spec.annotations().isEmpty()) {
      return true;
    }
    for (Device d : spec.deviceList()) {
      if (d.annotations() != null && !d.annotations().isEmpty()) {
        return true;
      }
    }
    String kind = spec.kind();
    if (kind != null) {
      int slash = kind.indexOf('/');
      return slash >= 0 && kind.indexOf('.', slash + 1) >= 0;
    }
    return false;
  }

  private static boolean hasHostPath(ContainerEdits e) {
    return e != null
        && Lists.orEmpty(e.deviceNodes()).stream()
            .anyMatch(n -> n.hostPath() != null && !n.hostPath().isEmpty());
  }

  private static boolean hasMountType(ContainerEdits e) {
    return e != null
        && Lists.orEmpty(e.mounts()).stream().anyMatch(m -> m.type() != null && !m.type().isEmpty());
  }

  /** Returns the version without a leading {@code v}, e.g. {@code 1.1.0}. */
  @Override
  public String toString() {
    return text;
  }
}
