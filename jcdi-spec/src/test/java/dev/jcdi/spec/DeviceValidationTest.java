package dev.jcdi.spec;

import static dev.jcdi.spec.Violations.asRead;
import static dev.jcdi.spec.Violations.assertOnlyError;
import static dev.jcdi.spec.Violations.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.Violation.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Devices: a valid unique name and non-empty edits (cdi-reference.md §1, §3). */
class DeviceValidationTest {

  private static Spec named(String version, String name) {
    return Spec.builder(Specs.KIND).version(version).device(name, Specs.env("A=1")).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "d", "dev_1", "dev-1", "dev.1", "dev:1", "DEV", "a1"})
  void letterInitialNamesAreValidFromV030(String name) {
    assertValid(named("0.3.0", name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0dev", "1:2"})
  void digitInitialNamesNeedV050(String name) {
    assertValid(named("0.5.0", name));
    Violation v = assertOnlyError(named("0.4.0", name), "cdiVersion", Rule.VERSION_TOO_LOW);
    assertThat(v.message()).contains("at least v0.5.0");
  }

  @Test
  void deviceNameMayNotStartWithUnderscore() {
    Violation v = assertOnlyError(named("1.1.0", "_dev1"), "devices[0].name", Rule.DEVICE_NAME);
    assertThat(v.message()).contains("\"_dev1\"").contains("should start with a letter or digit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a dev ice", "dev=1", "dev/1", "dev-", "dev:", "-dev", "dév", ""})
  void namesBreakingTheCharacterRulesAreInvalid(String name) {
    assertOnlyError(named("1.1.0", name), "devices[0].name", Rule.DEVICE_NAME);
  }

  @Test
  void missingNameIsARequiredField() {
    assertOnlyError(asRead(named("1.1.0", null)), "devices[0].name", Rule.REQUIRED_FIELD);
  }

  @Test
  void duplicateNameIsReportedOnTheLaterDevice() {
    Spec spec = Spec.builder(Specs.KIND).version("0.3.0")
        .device("a", Specs.env("A=1")).device("b", Specs.env("A=1")).device("a", Specs.env("A=2")).build();
    Violation v = assertOnlyError(spec, "devices[2].name", Rule.DUPLICATE_DEVICE);
    assertThat(v.message()).contains("duplicate device \"a\"").contains("devices[0]");
  }

  @Test
  void namesAreCaseSensitive() {
    assertValid(Spec.builder(Specs.KIND).version("0.3.0").device("a", Specs.env("A=1")).device("A", Specs.env("A=1")).build());
  }

  @Test
  void missingEditsAreARequiredField() {
    Spec spec = Spec.builder(Specs.KIND).version("0.3.0").device(new Device("dev", null, null)).build();
    assertOnlyError(asRead(spec), "devices[0].containerEdits", Rule.REQUIRED_FIELD);
  }

  @Test
  void emptyEditsAreInvalid() {
    Violation v = assertOnlyError(Specs.withDeviceEdits("0.3.0", ContainerEdits.EMPTY), "devices[0].containerEdits", Rule.EMPTY_DEVICE_EDITS);
    assertThat(v.message()).contains("empty device edits");
  }

  @Test
  void editsWithOnlyEmptyListsAreEmpty() {
    ContainerEdits empties = new ContainerEdits(List.of(), List.of(), List.of(), List.of(), List.of(), null, List.of());
    assertOnlyError(Specs.withDeviceEdits("0.3.0", empties), "devices[0].containerEdits", Rule.EMPTY_DEVICE_EDITS);
  }

  @Test
  void editsWithOnlyAnEmptyIntelRdtAreNotEmpty() {
    assertValid(Specs.withDeviceEdits("0.7.0", ContainerEdits.builder().intelRdt(IntelRdt.EMPTY).build()));
  }

  @Test
  void editsWithOnlyGidZeroAreNotEmpty() {
    assertValid(Specs.withDeviceEdits("0.7.0", ContainerEdits.builder().additionalGids(0).build()));
  }

  @Test
  void emptySpecLevelEditsAreValid() {
    assertValid(Specs.withSpecEdits("0.3.0", ContainerEdits.EMPTY));
  }

  @Test
  void gidsOutOfUint32RangeAreInvalid() {
    Spec spec = Specs.withDeviceEdits("0.7.0", ContainerEdits.builder().additionalGids(1, -1, 4294967296L).build());
    assertThat(SpecValidator.validate(spec))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("devices[0].containerEdits.additionalGids[1]", Rule.INTEGER_RANGE),
            org.assertj.core.groups.Tuple.tuple("devices[0].containerEdits.additionalGids[2]", Rule.INTEGER_RANGE));
  }

  @Test
  void invalidAndDuplicateNameGiveTwoViolations() {
    Spec spec = Spec.builder(Specs.KIND).version("0.3.0").device("x-", Specs.env("A=1")).device("x-", Specs.env("A=1")).build();
    assertThat(SpecValidator.validate(spec))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("devices[0].name", Rule.DEVICE_NAME),
            org.assertj.core.groups.Tuple.tuple("devices[1].name", Rule.DEVICE_NAME),
            org.assertj.core.groups.Tuple.tuple("devices[1].name", Rule.DUPLICATE_DEVICE));
  }
}
