package dev.jcdi.spec;

import static dev.jcdi.spec.Violations.asRead;
import static dev.jcdi.spec.Violations.assertOnlyError;
import static dev.jcdi.spec.Violations.assertValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.jcdi.spec.Violation.Rule;
import dev.jcdi.spec.Violation.Severity;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The spec as a whole: version, kind, devices; every violation reported with its path. */
class SpecValidatorTest {

  @Test
  void minimalSpecIsValid() {
    assertValid(Specs.minimal("0.3.0").build());
  }

  @Test
  void missingKindIsARequiredField() {
    assertOnlyError(asRead(Specs.minimal("0.3.0").kind(null).build()), "kind", Rule.REQUIRED_FIELD);
  }

  @Test
  void kindWithoutClassIsInvalid() {
    Violation v = assertOnlyError(Specs.minimal("0.3.0").kind("vendor.com").build(), "kind", Rule.KIND);
    assertThat(v.message()).contains("missing vendor");
  }

  @Test
  void kindWithBadVendorIsInvalid() {
    Violation v = assertOnlyError(Specs.minimal("0.3.0").kind("vendor.com-/class").build(), "kind", Rule.KIND);
    assertThat(v.message()).contains("vendor.com-").contains("should end with a letter or digit");
  }

  @Test
  void kindWithBadClassIsInvalid() {
    Violation v = assertOnlyError(Specs.minimal("0.3.0").kind("vendor.com/device=").build(), "kind", Rule.KIND);
    assertThat(v.message()).contains("\"device=\"").contains("should end with a letter or digit");
  }

  @Test
  void dotInClassNeedsV060() {
    assertValid(Specs.minimal("0.6.0").kind("vendor.com/cl.ass").build());
    Violation v = assertOnlyError(Specs.minimal("0.5.0").kind("vendor.com/cl.ass").build(), "cdiVersion", Rule.VERSION_TOO_LOW);
    assertThat(v.message()).contains("the spec version must be at least v0.6.0");
  }

  @Test
  void dotInVendorIsValidAtV030() {
    assertValid(Specs.minimal("0.3.0").kind("a.b.c/class").build());
  }

  @Test
  void missingDevicesIsARequiredField() {
    Spec spec = new Spec("0.3.0", Specs.KIND, null, null, null);
    assertOnlyError(asRead(spec), "devices", Rule.REQUIRED_FIELD);
  }

  @Test
  void emptyDevicesIsNoDevices() {
    Spec spec = new Spec("0.3.0", Specs.KIND, null, List.of(), Specs.env("A=1"));
    Violation v = assertOnlyError(spec, "devices", Rule.NO_DEVICES);
    assertThat(v.message()).contains("at least one device");
  }

  @Test
  void allViolationsAreReturned() {
    Spec spec =
        Spec.builder("vendor.com/cl/ass")
            .version("1.1.0")
            .device("_bad", Specs.env("=X"))
            .build();
    assertThat(SpecValidator.validate(spec))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(
            tuple("kind", Rule.KIND),
            tuple("devices[0].name", Rule.DEVICE_NAME),
            tuple("devices[0].containerEdits.env[0]", Rule.ENV));
  }

  @Test
  void violationsDeepInsideAreReportedWithTheirFullPath() {
    Spec spec = Spec.builder(Specs.KIND).version("0.3.0")
        .device("d0", Specs.env("A=1"))
        .device("d1", Specs.env("A=1"))
        .device(Device.builder("d2").edit(b -> b.deviceNodes(DeviceNode.of("/dev/ok"), DeviceNode.of("/dev/x").withPermissions("rwx"))).build())
        .build();
    assertOnlyError(spec, "devices[2].containerEdits.deviceNodes[1].permissions", Rule.DEVICE_NODE_PERMISSIONS);
  }

  @Test
  void violationsFollowTheOrderOfTheSpecFields() {
    Spec spec = new Spec("9.9.9", null, java.util.Map.of("-", "x"), List.of(new Device(null, null, null)), Specs.env("X"));
    assertThat(SpecValidator.validate(spec))
        .extracting(Violation::path)
        .containsExactly("cdiVersion", "kind", "annotations[\"-\"]", "containerEdits.env[0]", "devices[0].name", "devices[0].containerEdits");
  }

  @Test
  void requireValidThrowsListingEveryViolation() {
    Spec spec = Spec.builder("bad").version("1.1.0").device("_x", Specs.env("Y")).build();
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> SpecValidator.requireValid(spec, "/etc/cdi/x.yaml"));
    assertThat(e.violations()).hasSize(3);
    assertThat(e.getMessage())
        .startsWith("invalid CDI spec /etc/cdi/x.yaml: ")
        .contains("kind: ")
        .contains("devices[0].name: ")
        .contains("devices[0].containerEdits.env[0]: ");
  }

  @Test
  void requireValidReturnsTheWarningsOfAValidSpec() {
    Spec spec = Specs.withDeviceEdits("0.7.0", ContainerEdits.builder().intelRdt(new IntelRdt(null, null, null, null, null, Optional.of(true), null)).build());
    assertThat(SpecValidator.requireValid(spec, null)).extracting(Violation::severity).containsExactly(Severity.WARNING);
    assertThat(SpecValidator.requireValid(Specs.minimal("0.3.0").build(), null)).isEmpty();
  }

  @Test
  void unknownVersionStillValidatesTheRest() {
    Spec spec = Specs.minimal("2.0.0").device("_d", Specs.env("A=1")).build();
    assertThat(SpecValidator.validate(spec)).extracting(Violation::rule).containsExactly(Rule.VERSION_UNKNOWN, Rule.DEVICE_NAME);
  }

  @Test
  void everyRuleHasACaseThatBreaksIt() {
    ContainerEdits badEdits = new ContainerEdits(
        List.of("NOEQUALS"),
        List.of(new DeviceNode("", null, Optional.of("x"), null, null, OptionalLong.of(-1L), Optional.of("q"), null, null)),
        List.of(NetDevice.of("", "a"), NetDevice.of("h", "a")),
        List.of(new Hook("nope", "", null, List.of("=x"), OptionalLong.of(0L))),
        List.of(Mount.of("", "")),
        Optional.ofNullable(new IntelRdt(Optional.of(".."), null, null, null, null, Optional.of(true), null)),
        null);
    List<Spec> broken = List.of(
        new Spec(null, null, null, null, null),
        Specs.minimal("7.0.0").build(),
        Specs.minimal("0.3.0").annotation("bad key", "v").build(),
        Specs.minimal("0.6.0").annotation("k", "v".repeat(SpecValidator.MAX_ANNOTATIONS_SIZE)).build(),
        Specs.minimal("1.1.0").kind("bad").build(),
        new Spec("0.3.0", Specs.KIND, null, List.of(), null),
        Spec.builder(Specs.KIND).version("0.3.0").device("_a", ContainerEdits.EMPTY).device("_a", Specs.env("A=1")).build(),
        Specs.withDeviceEdits("1.1.0", badEdits),
        Specs.withDeviceEdits("0.3.0", ContainerEdits.builder().mounts(Mount.of("/h", "/dev/../proc")).build()));
    java.util.Set<Rule> seen = java.util.EnumSet.noneOf(Rule.class);
    broken.forEach(s -> SpecValidator.validate(s).forEach(v -> seen.add(v.rule())));
    // a missing required field is known only from a file
    SpecValidator.validate(Violations.asRead(new Spec(null, null, null, null, null))).forEach(v -> seen.add(v.rule()));
    assertThat(seen).containsExactlyInAnyOrder(Rule.values());
  }

  @Test
  void violationToStringNamesPathAndSeverity() {
    assertThat(new Violation("kind", Rule.KIND, Severity.ERROR, "bad")).hasToString("kind: bad");
    assertThat(new Violation("x", Rule.REMOVED_FIELD, Severity.WARNING, "w")).hasToString("x: warning: w");
    assertThat(new Violation("", Rule.KIND, Severity.ERROR, "whole")).hasToString("whole");
  }
}
