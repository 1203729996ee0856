package dev.jcdi.spec.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Why a file listed in a spec directory cannot be read as a spec, in the words that the registry
 * and {@code cdi validate} both use, so that one file gets one reason wherever it is reported.
 */
public final class SpecFileProblems {
  private SpecFileProblems() {}

  /** A FIFO, a device, a socket: never opened, since reading one could block forever. */
  public static final String NOT_REGULAR = "not a regular file";

  /** A symbolic link whose target does not exist. */
  public static final String DANGLING = "failed to read spec file: dangling symbolic link";

  /** Returns the reason for a spec file that could not be read or examined. */
  public static String readError(IOException e) {
    return "failed to read spec file: " + IoMessages.reason(e);
  }

  /** Returns the reason for a spec directory that could not be listed. */
  public static String dirError(IOException e) {
    return "failed to read spec directory: " + IoMessages.reason(e);
  }

  /**
   * Returns why the name of {@code entry}, a path as a directory listing gave it, cannot be used,
   * or empty when it can. A file name is bytes; Java holds it as text decoded with the JVM's file
   * name encoding ({@code sun.jnu.encoding}, from the locale), and a name that does not decode
   * (invalid UTF-8, or any non-ASCII byte under the C locale) has no text that names the file: the
   * text differs from the name, or names another file. Such a file is one error, never skipped.
   */
  public static Optional<String> unusableName(Path entry) {
    Path name = entry.getFileName();
    if (name == null) {
      return Optional.empty();
    }
    String text = name.toString();
    try {
      if (Path.of(text).equals(name)) { // byte for byte
        return Optional.empty();
      }
    } catch (InvalidPathException e) {
      // text that cannot be encoded back: the name is not in the file name encoding
    }
    String encoding = System.getProperty("sun.jnu.encoding", "unknown");
    String hint = encoding.equalsIgnoreCase("UTF-8")
        ? "rename the file"
        : "run jcdi under a UTF-8 locale (LC_ALL=C.UTF-8; ./cdi does) or rename the file";
    return Optional.of("file name \"" + escapedName(entry) + "\" is not valid in the file name encoding "
        + encoding + ": " + hint);
  }

  /**
   * Returns the bytes of {@code entry}'s file name as text: printable ASCII as it is, every other
   * byte as {@code \xNN}. The raw bytes are read from the path's URI, which Java builds from them.
   */
  static String escapedName(Path entry) {
    String raw = entry.toAbsolutePath().toUri().getRawPath();
    if (raw.endsWith("/") && raw.length() > 1) {
      raw = raw.substring(0, raw.length() - 1);
    }
    raw = raw.substring(raw.lastIndexOf('/') + 1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      int c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        c = Integer.parseInt(raw.substring(i + 1, i + 3), 16);
        i += 2;
      }
      if (c == '\\') {
        b.append("\\\\");
      } else if (c >= 0x20 && c < 0x7f) {
        b.append((char) c);
      } else {
        b.append(String.format("\\x%02x", c));
      }
    }
    return b.toString();
  }

  /**
   * Examines a listed spec file without opening it: returns why it cannot be read as a spec (its
   * name, a loop of links, a dangling link, not a regular file, permission denied), or empty.
   */
  public static Optional<String> examine(Path file) {
    Optional<String> name = unusableName(file);
    if (name.isPresent()) {
      return name;
    }
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.isRegularFile() ? Optional.empty() : Optional.of(NOT_REGULAR);
    } catch (NoSuchFileException e) {
      // a file that is not there at all is no spec file: the registry drops it, validate was given a wrong name
      return Optional.of(Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? DANGLING : "no such file or directory");
    } catch (IOException e) {
      return Optional.of(readError(e));
    }
  }
}
