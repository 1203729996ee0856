package dev.jcdi.spec.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Turns I/O exceptions into the short reasons jcdi's errors carry after a path: the C library's text
 * for the errno as Go prints it ("no such file or directory", "not a directory"), never a temp
 * file's name or a Java class name.
 */
public final class IoMessages {
  private IoMessages() {}

  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return goText(f.getReason());
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : goText(e.getMessage());
  }

  /**
   * Returns strerror's text as Go's errno strings read: "Not a directory" is "not a directory";
   * Java's ELOOP text for a link it would not follow loses its addition.
   */
  static String goText(String reason) {
    String r = reason.replace(" or unable to access attributes of symbolic link", "");
    if (r.length() > 1 && Character.isUpperCase(r.charAt(0)) && Character.isLowerCase(r.charAt(1))) {
      r = Character.toLowerCase(r.charAt(0)) + r.substring(1);
    }
    return r;
  }
}
