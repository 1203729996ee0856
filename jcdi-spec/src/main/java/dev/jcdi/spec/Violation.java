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
    REQUIRED_FIELD,
    VERSION_UNKNOWN,
    VERSION_TOO_LOW,
    KIND,
    ANNOTATION_KEY,
    ANNOTATIONS_TOO_LARGE,
    NO_DEVICES,
    DEVICE_NAME,
    DUPLICATE_DEVICE,
    EMPTY_DEVICE_EDITS,
    ENV,
    DEVICE_NODE_PATH,
    DEVICE_NODE_TYPE,
    DEVICE_NODE_PERMISSIONS,
    INTEGER_RANGE,
    MOUNT_HOST_PATH,
    MOUNT_CONTAINER_PATH,
    HOOK_NAME,
    HOOK_PATH,
    HOOK_ENV,
    HOOK_TIMEOUT,
    CLOS_ID,
    REMOVED_FIELD,
    NET_DEVICE_NAME,
    NET_DEVICE_DUPLICATE,
    /** A warning: a path with {@code .} or {@code ..} elements, {@code //} or a trailing {@code /}. */
    PATH_NOT_CLEAN,
    /** A warning: a mount at one of the container's own mounts ({@code /proc}, {@code /sys}, {@code /dev}, ...). */
    MOUNT_REPLACES_DEFAULT
  }

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
