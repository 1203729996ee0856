package dev.jcdi.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A device of a spec: a name unique within the spec, optional annotations (CDI 0.6.0) and the
 * container edits that requesting it applies (required, not empty).
 *
 * @param name the device name, the part after {@code =} in a qualified name
 * @param annotations annotations, or {@code null} when absent
 * @param containerEdits the edits; {@code null} only for a device read from a file that lacks them
 */
public record Device(String name, Map<String, String> annotations, ContainerEdits containerEdits) {

  public Device {
    annotations = Lists.copy(annotations, "device annotations");
  }

  /** Returns a device with the given name and edits and no annotations. */
  public static Device of(String name, ContainerEdits edits) {
    return new Device(name, null, edits);
  }

  /** Returns a builder for a device named {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Returns the edits, or {@link ContainerEdits#EMPTY} when absent. */
  public ContainerEdits edits() {
    return containerEdits == null ? ContainerEdits.EMPTY : containerEdits;
  }

  /** Builds a {@link Device}. */
  public static final class Builder {
    private final String name;
    private Map<String, String> annotations;
    private final ContainerEdits.Builder edits = ContainerEdits.builder();
    private ContainerEdits explicitEdits;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Adds an annotation. */
    public Builder annotation(String key, String value) {
      if (annotations == null) {
        annotations = new LinkedHashMap<>();
      }
      annotations.put(key, value);
      return this;
    }

    /** Replaces the edits with {@code e}; later calls to {@link #edit} add to it. */
    public Builder containerEdits(ContainerEdits e) {
      explicitEdits = e;
      return this;
    }

    /** Adds to the edits through their builder, e.g. {@code b -> b.env("A=1")}. */
    public Builder edit(java.util.function.Consumer<ContainerEdits.Builder> change) {
      change.accept(edits);
      return this;
    }

    /** Returns the device. */
    public Device build() {
      ContainerEdits built = edits.build();
      ContainerEdits all = explicitEdits == null ? built : explicitEdits.append(built);
      return new Device(name, annotations, all);
    }
  }
}
