package dev.jcdi.runtime;

/** Thrown when a CDI device-request annotation key or value breaks the annotation rules. */
public final class InvalidAnnotationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given message.
   *
   * @param message what is wrong, naming the annotation
   */
  public InvalidAnnotationException(String message) {
    super(message);
  }

  /**
   * Creates an exception with the given message and cause.
   *
   * @param message what is wrong, naming the annotation
   * @param cause the failure that caused it
   */
  public InvalidAnnotationException(String message, Throwable cause) {
    super(message, cause);
  }
}
