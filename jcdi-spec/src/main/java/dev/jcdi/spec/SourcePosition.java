package dev.jcdi.spec;

/**
 * A place in a spec file, both numbers counting from 1.
 *
 * @param line the line
 * @param column the column
 */
public record SourcePosition(int line, int column) {

  /** Returns {@code line:column}. */
  @Override
  public String toString() {
    return line + ":" + column;
  }
}
