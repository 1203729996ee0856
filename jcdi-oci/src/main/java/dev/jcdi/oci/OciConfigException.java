package dev.jcdi.oci;

import java.io.IOException;

/** Thrown when a text is not an acceptable OCI runtime config, naming the source, line and column. */
public final class OciConfigException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The file or other name of the input. */
  private final String source;

  /** The 1-based line, or 0 when unknown. */
  private final int line;

  /** The 1-based column, or 0 when unknown. */
  private final int column;

  /** The field the problem is in, or {@code ""}. */
  private final String fieldPath;

  /** What is wrong. */
  private final String problem;

  /**
   * Creates an exception for a problem in {@code source}.
   *
   * @param source the file or other name of the input
   * @param line the 1-based line, or 0 when unknown
   * @param column the 1-based column, or 0 when unknown
   * @param fieldPath the field the problem is in, e.g. {@code process.env[2]}, or {@code ""}
   * @param problem what is wrong
   */
  public OciConfigException(String source, int line, int column, String fieldPath, String problem) {
    super(format(source, line, column, problem));
    this.source = source;
    this.line = line;
    this.column = column;
    this.fieldPath = fieldPath == null ? "" : fieldPath;
    this.problem = problem;
  }

  private static String format(String source, int line, int column, String problem) {
    StringBuilder b = new StringBuilder(source);
    if (line > 0) {
      b.append(':').append(line);
      if (column > 0) {
        b.append(':').append(column);
      }
    }
    return b.append(": ").append(problem).toString();
  }

  /**
   * Returns the file or other name of the input.
   *
   * @return the file or other name of the input
   */
  public String source() {
    return source;
  }

  /**
   * Returns the 1-based line of the problem, or 0 when unknown.
   *
   * @return the 1-based line of the problem, or 0 when unknown
   */
  public int line() {
    return line;
  }

  /**
   * Returns the 1-based column of the problem, or 0 when unknown.
   *
   * @return the 1-based column of the problem, or 0 when unknown
   */
  public int column() {
    return column;
  }

  /**
   * Returns the field the problem is in, e.g. {@code process.env[2]}, or {@code ""}.
   *
   * @return the field path, or {@code ""}
   */
  public String fieldPath() {
    return fieldPath;
  }

  /**
   * Returns what is wrong, without the source and position.
   *
   * @return what is wrong, without the source and position
   */
  public String problem() {
    return problem;
  }
}
