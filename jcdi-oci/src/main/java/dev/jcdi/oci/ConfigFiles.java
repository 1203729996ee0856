package dev.jcdi.oci;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/** Writing a config file: atomically for a regular file, straight into a character device or FIFO. */
final class ConfigFiles {
  private ConfigFiles() {}

  /** The logger, looked up when first used: finding the logger finder costs a cold process ~10 ms. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(ConfigFiles.class.getName());
  }

  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFIFO = 0010000;

  /** Links followed before giving up, as Linux's {@code MAXSYMLINKS}. */
  private static final int MAX_LINKS = 40;

  static void write(Path file, byte[] bytes) throws IOException {
    Path target = file.toAbsolutePath();
    // a dangling link too: its target is created; a loop ends in the write (ELOOP)
    for (int hops = 0; hops < MAX_LINKS && Files.isSymbolicLink(target); hops++) {
      target = target.getParent().resolve(Files.readSymbolicLink(target));
    }
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      replace(target, bytes, PosixFilePermissions.fromString("rw-r--r--"));
      return;
    }
    if (attrs.isRegularFile()) {
      Set<PosixFilePermission> mode;
      try {
        mode = Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS);
      } catch (UnsupportedOperationException e) {
        mode = null;
      }
      replace(target, bytes, mode);
    } else if (attrs.isOther() && isCharacterDeviceOrFifo(target)) {
      // a device or pipe is what the caller asked to write to; replacing it would break it
      try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
        writeFully(ch, bytes);
      }
    } else {
      String kind = attrs.isDirectory() ? "a directory" : attrs.isSymbolicLink() ? "a symbolic link" : "not a regular file";
      throw new FileSystemException(file.toString(), null, kind + ", not replaced");
    }
  }

  private static boolean isCharacterDeviceOrFifo(Path p) {
    try {
      int type = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
      return type == S_IFCHR || type == S_IFIFO;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Temp file in the same directory, synced, given {@code mode}, renamed over {@code target}. */
  private static void replace(Path target, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
    Path dir = target.getParent();
    Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        writeFully(ch, bytes);
        ch.force(true);
      }
      if (mode != null) {
        try {
          Files.setPosixFilePermissions(tmp, mode);
        } catch (UnsupportedOperationException e) {
          Log.LOG.log(System.Logger.Level.DEBUG, "no POSIX permissions on {0}", tmp);
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  /** Syncs a directory so the rename survives a crash; a no-op where a directory cannot be opened. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      Log.LOG.log(System.Logger.Level.DEBUG, "could not sync directory {0}: {1}", dir, e);
    }
  }
}
