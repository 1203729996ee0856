package dev.jcdi.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CDI spec: the content of one spec file. No component is ever {@code null}: an absent text is
 * {@code ""}, absent annotations and devices are empty, and absent spec-level edits are {@link
 * ContainerEdits#EMPTY}; the constructor reads a {@code null} argument as absent. A spec is a plain
 * value; {@link SpecValidator} says whether it is valid.
 *
 * @param cdiVersion the declared spec version, as written (a leading {@code v} is kept)
 * @param kind {@code vendor/class}
 * @param annotations annotations (CDI 0.6.0)
 * @param devices the devices; at least one in a valid spec
 * @param containerEdits edits applied once when any device of the spec is requested
 */
public record Spec(
    String cdiVersion,
    String kind,
    Map<String, String> annotations,
    List<Device> devices,
    ContainerEdits containerEdits) {

  /**
   * Copies the collections and reads {@code null} as absent.
   *
   * @param cdiVersion the declared spec version, as written (a leading {@code v} is kept)
   * @param kind {@code vendor/class}
   * @param annotations annotations (CDI 0.6.0)
   * @param devices the devices; at least one in a valid spec
   * @param containerEdits edits applied once when any device of the spec is requested
   */
  public Spec {
    cdiVersion = Lists.text(cdiVersion);
    kind = Lists.text(kind);
    annotations = Lists.copy(annotations, "spec annotations");
    devices = Lists.copy(devices, "devices");
    containerEdits = containerEdits == null ? ContainerEdits.EMPTY : containerEdits;
  }

  /**
   * Returns the device named {@code name} (unqualified), if the spec has one.
   *
   * @param name the device name, the part after {@code =} in a qualified name
   * @return the first device of that name
   */
  public Optional<Device> device(String name) {
    for (Device d : devices) {
      if (name.equals(d.name())) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the parsed kind.
   *
   * @return the kind as a value
   * @throws InvalidNameException if {@code kind} is not valid
   */
  public Kind parsedKind() {
    return Kind.parse(kind);
  }

  /**
   * Returns this spec with {@code cdiVersion} set to {@code version}.
   *
   * @param version the version to declare
   * @return a new spec
   */
  public Spec withVersion(SpecVersion version) {
    return new Spec(version.toString(), kind, annotations, devices, containerEdits);
  }

  /**
   * Returns a builder for a spec of the given kind, with {@code cdiVersion} {@link SpecVersion#CURRENT}.
   *
   * @param kind {@code vendor/class}
   * @return a new builder
   */
  public static Builder builder(String kind) {
    return new Builder(kind);
  }

  /**
   * Returns a builder that starts from this spec.
   *
   * @return a new builder holding this spec's values
   */
  public Builder toBuilder() {
    Builder b = new Builder(kind);
    b.version = cdiVersion;
    b.annotations.putAll(annotations);
    b.devices.addAll(devices);
    b.containerEdits = containerEdits;
    return b;
  }

  /** Builds a {@link Spec}. */
  public static final class Builder {
    private String kind;
    private String version = SpecVersion.CURRENT.toString();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private final List<Device> devices = new ArrayList<>();
    private ContainerEdits containerEdits = ContainerEdits.EMPTY;

    private Builder(String kind) {
      this.kind = kind;
    }

    /**
     * Sets the kind.
     *
     * @param k {@code vendor/class}
     * @return this builder
     */
    public Builder kind(String k) {
      kind = k;
      return this;
    }

    /**
     * Sets {@code cdiVersion}.
     *
     * @param v the version
     * @return this builder
     */
    public Builder version(SpecVersion v) {
      version = v.toString();
      return this;
    }

    /**
     * Sets {@code cdiVersion} as written, which may be invalid.
     *
     * @param v the version text
     * @return this builder
     */
    public Builder version(String v) {
      version = v;
      return this;
    }

    /**
     * Adds an annotation.
     *
     * @param key the annotation key
     * @param value its value
     * @return this builder
     */
    public Builder annotation(String key, String value) {
      annotations.put(key, value);
      return this;
    }

    /**
     * Adds a device.
     *
     * @param d the device
     * @return this builder
     */
    public Builder device(Device d) {
      devices.add(d);
      return this;
    }

    /**
     * Adds a device with the given name and edits.
     *
     * @param name the device name
     * @param edits its edits
     * @return this builder
     */
    public Builder device(String name, ContainerEdits edits) {
      return device(Device.of(name, edits));
    }

    /**
     * Sets the spec-level edits.
     *
     * @param e the edits
     * @return this builder
     */
    public Builder containerEdits(ContainerEdits e) {
      containerEdits = e;
      return this;
    }

    /**
     * Returns the spec.
     *
     * @return a new spec
     */
    public Spec build() {
      return new Spec(version, kind, annotations, devices, containerEdits);
    }
  }
}
