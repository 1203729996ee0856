package dev.jcdi.runtime;

import java.util.Objects;

/**
 * A change a {@link Registry} saw between two refreshes.
 *
 * @param type what changed
 * @param subject the device's qualified name, or the spec file or directory with the error
 * @param detail for a device, the spec file that defines it (for a removed device, the one that
 *     did); for {@link Type#SPEC_ERROR}, the errors, one per line; empty for {@link
 *     Type#SPEC_ERROR_CLEARED}
 */
public record RegistryEvent(Type type, String subject, String detail) {

  /** The kinds of change. */
  public enum Type {
    /** A device became resolvable. */
    DEVICE_ADDED,
    /** A device is no longer resolvable. */
    DEVICE_REMOVED,
    /** A device's definition, its spec-level edits, or the spec file that wins for it changed. */
    DEVICE_CHANGED,
    /** A spec file or directory has errors, or its errors changed. */
    SPEC_ERROR,
    /** A spec file or directory that had errors has none now (or is gone). */
    SPEC_ERROR_CLEARED
  }

  /**
   * Checks that no component is {@code null}.
   *
   * @param type what changed
   * @param subject the device's qualified name, or the spec file or directory with the error
   * @param detail for a device, the spec file that defines it (for a removed device, the one that
   *     did); for {@link Type#SPEC_ERROR}, the errors, one per line; empty for {@link
   *     Type#SPEC_ERROR_CLEARED}
   */
  public RegistryEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(detail, "detail");
  }

  /** Returns {@code TYPE subject detail}, the detail left out when empty. */
  @Override
  public String toString() {
    return type + " " + subject + (detail.isEmpty() ? "" : " " + detail);
  }
}
