package dev.jcdi.runtime;

import java.util.List;

/**
 * Thrown by {@link Registry#inject} when requested devices are not in the registry; nothing was
 * injected. The message is the reference's: {@code unresolvable CDI devices a, b}.
 */
public final class UnresolvedDevicesException extends InjectionException {
  private static final long serialVersionUID = 1L;
  /** The names that do not resolve, in request order. */
  private final List<String> unresolved;

  /**
   * Returns an exception for {@code unresolved}, in request order, duplicates kept; at least one.
   *
   * @param unresolved the names that do not resolve
   */
  public UnresolvedDevicesException(List<String> unresolved) {
    super("unresolvable CDI devices " + String.join(", ", unresolved));
    if (unresolved.isEmpty()) {
      throw new IllegalArgumentException("no unresolved devices");
    }
    this.unresolved = List.copyOf(unresolved);
  }

  /** {@return the names that did not resolve, in request order} */
  public List<String> unresolved() {
    return unresolved;
  }
}
