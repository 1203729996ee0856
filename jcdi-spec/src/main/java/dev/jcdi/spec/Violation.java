package dev.jcdi.spec;

import java.util.Objects;

/**
 * A rule of the CDI spec that a spec breaks.
 *
 * @param path the field, e.g. {@code devices[2].containerEdits.deviceNodes[0].permissions}; empty
 *     for the spec as a whole
 * @param rule the rule broken
 * @param severity whether it makes the spec invalid or is only a warning
 * @param message what is wrong, naming the value
 */
public record Violation(String path, Rule rule, Severity severity, String message) {

  /** How serious a violation is. */
  public enum Severity {
    /** The spec is invalid. */
    ERROR,
    /** The spec is valid but something in it has no effect or is suspicious. */
    WARNING
  }

  /** The rules {@link SpecValidator} checks. */
  public enum Rule {
    /** A required field is missing or empty. */
    REQUIRED_FIELD,
    /** {@code cdiVersion} is not a known version. */
    VERSION_UNKNOWN,
    /** {@code cdiVersion} is lower than the fields the spec uses require. */
    VERSION_TOO_LOW,
    /** {@code kind} is not a valid {@code vendor/class}. */
    KIND,
    /** An annotation key is not a Kubernetes qualified name. */
    ANNOTATION_KEY,
    /** Annotation keys and values together exceed the size limit. */
    ANNOTATIONS_TOO_LARGE,
    /** The spec has no device. */
    NO_DEVICES,
    /** A device name is not valid. */
    DEVICE_NAME,
    /** Two devices of the spec have the same name. */
    DUPLICATE_DEVICE,
    /** A device has no container edits. */
    EMPTY_DEVICE_EDITS,
    /** An environment entry is not {@code KEY=VALUE} with a non-empty key, or holds a NUL character. */
    ENV,
    /** A device node's path is empty or not absolute, or a device node path holds a NUL character. */
    DEVICE_NODE_PATH,
    /** A device node's type is not {@code b}, {@code c}, {@code u} or {@code p}. */
    DEVICE_NODE_TYPE,
    /** A device node's permissions are neither letters from {@code rwm} nor {@code none}. */
    DEVICE_NODE_PERMISSIONS,
    /** A number is outside the range its field allows (unsigned 32-bit, or a negative device number). */
    INTEGER_RANGE,
    /** A mount's host path is empty or holds a NUL character. */
    MOUNT_HOST_PATH,
    /** A mount's container path is empty, not absolute or holds a NUL character. */
    MOUNT_CONTAINER_PATH,
    /** A hook's name is not an OCI hook name. */
    HOOK_NAME,
    /** A hook's path is empty, not absolute or holds a NUL character. */
    HOOK_PATH,
    /** A hook's environment entry is not {@code KEY=VALUE} with a non-empty key, or holds a NUL character. */
    HOOK_ENV,
    /** A hook's timeout is not greater than zero. */
    HOOK_TIMEOUT,
    /** {@code intelRdt.closID} is not a valid class-of-service id. */
    CLOS_ID,
    /**
     * A field that CDI 1.1.0 dropped ({@code intelRdt.enableCMT}, {@code enableMBM}): an error where
     * the spec's version does not have it, else a warning that it has no effect.
     */
    REMOVED_FIELD,
    /** A net device's host or container interface name is empty. */
    NET_DEVICE_NAME,
    /** Two net devices use the same host interface or the same container name. */
    NET_DEVICE_DUPLICATE,
    /** A warning: a path with {@code .} or {@code ..} elements, {@code //} or a trailing {@code /}. */
    PATH_NOT_CLEAN,
    /** A warning: a mount at one of the container's own mounts ({@code /proc}, {@code /sys}, {@code /dev}, ...). */
    MOUNT_REPLACES_DEFAULT
  }

  /**
   * Checks that no component is {@code null}.
   *
   * @param path the field, e.g. {@code devices[2].containerEdits.deviceNodes[0].permissions}; empty
   *     for the spec as a whole
   * @param rule the rule broken
   * @param severity whether it makes the spec invalid or is only a warning
   * @param message what is wrong, naming the value
   */
  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  /** {@return whether this violation makes the spec invalid} */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** Returns {@code path: message}, or the message alone for the spec as a whole. */
  @Override
  public String toString() {
    return (path.isEmpty() ? "" : path + ": ") + (severity == Severity.WARNING ? "warning: " : "") + message;
  }
}
