package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.Violation.Rule;
import dev.jcdi.spec.Violation.Severity;
import java.util.List;

/** Assertions on what {@link SpecValidator} reports. */
final class Violations {
  private Violations() {}

  static void assertValid(Spec spec) {
    assertThat(SpecValidator.validate(spec)).as("violations of %s", spec).isEmpty();
    assertThat(SpecValidator.isValid(spec)).isTrue();
  }

  /** Asserts that {@code spec} has exactly one violation, an error of {@code rule} at {@code path}. */
  static Violation assertOnlyError(Spec spec, String path, Rule rule) {
    return assertOnly(spec, path, rule, Severity.ERROR);
  }

  /**
   * Returns {@code spec} as a file would give it: written as YAML (absent and empty fields are
   * left out) and read back, so that the validator can tell a missing required field.
   */
  static SpecDocument asRead(Spec spec) {
    try {
      return SpecReader.standard().parse(SpecWriter.toYaml(spec), SpecFormat.YAML, "spec.yaml");
    } catch (SpecParseException e) {
      throw new AssertionError(e);
    }
  }

  /** Asserts that the read spec has exactly one violation, an error of {@code rule} at {@code path}. */
  static Violation assertOnlyError(SpecDocument doc, String path, Rule rule) {
    List<Violation> all = SpecValidator.validate(doc);
    assertThat(all).as("violations of %s", doc.spec()).hasSize(1);
    Violation v = all.get(0);
    assertThat(v.path()).isEqualTo(path);
    assertThat(v.rule()).isEqualTo(rule);
    assertThat(v.severity()).isEqualTo(Severity.ERROR);
    return v;
  }

  static Violation assertOnly(Spec spec, String path, Rule rule, Severity severity) {
    List<Violation> all = SpecValidator.validate(spec);
    assertThat(all).as("violations of %s", spec).hasSize(1);
    Violation v = all.get(0);
    assertThat(v.path()).isEqualTo(path);
    assertThat(v.rule()).isEqualTo(rule);
    assertThat(v.severity()).isEqualTo(severity);
    assertThat(SpecValidator.isValid(spec)).isEqualTo(severity != Severity.ERROR);
    return v;
  }

  /** The spec-level edits path and a device's edits path, the two places edits live. */
  static final String SPEC_EDITS = "containerEdits";
  static final String DEVICE_EDITS = "devices[0].containerEdits";
}
