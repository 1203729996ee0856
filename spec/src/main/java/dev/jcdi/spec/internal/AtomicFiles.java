package dev.jcdi.spec.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a file so that a reader sees the old content or the new, never a part: a temp file in the
 * same directory, synced, given its mode, then renamed (or hard-linked) into place, and the
 * directory synced. Nothing is left behind when a step fails.
 */
public final class AtomicFiles {
  private static final System.Logger LOG = System.getLogger(AtomicFiles.class.getName());

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code target} with mode {@code permissions}.
   *
   * @param replace whether an existing {@code target} is replaced; when not, a hard link puts the
   *     file in place, which never replaces anything
   * @return false when {@code replace} is off and {@code target} exists; nothing is written then
   */
  public static boolean write(Path target, byte[] bytes, Set<PosixFilePermission> permissions, boolean replace)
      throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = dir.resolve("." + abs.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.setPosixFilePermissions(tmp, permissions);
      } catch (UnsupportedOperationException e) {
        LOG.log(System.Logger.Level.DEBUG, "no POSIX permissions on {0}", tmp);
      }
      if (replace) {
        try {
          Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        try {
          Files.createLink(abs, tmp);
        } catch (FileAlreadyExistsException e) {
          return false;
        }
      }
      syncDirectory(dir);
      return true;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Syncs a directory so a rename or removal in it survives a crash; a no-op where impossible. */
  public static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform can open a directory; the rename is still atomic there.
      LOG.log(System.Logger.Level.DEBUG, "could not sync directory {0}: {1}", dir, e);
    }
  }
}
