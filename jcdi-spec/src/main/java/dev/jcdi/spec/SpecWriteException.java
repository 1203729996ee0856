package dev.jcdi.spec;

import java.io.IOException;
import java.nio.file.Path;

/** Thrown when {@link SpecFiles} refuses to write or remove a spec file, naming the file and why. */
public final class SpecWriteException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  public SpecWriteException(Path file, String message) {
    super(file + ": " + message);
    this.file = file;
  }

  public SpecWriteException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  /** {@return the file concerned} */
  public Path file() {
    return file;
  }
}
