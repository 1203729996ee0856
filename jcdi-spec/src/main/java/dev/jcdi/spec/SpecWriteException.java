package dev.jcdi.spec;

import java.io.IOException;
import java.nio.file.Path;

/** Thrown when {@link SpecFiles} refuses to write or remove a spec file, naming the file and why. */
public final class SpecWriteException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  /**
   * Returns an exception for {@code file} with {@code message} saying why.
   *
   * @param file the spec file
   * @param message why it may not be written or removed
   */
  public SpecWriteException(Path file, String message) {
    super(file + ": " + message);
    this.file = file;
  }

  /**
   * Returns an exception for {@code file} with {@code message} saying why, caused by {@code cause}.
   *
   * @param file the spec file
   * @param message why it may not be written or removed
   * @param cause the failure that caused it
   */
  public SpecWriteException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  /** {@return the file concerned} */
  public Path file() {
    return file;
  }
}
