package dev.jcdi.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A device of a spec: a name unique within the spec, optional annotations (CDI 0.6.0) and the
 * container edits that requesting it applies (required, not empty). No component is ever {@code
 * null}; the constructor reads a {@code null} argument as absent.
 *
 * @param name the device name, the part after {@code =} in a qualified name ({@code ""} when absent)
 * @param annotations annotations, empty when absent
 * @param containerEdits the edits, {@link ContainerEdits#EMPTY} when absent
 */
public record Device(String name, Map<String, String> annotations, ContainerEdits containerEdits) {

  /**
   * Copies the annotations and reads {@code null} as absent.
   *
   * @param name the device name, the part after {@code =} in a qualified name ({@code ""} when absent)
   * @param annotations annotations, empty when absent
   * @param containerEdits the edits, {@link ContainerEdits#EMPTY} when absent
   */
  public Device {
    name = Lists.text(name);
    annotations = Lists.copy(annotations, "device annotations");
    containerEdits = containerEdits == null ? ContainerEdits.EMPTY : containerEdits;
  }

  /**
   * Returns a device with the given name and edits and no annotations.
   *
   * @param name the device name
   * @param edits its edits
   * @return a new device
   */
  public static Device of(String name, ContainerEdits edits) {
    return new Device(name, Map.of(), edits);
  }

  /**
   * Returns a builder for a device named {@code name}.
   *
   * @param name the device name
   * @return a new builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link Device}. */
  public static final class Builder {
    private final String name;
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private final ContainerEdits.Builder edits = ContainerEdits.builder();
    private ContainerEdits explicitEdits;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
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
     * Replaces the edits with {@code e}; later calls to {@link #edit} add to it.
     *
     * @param e the edits
     * @return this builder
     */
    public Builder containerEdits(ContainerEdits e) {
      explicitEdits = e;
      return this;
    }

    /**
     * Adds to the edits through their builder, e.g. {@code b -> b.env("A=1")}.
     *
     * @param change what to add
     * @return this builder
     */
    public Builder edit(java.util.function.Consumer<ContainerEdits.Builder> change) {
      change.accept(edits);
      return this;
    }

    /**
     * Returns the device.
     *
     * @return a new device
     */
    public Device build() {
      ContainerEdits built = edits.build();
      ContainerEdits all = explicitEdits == null ? built : explicitEdits.append(built);
      return new Device(name, annotations, all);
    }
  }
}
