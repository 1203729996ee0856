package dev.jcdi.spec;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Thrown when a spec file cannot be read as a spec: bad syntax, a duplicate or unknown key, a value
 * of the wrong type, trailing content, or a file over a limit. Each problem carries its line and
 * column; the message lists them as {@code source:line:col: message}.
 */
public final class SpecParseException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * One problem found while reading.
   *
   * @param fieldPath the field it concerns, e.g. {@code devices[0].name}, or empty for syntax
   * @param position where it is; line 1, column 1 when the whole file is concerned
   * @param message what is wrong
   */
  public record Problem(String fieldPath, SourcePosition position, String message) {
    /**
     * Checks the fields; a {@code null} position is the start of the file.
     *
     * @param fieldPath the field it concerns, e.g. {@code devices[0].name}, or empty for syntax
     * @param position where it is; line 1, column 1 when the whole file is concerned
     * @param message what is wrong
     */
    public Problem {
      position = position == null ? new SourcePosition(1, 1) : position;
      Objects.requireNonNull(fieldPath, "fieldPath");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The file or other source the problems were found in. */
  private final String source;
  private final transient List<Problem> problems;
  private final transient SpecDocument partial;

  /**
   * Returns an exception for the given problems, at least one, found in {@code source}.
   *
   * @param source the file or other source the problems were found in
   * @param problems the problems, at least one
   */
  public SpecParseException(String source, List<Problem> problems) {
    this(source, problems, null);
  }

  /**
   * Returns an exception for the given problems, with what could be read despite them: the fields
   * that had problems are absent from {@code partial}.
   *
   * @param source the file or other source the problems were found in
   * @param problems the problems, at least one
   * @param partial the spec as far as it could be read
   */
  public SpecParseException(String source, List<Problem> problems, SpecDocument partial) {
    super(format(source, problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems");
    }
    this.source = source;
    this.problems = List.copyOf(problems);
    this.partial = partial;
  }

  /**
   * {@return the spec as far as it could be read when the file was well-formed but some fields were
   * not (unknown keys, wrong types), so that a tool can report the spec's other problems too}
   */
  public java.util.Optional<SpecDocument> partialDocument() {
    return java.util.Optional.ofNullable(partial);
  }

  /**
   * Returns an exception for a single problem.
   *
   * @param source the file or other source the problem was found in
   * @param position where the problem is
   * @param message what is wrong
   */
  public SpecParseException(String source, SourcePosition position, String message) {
    this(source, List.of(new Problem("", position, message)));
  }

  /** {@return the file (or other source name) that was read} */
  public String source() {
    return source;
  }

  /** {@return every problem found, in file order} */
  public List<Problem> problems() {
    return problems;
  }

  private static String format(String source, List<Problem> problems) {
    return problems.stream()
        .map(p -> source + ":" + p.position() + ": " + p.message())
        .collect(Collectors.joining("\n"));
  }
}
