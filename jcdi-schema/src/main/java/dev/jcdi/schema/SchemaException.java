package dev.jcdi.schema;

/**
 * A JSON Schema that cannot be used: it does not parse, a keyword has a value of the wrong shape, a
 * pattern is not a regular expression, or a {@code $ref} points at nothing. The message names the
 * schema document and the place in it.
 */
public final class SchemaException extends Exception {
  private static final long serialVersionUID = 1L;

  public SchemaException(String message) {
    super(message);
  }

  public SchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
