package dev.jcdi.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What a registry remembers of a spec file's metadata to tell, without reading it, whether it may
 * have changed: size, modification time, inode (with its device) and status-change time.
 *
 * <p>Equal stamps do not prove equal content: a file rewritten in place with the same size inside
 * one tick of the filesystem clock keeps every attribute. {@link #racy} names that window, so such
 * a file is re-hashed until its stamp is old enough to be trusted (git's "racy clean" rule).
 *
 * @param type what the path is once symbolic links are followed
 * @param size the size in bytes
 * @param modified the last-modified time, to the filesystem's precision
 * @param changed the status-change time (ctime), or {@code null} where the platform has none
 * @param fileKey the inode and device, or the platform's file key, or {@code null}
 */
public record FileStamp(Type type, long size, FileTime modified, FileTime changed, Object fileKey) {

  /** Within this many milliseconds of a file's last change, equal stamps do not prove equal content. */
  public static final long RACY_WINDOW_MILLIS = 2_000;

  /** What kind of filesystem object a path is. */
  public enum Type {
    REGULAR,
    DIRECTORY,
    OTHER
  }

  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFDIR = 0040000;

  /** Identifies a file by device and inode. */
  record Inode(long device, long inode) {}

  /**
   * Reads the stamp of {@code path}, following symbolic links.
   *
   * @throws IOException when the path cannot be examined, e.g. {@link java.nio.file.NoSuchFileException}
   */
  public static FileStamp read(Path path) throws IOException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(path, "unix:mode,size,lastModifiedTime,ctime,ino,dev");
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return readBasic(path);
    }
    int mode = (Integer) a.get("mode");
    Type type =
        (mode & S_IFMT) == S_IFREG ? Type.REGULAR : (mode & S_IFMT) == S_IFDIR ? Type.DIRECTORY : Type.OTHER;
    return new FileStamp(
        type,
        (Long) a.get("size"),
        (FileTime) a.get("lastModifiedTime"),
        (FileTime) a.get("ctime"),
        new Inode((Long) a.get("dev"), (Long) a.get("ino")));
  }

  private static FileStamp readBasic(Path path) throws IOException {
    BasicFileAttributes b = Files.readAttributes(path, BasicFileAttributes.class);
    Type type = b.isRegularFile() ? Type.REGULAR : b.isDirectory() ? Type.DIRECTORY : Type.OTHER;
    return new FileStamp(type, b.size(), b.lastModifiedTime(), null, b.fileKey());
  }

  /**
   * Compares every component. Written out, not left to the record: the generated method is bound
   * on first use through {@code java.lang.runtime.ObjectMethods}, which costs a cold process (one
   * that restores spec files from a {@link SpecStore} and compares each stamp) about 20 ms.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof FileStamp s
        && type == s.type
        && size == s.size
        && java.util.Objects.equals(modified, s.modified)
        && java.util.Objects.equals(changed, s.changed)
        && keyEquals(fileKey, s.fileKey);
  }

  private static boolean keyEquals(Object a, Object b) {
    if (a instanceof Inode x && b instanceof Inode y) {
      return x.device == y.device && x.inode == y.inode;
    }
    return java.util.Objects.equals(a, b);
  }

  @Override
  public int hashCode() {
    int h = type.hashCode();
    h = 31 * h + Long.hashCode(size);
    h = 31 * h + java.util.Objects.hashCode(modified);
    h = 31 * h + java.util.Objects.hashCode(changed);
    int key = fileKey instanceof Inode i ? Long.hashCode(i.device) * 31 + Long.hashCode(i.inode) : java.util.Objects.hashCode(fileKey);
    return 31 * h + key;
  }

  /**
   * Returns whether a file with this stamp, captured (stat, then read) at {@code capturedAtMillis},
   * may have been rewritten afterwards without the stamp changing: the capture fell within {@link
   * #RACY_WINDOW_MILLIS} of the file's last change (or before it, when clocks disagree).
   */
  public boolean racy(long capturedAtMillis) {
    long last = modified.toMillis();
    if (changed != null) {
      last = Math.max(last, changed.toMillis());
    }
    return capturedAtMillis - last < RACY_WINDOW_MILLIS;
  }
}
