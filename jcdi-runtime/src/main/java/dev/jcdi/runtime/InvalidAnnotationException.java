package dev.jcdi.runtime;

/** Thrown when a CDI device-request annotation key or value breaks the annotation rules. */
public final class InvalidAnnotationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with the given message. */
  public InvalidAnnotationException(String message) {
    super(message);
  }

  /** Creates an exception with the given message and cause. */
  public InvalidAnnotationException(String message, Throwable cause) {
    super(message, cause);
  }
}
