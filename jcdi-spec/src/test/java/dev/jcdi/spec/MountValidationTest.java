package dev.jcdi.spec;

import static dev.jcdi.spec.Violations.asRead;
import static dev.jcdi.spec.Violations.assertOnlyError;
import static dev.jcdi.spec.Violations.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.Violation.Rule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Mounts need a host path and a container path (cdi-reference.md §1). */
class MountValidationTest {

  private static final String AT = "devices[0].containerEdits.mounts[0]";

  private static Spec mount(Mount m) {
    return Specs.withDeviceEdits("0.4.0", ContainerEdits.builder().mounts(m).build());
  }

  @Test
  void hostAndContainerPathAreEnough() {
    assertValid(mount(Mount.of("/dev/vendorctl", "/dev/vendorctl")));
  }

  @Test
  void typeAndOptionsAreNotConstrained() {
    // a relative host path is the source of mounts such as tmpfs; the container path must be absolute
    assertValid(mount(new Mount("relative/host", "/rel", List.of("anything", ""), Optional.of("whatever"))));
  }

  @Test
  void emptyHostPathIsInvalid() {
    Violation v = assertOnlyError(mount(Mount.of("", "/dev/vendorctl")), AT + ".hostPath", Rule.MOUNT_HOST_PATH);
    assertThat(v.message()).contains("empty host path");
  }

  @Test
  void missingHostPathIsARequiredField() {
    assertOnlyError(asRead(mount(Mount.of(null, "/c"))), AT + ".hostPath", Rule.REQUIRED_FIELD);
  }

  @Test
  void emptyContainerPathIsInvalid() {
    Violation v = assertOnlyError(mount(Mount.of("/dev/vendorctl", "")), AT + ".containerPath", Rule.MOUNT_CONTAINER_PATH);
    assertThat(v.message()).contains("empty container path");
  }

  @Test
  void missingContainerPathIsARequiredField() {
    assertOnlyError(asRead(mount(Mount.of("/h", null))), AT + ".containerPath", Rule.REQUIRED_FIELD);
  }

  @Test
  void bothPathsMissingGiveTwoViolations() throws SpecParseException {
    SpecDocument doc = SpecReader.standard().parse(
        "cdiVersion: 0.3.0\nkind: vendor.com/class\ndevices:\n- name: d\n  containerEdits:\n    mounts:\n    - hostPath: \"\"\n",
        SpecFormat.YAML, "m.yaml");
    assertThat(SpecValidator.validate(doc))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AT + ".hostPath", Rule.MOUNT_HOST_PATH),
            org.assertj.core.groups.Tuple.tuple(AT + ".containerPath", Rule.REQUIRED_FIELD));
  }
}
