package dev.jcdi.schema;

/**
 * A JSON Schema that cannot be used: it does not parse, a keyword has a value of the wrong shape, a
 * pattern is not a regular expression, or a {@code $ref} points at nothing. The message names the
 * schema document and the place in it.
 */
public final class SchemaException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Returns an exception with the given message.
   *
   * @param message what is wrong, naming the schema
   */
  public SchemaException(String message) {
    super(message);
  }

  /**
   * Returns an exception with the given message and cause.
   *
   * @param message what is wrong, naming the schema
   * @param cause the failure that caused it
   */
  public SchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
