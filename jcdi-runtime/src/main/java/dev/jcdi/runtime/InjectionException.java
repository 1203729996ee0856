package dev.jcdi.runtime;

/** Thrown when container edits cannot be applied to an OCI config; the config is left unchanged. */
public class InjectionException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given message.
   *
   * @param message what went wrong
   */
  public InjectionException(String message) {
    super(message);
  }

  /**
   * Creates an exception with the given message and cause.
   *
   * @param message what went wrong
   * @param cause the failure that caused it
   */
  public InjectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
