package dev.jcdi.spec.internal;

import java.io.IOException;

/**
 * Bytes that are not a well-formed binary form: truncated, a length past the end, an over-long
 * varint or an unknown flag. The message says what was wrong and at which offset.
 */
public final class CorruptDataException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, with the offset
   */
  public CorruptDataException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what was wrong, with the offset
   * @param cause what refused the decoded value
   */
  public CorruptDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
