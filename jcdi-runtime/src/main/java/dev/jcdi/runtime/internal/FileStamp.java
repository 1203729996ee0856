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
