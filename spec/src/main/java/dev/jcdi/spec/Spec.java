package dev.jcdi.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CDI spec: the content of one spec file. Absent optional fields are {@code null}. A spec is a
 * plain value; {@link SpecValidator} says whether it is valid.
 *
 * @param cdiVersion the declared spec version, as written (a leading {@code v} is kept)
 * @param kind {@code vendor/class}
 * @param annotations annotations (CDI 0.6.0), or {@code null}
 * @param devices the devices; at least one in a valid spec
 * @param containerEdits edits applied once when any device of the spec is requested, or {@code null}
 */
public record Spec(
    String cdiVersion,
    String kind,
    Map<String, String> annotations,
    List<Device> devices,
    ContainerEdits containerEdits) {

  public Spec {
    annotations = Lists.copy(annotations, "spec annotations");
    devices = Lists.copy(devices, "devices");
  }

  /** Returns the spec-level edits, or {@link ContainerEdits#EMPTY} when absent. */
  public ContainerEdits edits() {
    return containerEdits == null ? ContainerEdits.EMPTY : containerEdits;
  }

  /** Returns the devices, or an empty list when absent. */
  public List<Device> deviceList() {
    return Lists.orEmpty(devices);
  }

  /** Returns the device named {@code name} (unqualified), if the spec has one. */
  public Optional<Device> device(String name) {
    return deviceList().stream().filter(d -> name.equals(d.name())).findFirst();
  }

  /** Returns the parsed kind; throws {@link InvalidNameException} if it is not valid. */
  public Kind parsedKind() {
    return Kind.parse(kind);
  }

  /** Returns this spec with {@code cdiVersion} set to {@code version}. */
  public Spec withVersion(SpecVersion version) {
    return new Spec(version.toString(), kind, annotations, devices, containerEdits);
  }

  /** Returns a builder for a spec of the given kind, with {@code cdiVersion} {@link SpecVersion#CURRENT}. */
  public static Builder builder(String kind) {
    return new Builder(kind);
  }

  /** Returns a builder that starts from this spec. */
  public Builder toBuilder() {
    Builder b = new Builder(kind);
    b.version = cdiVersion;
    b.annotations = annotations == null ? null : new LinkedHashMap<>(annotations);
    b.devices.addAll(deviceList());
    b.containerEdits = containerEdits;
    return b;
  }

  /** Builds a {@link Spec}. */
  public static final class Builder {
    private String kind;
    private String version = SpecVersion.CURRENT.toString();
    private Map<String, String> annotations;
    private final List<Device> devices = new ArrayList<>();
    private ContainerEdits containerEdits;

    private Builder(String kind) {
      this.kind = kind;
    }

    /** Sets the kind. */
    public Builder kind(String k) {
      kind = k;
      return this;
    }

    /** Sets {@code cdiVersion}. */
    public Builder version(SpecVersion v) {
      version = v.toString();
      return this;
    }

    /** Sets {@code cdiVersion} as written, which may be invalid. */
    public Builder version(String v) {
      version = v;
      return this;
    }

    /** Adds an annotation. */
    public Builder annotation(String key, String value) {
      if (annotations == null) {
        annotations = new LinkedHashMap<>();
      }
      annotations.put(key, value);
      return this;
    }

    /** Adds a device. */
    public Builder device(Device d) {
      devices.add(d);
      return this;
    }

    /** Adds a device with the given name and edits. */
    public Builder device(String name, ContainerEdits edits) {
      return device(Device.of(name, edits));
    }

    /** Sets the spec-level edits. */
    public Builder containerEdits(ContainerEdits e) {
      containerEdits = e;
      return this;
    }

    /** Returns the spec. */
    public Spec build() {
      return new Spec(version, kind, annotations, devices, containerEdits);
    }
  }
}
