package dev.jcdi.runtime;

import dev.jcdi.spec.Device;
import java.util.Objects;

/**
 * A device a {@link Registry} resolves: its fully qualified name, its definition and the spec it
 * comes from (whose spec-level edits are applied with it).
 *
 * @param qualifiedName {@code vendor/class=name}
 * @param device the device as defined in the spec
 * @param spec the spec that defines the device
 */
public record RegisteredDevice(String qualifiedName, Device device, RegisteredSpec spec) {

  /**
   * Checks that no component is {@code null}.
   *
   * @param qualifiedName {@code vendor/class=name}
   * @param device the device as defined in the spec
   * @param spec the spec that defines the device
   */
  public RegisteredDevice {
    Objects.requireNonNull(qualifiedName, "qualifiedName");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(spec, "spec");
  }
}
