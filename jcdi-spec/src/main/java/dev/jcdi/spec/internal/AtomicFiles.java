package dev.jcdi.spec.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Every file jcdi writes goes through here, so that one rule holds for all of them: a regular file
 * (or a name that does not exist yet) is replaced atomically, so a reader sees the old content or
 * the new, never a part; anything else is never replaced.
 *
 * <ul>
 *   <li>A regular file: a temp file in the same directory, synced, given its mode (and the old
 *       file's owner and group, where the process may set them), then renamed into place, and the
 *       directory synced. Nothing is left behind when a step fails.
 *   <li>A character device or a FIFO ({@code /dev/null}, a named pipe): written into, as the shell's
 *       {@code >} would; never replaced by a regular file.
 *   <li>A path naming an open descriptor ({@code /dev/stdout}, {@code /dev/fd/N},
 *       {@code /proc/self/fd/N}): written into that descriptor, whatever it is (pipe, terminal, file).
 *   <li>Anything else that exists (a directory, a block device, a socket): refused, "not a regular
 *       file". A loop of symbolic links: refused, "too many levels of symbolic links".
 * </ul>
 *
 * <p>A symbolic link is written through, as an editor saves a linked file: the link stays, its
 * target changes (a dangling link's target is created). Temp files are named {@code
 * .cdi-tmp-HASH-PID-RANDOM}: short whatever the target's name (a 255-byte name stays writable),
 * never a spec file name (no {@code .json} or {@code .yaml} ending), and derived from the target's
 * name, so that the next write to a target removes the temp files a killed writer left for it.
 * A writer holds a lock on its temp file while it lives; a temp file nobody holds is stale.
 */
public final class AtomicFiles {
  /** The logger, looked up when first used: finding the logger finder costs a cold process ~10 ms. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(AtomicFiles.class.getName());
  }

  /** The start of every temp file name. */
  public static final String TEMP_PREFIX = ".cdi-tmp-";

  private static final Pattern DESCRIPTOR_PATH =
      Pattern.compile("/dev/(stdout|stderr|fd/[0-9]+)|/proc/(self|thread-self|[0-9]+)/fd/[0-9]+");

  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFIFO = 0010000;

  /** What becomes of a target that exists. */
  public enum Existing {
    /** It is left alone: {@link #write} returns false. Nothing is followed: a link is a target that exists. */
    KEEP,
    /** It is replaced (or written into); a replaced regular file keeps its mode, owner and group. */
    REPLACE_KEEPING_MODE,
    /** It is replaced (or written into); a replaced regular file gets the mode given, keeps owner and group. */
    REPLACE
  }

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code target}.
   *
   * @param mode the mode of a new file (and of a replaced one with {@link Existing#REPLACE})
   * @return false when {@code existing} is {@link Existing#KEEP} and {@code target} exists; nothing
   *     is written then
   * @throws FileSystemException "not a regular file" when {@code target} is something that may be
   *     neither replaced nor written into; "too many levels of symbolic links" for a loop
   */
  public static boolean write(Path target, byte[] bytes, Set<PosixFilePermission> mode, Existing existing)
      throws IOException {
    Path abs = target.toAbsolutePath();
    if (existing == Existing.KEEP) {
      return replaceRegular(abs, bytes, mode, null, false, false);
    }
    if (DESCRIPTOR_PATH.matcher(abs.normalize().toString()).matches()) {
      writeDescriptor(abs.normalize(), bytes);
      return true;
    }
    PosixFileAttributes attrs;
    int type = 0;
    try {
      attrs = Files.readAttributes(abs, PosixFileAttributes.class); // through links
      if (!attrs.isRegularFile()) {
        type = (Integer) Files.getAttribute(abs, "unix:mode") & S_IFMT;
      }
    } catch (NoSuchFileException e) {
      attrs = null; // a new file, or a dangling link whose target is created
    }
    if (attrs != null && !attrs.isRegularFile()) {
      if (type == S_IFCHR || type == S_IFIFO) {
        stream(abs, bytes, false);
        return true;
      }
      throw new FileSystemException(target.toString(), null, "not a regular file");
    }
    Path real = linkTarget(abs);
    return replaceRegular(real, bytes, mode, attrs, true, existing == Existing.REPLACE_KEEPING_MODE);
  }

  /** Follows the links at the end of {@code path} to the name they end at, which may not exist. */
  private static Path linkTarget(Path path) throws IOException {
    Path real = path;
    for (int hops = 0; Files.isSymbolicLink(real); hops++) {
      if (hops == 40) { // Linux's limit, as the kernel counts
        throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
      }
      real = real.getParent().resolve(Files.readSymbolicLink(real));
    }
    return real;
  }

  private static void writeDescriptor(Path path, byte[] bytes) throws IOException {
    String p = path.toString();
    if (p.equals("/dev/stdout") || p.endsWith("/fd/1") && !p.startsWith("/proc/") || p.equals("/proc/self/fd/1")) {
      writeAll(new FileOutputStream(FileDescriptor.out), bytes);
    } else if (p.equals("/dev/stderr") || p.endsWith("/fd/2") && !p.startsWith("/proc/") || p.equals("/proc/self/fd/2")) {
      writeAll(new FileOutputStream(FileDescriptor.err), bytes);
    } else {
      // Another descriptor: opened anew, appending, so that a file opened with >> keeps its content.
      stream(path, bytes, true);
    }
  }

  private static void writeAll(FileOutputStream out, byte[] bytes) throws IOException {
    // Not closed: the descriptor belongs to the process.
    out.write(bytes);
    out.flush();
  }

  private static void stream(Path path, byte[] bytes, boolean append) throws IOException {
    try (FileChannel ch = append
        ? FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
        : FileChannel.open(path, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    }
  }

  /**
   * Puts a new regular file at {@code target} through a temp file: renamed over what is there, or,
   * with {@code replace} off, hard-linked, which never replaces anything.
   *
   * @param old the attributes of the regular file being replaced, or null
   */
  private static boolean replaceRegular(
      Path target, byte[] bytes, Set<PosixFilePermission> mode, PosixFileAttributes old, boolean replace,
      boolean keepMode) throws IOException {
    Path dir = target.getParent();
    String prefix = tempPrefix(target);
    removeStaleTemps(dir, prefix);
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve(prefix + ProcessHandle.current().pid() + "-"
          + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        try {
          ch.lock(); // held until closed: says this temp file's writer lives
        } catch (IOException e) {
          // A file system without locks: no one can take this file for stale either (tryLock fails too).
          Log.LOG.log(System.Logger.Level.DEBUG, "no lock on {0}: {1}", tmp, e.toString());
        }
        if (!Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
          // Another writer took it for stale between its creation and the lock: take another.
          if (attempt < 3) {
            continue;
          }
          throw new NoSuchFileException(target.toString(), null, "temp file removed while written");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
        setAttributes(tmp, old != null && keepMode ? old.permissions() : mode, old);
        if (!replace) {
          try {
            Files.createLink(target, tmp);
          } catch (FileAlreadyExistsException e) {
            return false;
          }
        } else {
          try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
        syncDirectory(dir);
        return true;
      } catch (FileAlreadyExistsException e) {
        if (!e.getFile().equals(tmp.toString()) || attempt >= 3) {
          throw e;
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static void setAttributes(Path tmp, Set<PosixFilePermission> mode, PosixFileAttributes old) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
    if (view == null) {
      Log.LOG.log(System.Logger.Level.DEBUG, "no POSIX attributes on {0}", tmp);
      return;
    }
    if (old != null) {
      // Owner and group first: changing them may clear mode bits. Where the process may not (not
      // root, not a member of the group), the file is the writer's, as any editor's save makes it.
      try {
        PosixFileAttributes now = view.readAttributes();
        if (!now.owner().equals(old.owner())) {
          view.setOwner(old.owner());
        }
        if (!now.group().equals(old.group())) {
          view.setGroup(old.group());
        }
      } catch (IOException e) {
        Log.LOG.log(System.Logger.Level.DEBUG, "cannot keep the owner of {0}: {1}", tmp, e.toString());
      }
    }
    if (mode != null) {
      view.setPermissions(mode);
    }
  }

  /**
   * Returns the start of the names of {@code target}'s temp files: {@link #TEMP_PREFIX}, then 16 hex
   * digits of a hash of the target's name, then a dash.
   */
  public static String tempPrefix(Path target) {
    byte[] name = target.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(name);
      return TEMP_PREFIX + HexFormat.of().formatHex(hash, 0, 8) + "-";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Removes {@code dir}'s temp files named {@code prefix}PID-RANDOM whose writer is gone: another
   * process's file that nobody holds a lock on. This process's own are live by definition (each
   * writer removes its own), and a lock test on them would drop the live writer's lock.
   */
  private static void removeStaleTemps(Path dir, String prefix) {
    String own = prefix + ProcessHandle.current().pid() + "-";
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(dir, e -> e.getFileName().toString().startsWith(prefix))) {
      for (Path entry : entries) {
        if (entry.getFileName().toString().startsWith(own)
            || !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try (FileChannel ch = FileChannel.open(entry, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            FileLock lock = ch.tryLock(0, Long.MAX_VALUE, true)) {
          if (lock != null) {
            Files.deleteIfExists(entry);
            Log.LOG.log(System.Logger.Level.DEBUG, "removed a stale temp file {0}", entry);
          }
        } catch (IOException | OverlappingFileLockException e) {
          Log.LOG.log(System.Logger.Level.DEBUG, "leaving temp file {0}: {1}", entry, e.toString());
        }
      }
    } catch (IOException e) {
      // The write itself will say why the directory cannot be used.
      Log.LOG.log(System.Logger.Level.DEBUG, "cannot list {0} for stale temp files: {1}", dir, e.toString());
    }
  }

  /** Syncs a directory so a rename or removal in it survives a crash; a no-op where impossible. */
  public static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform can open a directory; the rename is still atomic there.
      Log.LOG.log(System.Logger.Level.DEBUG, "could not sync directory {0}: {1}", dir, e.toString());
    }
  }
}
