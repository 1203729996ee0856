package dev.jcdi.spec;

/**
 * A device node created in the container. Absent optional fields are {@code null}.
 *
 * @param path the path in the container; required
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
    String hostPath,
    String type,
    Long major,
    Long minor,
    Long fileMode,
    String permissions,
    Long uid,
    Long gid) {

  /** The {@code permissions} value that asks for no cgroup access at all. */
  public static final String NO_PERMISSIONS = "none";

  /** Returns a node with only a path; the rest is read from the host when the node is injected. */
  public static DeviceNode of(String path) {
    return new DeviceNode(path, null, null, null, null, null, null, null, null);
  }

  /** Returns a node at {@code path} backed by the host node at {@code hostPath}. */
  public static DeviceNode of(String path, String hostPath) {
    return new DeviceNode(path, hostPath, null, null, null, null, null, null, null);
  }

  /** Returns a fully specified character device node. */
  public static DeviceNode charDevice(String path, long major, long minor) {
    return new DeviceNode(path, null, "c", major, minor, null, null, null, null);
  }

  /** Returns this node with the given cgroup permissions. */
  public DeviceNode withPermissions(String permissions) {
    return new DeviceNode(path, hostPath, type, major, minor, fileMode, permissions, uid, gid);
  }

  /** Returns this node with the given file mode. */
  public DeviceNode withFileMode(Long fileMode) {
    return new DeviceNode(path, hostPath, type, major, minor, fileMode, permissions, uid, gid);
  }

  /** Returns this node owned by {@code uid}:{@code gid} in the container. */
  public DeviceNode withOwner(Long uid, Long gid) {
    return new DeviceNode(path, hostPath, type, major, minor, fileMode, permissions, uid, gid);
  }
}
