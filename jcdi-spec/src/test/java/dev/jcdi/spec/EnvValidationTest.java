package dev.jcdi.spec;

import static dev.jcdi.spec.Violations.assertOnlyError;
import static dev.jcdi.spec.Violations.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.Violation.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Env entries need a {@code =} that is not the first character (cdi-reference.md §4). */
class EnvValidationTest {

  @ParameterizedTest
  @ValueSource(strings = {"A=B", "A=", "A=B=C", " A=B", "a.b-c=x y"})
  void entryWithKeyAndEqualsIsValid(String entry) {
    assertValid(Specs.withDeviceEdits("0.3.0", Specs.env(entry)));
    assertValid(Specs.withSpecEdits("0.3.0", Specs.env(entry)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "=", "=X", "NOEQUALS"})
  void entryWithoutKeyOrEqualsIsInvalidInDeviceEdits(String entry) {
    Violation v = assertOnlyError(Specs.withDeviceEdits("0.3.0", Specs.env("OK=1", entry)), "devices[0].containerEdits.env[1]", Rule.ENV);
    assertThat(v.message()).contains("invalid environment variable \"" + entry + "\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "=X", "NOEQUALS"})
  void entryWithoutKeyOrEqualsIsInvalidInSpecEdits(String entry) {
    assertOnlyError(Specs.withSpecEdits("0.3.0", Specs.env(entry)), "containerEdits.env[0]", Rule.ENV);
  }

  @Test
  void everyBadEntryIsReported() {
    Spec spec = Specs.withDeviceEdits("0.3.0", Specs.env("=A", "B", "C=1", ""));
    assertThat(SpecValidator.validate(spec))
        .extracting(Violation::path)
        .containsExactly("devices[0].containerEdits.env[0]", "devices[0].containerEdits.env[1]", "devices[0].containerEdits.env[3]");
  }

  @Test
  void hookEnvFollowsTheSameRule() {
    Hook hook = new Hook("prestart", "/bin/hook", null, java.util.List.of("A=1", "=2"), null);
    Spec spec = Specs.withDeviceEdits("0.3.0", ContainerEdits.builder().hooks(hook).build());
    Violation v = assertOnlyError(spec, "devices[0].containerEdits.hooks[0].env[1]", Rule.HOOK_ENV);
    assertThat(v.message()).contains("\"=2\"");
  }

  @Test
  void newlineInAnEntryIsQuotedVisiblyInTheMessage() {
    Violation v = assertOnlyError(Specs.withDeviceEdits("0.3.0", Specs.env("A\nB")), "devices[0].containerEdits.env[0]", Rule.ENV);
    assertThat(v.message()).contains("\"A\\nB\"");
  }
}
