package dev.jcdi.spec;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a spec breaks one or more rules of the CDI spec; lists every broken rule. */
public final class InvalidSpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient List<Violation> violations;

  /**
   * Returns an exception for the given violations of the spec read from {@code source}.
   *
   * @param source the file or other source the spec was read from, or {@code null} when unknown
   * @param violations every violation found, errors and warnings; at least one error
   */
  public InvalidSpecException(String source, List<Violation> violations) {
    super(
        (source == null ? "invalid CDI spec" : "invalid CDI spec " + source)
            + ": "
            + violations.stream().filter(Violation::isError).map(Violation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** {@return every violation, errors and warnings} */
  public List<Violation> violations() {
    return violations;
  }
}
