package dev.jcdi.runtime;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** Reads the type, device numbers and mode of device nodes on the host file system. */
public final class HostDevices {
  private HostDevices() {}

  private static final int S_IFMT = 0170000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFIFO = 0010000;

  /** The reason given when a path exists but is not a block, character or FIFO node. */
  public static final String NOT_A_DEVICE_NODE = "not a device node";

  /**
   * Reads the host node at the path written in a spec, with lstat(2)'s own reading of the text: a
   * trailing {@code /} needs a directory (so a device node named {@code /dev/x/} is "not a
   * directory"), and the empty path names nothing. {@link Path} would silently drop such details.
   *
   * @param hostPath the path as the spec writes it
   * @return the device node at {@code hostPath}
   * @throws java.nio.file.InvalidPathException if the text cannot be a path (a NUL character)
   * @throws IOException as {@link #stat(Path)} throws it
   * @see #stat(Path)
   */
  public static HostDevice stat(String hostPath) throws IOException {
    Objects.requireNonNull(hostPath, "hostPath");
    if (hostPath.isEmpty()) {
      throw new java.nio.file.NoSuchFileException(hostPath);
    }
    Path p = Path.of(hostPath);
    if (hostPath.endsWith("/") && !p.toString().equals("/")) {
      if (Files.isDirectory(p)) {
        throw new FileSystemException(hostPath, null, NOT_A_DEVICE_NODE);
      }
      if (Files.exists(p)) {
        throw new FileSystemException(hostPath, null, "not a directory");
      }
      throw new java.nio.file.NoSuchFileException(hostPath);
    }
    return stat(p);
  }

  /**
   * {@return the device node at {@code hostPath}, read with {@code lstat}: a symbolic link is not
   * followed, so a link to a device is "not a device node", as in the reference}
   *
   * @param hostPath the path on the host
   * @throws java.nio.file.NoSuchFileException if nothing is at {@code hostPath}
   * @throws FileSystemException with reason {@link #NOT_A_DEVICE_NODE} if it is not a block,
   *     character or FIFO node
   * @throws IOException if it cannot be read, or the platform has no Unix file attributes
   */
  public static HostDevice stat(Path hostPath) throws IOException {
    Objects.requireNonNull(hostPath, "hostPath");
    Map<String, Object> attrs;
    try {
      attrs = Files.readAttributes(hostPath, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      throw new IOException("cannot read device numbers of " + hostPath + ": no Unix file attributes on this platform", e);
    }
    int mode = (Integer) attrs.get("mode");
    long rdev = (Long) attrs.get("rdev");
    String type =
        switch (mode & S_IFMT) {
          case S_IFBLK -> "b";
          case S_IFCHR -> "c";
          case S_IFIFO -> "p";
          default -> throw new FileSystemException(hostPath.toString(), null, NOT_A_DEVICE_NODE);
        };
    return new HostDevice(type, major(rdev), minor(rdev), mode & ~S_IFMT);
  }

  /** Returns the major number of a {@code dev_t}, as glibc's {@code gnu_dev_major}. */
  static long major(long dev) {
    return ((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfffL);
  }

  /** Returns the minor number of a {@code dev_t}, as glibc's {@code gnu_dev_minor}. */
  static long minor(long dev) {
    return ((dev >>> 12) & 0xffffff00L) | (dev & 0xffL);
  }
}
