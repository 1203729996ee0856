package dev.jcdi.schema;

import dev.jcdi.spec.SourcePosition;
import java.util.Objects;

/**
 * One place where a spec file does not conform to a JSON Schema.
 *
 * @param instancePath the JSON pointer of the offending value in the spec file, e.g.
 *     {@code /devices/0/containerEdits/deviceNodes/1/major}; empty for the whole document
 * @param position where that value (or, for a property that is not allowed, its key) is written
 * @param message what rule the value breaks, e.g. {@code missing property "containerEdits"}
 */
public record SchemaViolation(String instancePath, SourcePosition position, String message) {
  /**
   * Checks that no component is {@code null}.
   *
   * @param instancePath the JSON pointer of the offending value in the spec file, e.g.
   *     {@code /devices/0/containerEdits/deviceNodes/1/major}; empty for the whole document
   * @param position where that value (or, for a property that is not allowed, its key) is written
   * @param message what rule the value breaks, e.g. {@code missing property "containerEdits"}
   */
  public SchemaViolation {
    Objects.requireNonNull(instancePath, "instancePath");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(message, "message");
  }

  /** Returns {@code at /devices/0: message}, or the message alone for the whole document. */
  @Override
  public String toString() {
    return instancePath.isEmpty() ? message : "at " + instancePath + ": " + message;
  }
}
