package dev.jcdi.spec;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A device node created in the container. No component is ever {@code null}: absent optional
 * fields are empty, and the constructor reads a {@code null} argument as absent.
 *
 * @param path the path in the container; required ({@code ""} when absent)
 * @param hostPath the path of the node on the host (CDI 0.5.0); defaults to {@code path}
 * @param type {@code b}, {@code c}, {@code u}, {@code p} or empty
 * @param major the major number
 * @param minor the minor number
 * @param fileMode the permission bits, e.g. {@code 0666}
 * @param permissions the cgroup access, letters from {@code rwm}, or {@code none}
 * @param uid the owner in the container
 * @param gid the group in the container
 */
public record DeviceNode(
    String path,
    Optional<String> hostPath,
    Optional<String> type,
    OptionalLong major,
    OptionalLong minor,
    OptionalLong fileMode,
    Optional<String> permissions,
    OptionalLong uid,
    OptionalLong gid) {

  /** The {@code permissions} value that asks for no cgroup access at all. */
  public static final String NO_PERMISSIONS = "none";

  /**
   * Reads {@code null} arguments as absent.
   *
   * @param path the path in the container; required ({@code ""} when absent)
   * @param hostPath the path of the node on the host (CDI 0.5.0); defaults to {@code path}
   * @param type {@code b}, {@code c}, {@code u}, {@code p} or empty
   * @param major the major number
   * @param minor the minor number
   * @param fileMode the permission bits, e.g. {@code 0666}
   * @param permissions the cgroup access, letters from {@code rwm}, or {@code none}
   * @param uid the owner in the container
   * @param gid the group in the container
   */
  public DeviceNode {
    path = Lists.text(path);
    hostPath = Lists.optional(hostPath);
    type = Lists.optional(type);
    major = Lists.optional(major);
    minor = Lists.optional(minor);
    fileMode = Lists.optional(fileMode);
    permissions = Lists.optional(permissions);
    uid = Lists.optional(uid);
    gid = Lists.optional(gid);
  }

  /**
   * Returns a node with only a path; the rest is read from the host when the node is injected.
   *
   * @param path the path in the container and on the host
   * @return a new node
   */
  public static DeviceNode of(String path) {
    return new DeviceNode(path, null, null, null, null, null, null, null, null);
  }

  /**
   * Returns a node at {@code path} backed by the host node at {@code hostPath}.
   *
   * @param path the path in the container
   * @param hostPath the path on the host
   * @return a new node
   */
  public static DeviceNode of(String path, String hostPath) {
    return of(path).withHostPath(hostPath);
  }

  /**
   * Returns a fully specified character device node.
   *
   * @param path the path in the container and on the host
   * @param major the major number
   * @param minor the minor number
   * @return a new node
   */
  public static DeviceNode charDevice(String path, long major, long minor) {
    return of(path).withType("c").withNumbers(major, minor);
  }

  /**
   * Returns this node backed by the host node at {@code hostPath}.
   *
   * @param hostPath the path on the host
   * @return a new node
   */
  public DeviceNode withHostPath(String hostPath) {
    return new DeviceNode(path, Optional.of(hostPath), type, major, minor, fileMode, permissions, uid, gid);
  }

  /**
   * Returns this node with the given type.
   *
   * @param type {@code b}, {@code c}, {@code u} or {@code p}
   * @return a new node
   */
  public DeviceNode withType(String type) {
    return new DeviceNode(path, hostPath, Optional.of(type), major, minor, fileMode, permissions, uid, gid);
  }

  /**
   * Returns this node with the given major and minor numbers.
   *
   * @param major the major number
   * @param minor the minor number
   * @return a new node
   */
  public DeviceNode withNumbers(long major, long minor) {
    return new DeviceNode(
        path, hostPath, type, OptionalLong.of(major), OptionalLong.of(minor), fileMode, permissions, uid, gid);
  }

  /**
   * Returns this node with the given cgroup permissions.
   *
   * @param permissions letters from {@code rwm}, or {@link #NO_PERMISSIONS}
   * @return a new node
   */
  public DeviceNode withPermissions(String permissions) {
    return new DeviceNode(path, hostPath, type, major, minor, fileMode, Optional.of(permissions), uid, gid);
  }

  /**
   * Returns this node with the given file mode.
   *
   * @param fileMode the permission bits, e.g. {@code 0666}
   * @return a new node
   */
  public DeviceNode withFileMode(long fileMode) {
    return new DeviceNode(path, hostPath, type, major, minor, OptionalLong.of(fileMode), permissions, uid, gid);
  }

  /**
   * Returns this node owned by {@code uid}:{@code gid} in the container.
   *
   * @param uid the owner
   * @param gid the group
   * @return a new node
   */
  public DeviceNode withOwner(long uid, long gid) {
    return new DeviceNode(
        path, hostPath, type, major, minor, fileMode, permissions, OptionalLong.of(uid), OptionalLong.of(gid));
  }
}
