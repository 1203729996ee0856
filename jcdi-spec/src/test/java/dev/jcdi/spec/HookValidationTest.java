package dev.jcdi.spec;

import static dev.jcdi.spec.Violations.asRead;
import static dev.jcdi.spec.Violations.assertOnlyError;
import static dev.jcdi.spec.Violations.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.Violation.Rule;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hooks: a known OCI hook name, an absolute path, env entries, a positive timeout (cdi-reference.md §1, §4). */
class HookValidationTest {

  private static final String AT = "devices[0].containerEdits.hooks[0]";

  private static Spec hook(Hook h) {
    return Specs.withDeviceEdits("0.3.0", ContainerEdits.builder().hooks(h).build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"})
  void everyOciHookNameIsValid(String name) {
    assertValid(hook(Hook.of(name, "/usr/bin/hook", "hook", "--flag")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"misCreateRuntime", "Prestart", "prestart ", "", "poststop2"})
  void otherHookNamesAreInvalid(String name) {
    Violation v = assertOnlyError(hook(Hook.of(name, "/usr/bin/hook")), AT + ".hookName", Rule.HOOK_NAME);
    assertThat(v.message()).contains("invalid hook name \"" + name + "\"");
  }

  @Test
  void missingHookNameIsARequiredField() {
    assertOnlyError(asRead(hook(Hook.of(null, "/usr/bin/hook"))), AT + ".hookName", Rule.REQUIRED_FIELD);
  }

  @Test
  void missingPathIsARequiredField() {
    assertOnlyError(asRead(hook(Hook.of("prestart", null))), AT + ".path", Rule.REQUIRED_FIELD);
  }

  @Test
  void emptyPathIsInvalid() {
    Violation v = assertOnlyError(hook(Hook.of("prestart", "")), AT + ".path", Rule.HOOK_PATH);
    assertThat(v.message()).contains("invalid hook \"prestart\" with empty path");
  }

  @Test
  void hookPathRelativeIsAnError() {
    Violation v = assertOnlyError(hook(Hook.of("poststop", "bin/hook")), AT + ".path", Rule.HOOK_PATH);
    assertThat(v.message()).contains("\"bin/hook\"").contains("not absolute");
  }

  @Test
  void positiveTimeoutIsValid() {
    assertValid(hook(new Hook("prestart", "/bin/h", null, null, OptionalLong.of(1L))));
    assertValid(hook(new Hook("prestart", "/bin/h", null, null, null)));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void hookTimeoutZeroOrNegativeIsAnError(long timeout) {
    Violation v = assertOnlyError(hook(new Hook("prestart", "/bin/h", null, null, OptionalLong.of(timeout))), AT + ".timeout", Rule.HOOK_TIMEOUT);
    assertThat(v.message()).contains("must be greater than zero");
  }

  @Test
  void badEnvIsReportedAtItsIndex() {
    Hook h = new Hook("poststart", "/usr/local/bin/cr-vendor-hook", List.of("--debug"), List.of("=value2"), null);
    assertOnlyError(hook(h), AT + ".env[0]", Rule.HOOK_ENV);
  }

  @Test
  void argsAreNotConstrained() {
    assertValid(hook(new Hook("prestart", "/bin/h", List.of("", "=", " "), null, null)));
  }

  @Test
  void everyBrokenFieldOfAHookIsReported() {
    Hook h = new Hook("nope", "rel", null, List.of("X"), OptionalLong.of(0L));
    assertThat(SpecValidator.validate(hook(h)))
        .extracting(Violation::rule)
        .containsExactly(Rule.HOOK_NAME, Rule.HOOK_PATH, Rule.HOOK_ENV, Rule.HOOK_TIMEOUT);
  }
}
