package dev.jcdi.spec;

import java.util.Objects;

/**
 * A field of a spec that only some spec versions have: the field, the first version with it and,
 * for a field that was later dropped, the last.
 *
 * @param field the field path, as {@link SpecDocument#position} takes it (e.g. {@code
 *     devices[0].containerEdits.additionalGids})
 * @param since the first version that has the field
 * @param until the last version that has it, or {@code null} when no version dropped it
 * @param what the field in words, e.g. {@code additionalGids}
 */
public record VersionRequirement(String field, SpecVersion since, SpecVersion until, String what) {

  /**
   * Checks that {@code field}, {@code since} and {@code what} are not {@code null}.
   *
   * @param field the field path, as {@link SpecDocument#position} takes it (e.g. {@code
   *     devices[0].containerEdits.additionalGids})
   * @param since the first version that has the field
   * @param until the last version that has it, or {@code null} when no version dropped it
   * @param what the field in words, e.g. {@code additionalGids}
   */
  public VersionRequirement {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(what, "what");
  }

  /**
   * {@return whether a spec of {@code version} may use this field}
   *
   * @param version the version
   */
  public boolean allows(SpecVersion version) {
    return version.isAtLeast(since) && (until == null || until.isAtLeast(version));
  }

  /** {@return the versions that have the field in words: {@code 0.7.0} or later, or {@code 0.7.0 to 1.0.0}} */
  public String versions() {
    return until == null ? since + " or later" : since + " to " + until;
  }

  @Override
  public String toString() {
    return field + ": " + what + " needs CDI " + versions();
  }
}
