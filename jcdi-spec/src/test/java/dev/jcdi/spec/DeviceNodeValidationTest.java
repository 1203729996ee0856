package dev.jcdi.spec;

import static dev.jcdi.spec.Violations.asRead;
import static dev.jcdi.spec.Violations.assertOnlyError;
import static dev.jcdi.spec.Violations.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.Violation.Rule;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Device nodes: a path, a type of b/c/u/p, permissions from rwm or none, 32-bit ids (cdi-reference.md §1, §4). */
class DeviceNodeValidationTest {

  private static final String AT = "devices[0].containerEdits.deviceNodes[0]";

  private static Spec node(DeviceNode n) {
    return Specs.withDeviceEdits("0.3.0", ContainerEdits.builder().deviceNodes(n).build());
  }

  private static DeviceNode typed(String type) {
    return new DeviceNode("/dev/x", null, Optional.ofNullable(type), OptionalLong.of(1L), OptionalLong.of(2L), null, null, null, null);
  }

  @Test
  void pathOnlyIsValid() {
    assertValid(node(DeviceNode.of("/dev/null")));
  }

  @Test
  void relativePathIsAnError() {
    // the reference does not require an absolute container path; OCI does (issue 9, docs/differences.md)
    assertOnlyError(node(DeviceNode.of("dev/null")), AT + ".path", Rule.DEVICE_NODE_PATH);
  }

  @Test
  void missingPathIsARequiredField() {
    assertOnlyError(asRead(node(new DeviceNode(null, null, Optional.of("c"), OptionalLong.of(1L), OptionalLong.of(3L), null, null, null, null))), AT + ".path", Rule.REQUIRED_FIELD);
  }

  @Test
  void emptyPathIsInvalid() {
    Violation v = assertOnlyError(node(DeviceNode.of("")), AT + ".path", Rule.DEVICE_NODE_PATH);
    assertThat(v.message()).contains("invalid (empty) device path");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "b", "c", "u", "p"})
  void typeIsBCUPOrEmpty(String type) {
    assertValid(node(typed(type)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"f", "B", "C", "cc", " c"})
  void otherTypesAreInvalid(String type) {
    Violation v = assertOnlyError(node(typed(type)), AT + ".type", Rule.DEVICE_NODE_TYPE);
    assertThat(v.message()).contains("\"/dev/x\"").contains("invalid type \"" + type + "\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "r", "w", "m", "rw", "rwm", "mr", "rrww", "none"})
  void permissionsAreLettersFromRwmOrNone(String perms) {
    assertValid(node(DeviceNode.of("/dev/x").withPermissions(perms)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"to land", "NONE", "rwx", "R", "none ", " r", "rw\n"})
  void otherPermissionsAreInvalid(String perms) {
    Violation v = assertOnlyError(node(DeviceNode.of("/dev/x").withPermissions(perms)), AT + ".permissions", Rule.DEVICE_NODE_PERMISSIONS);
    assertThat(v.message()).contains("invalid permissions");
  }

  @Test
  void idsAndModeAcceptTheWholeUint32Range() {
    assertValid(node(DeviceNode.of("/dev/x").withFileMode(0L).withOwner(0L, 4294967295L)));
    assertValid(node(DeviceNode.of("/dev/x").withFileMode(4294967295L).withOwner(4294967295L, 0L)));
  }

  @Test
  void negativeUidIsOutOfRange() {
    assertOnlyError(node(new DeviceNode("/dev/x", null, null, null, null, null, null, OptionalLong.of(-1L), null)), AT + ".uid", Rule.INTEGER_RANGE);
  }

  @Test
  void gidOverUint32IsOutOfRange() {
    assertOnlyError(node(new DeviceNode("/dev/x", null, null, null, null, null, null, null, OptionalLong.of(4294967296L))), AT + ".gid", Rule.INTEGER_RANGE);
  }

  @Test
  void fileModeOverUint32IsOutOfRange() {
    assertOnlyError(node(DeviceNode.of("/dev/x").withFileMode(1L << 32)), AT + ".fileMode", Rule.INTEGER_RANGE);
  }

  @Test
  void majorAndMinorMayBeAnyNonNegativeInt64() {
    assertValid(node(new DeviceNode("/dev/x", null, Optional.of("c"), OptionalLong.of(0L), OptionalLong.of(Long.MAX_VALUE), null, null, null, null)));
  }

  @Test
  void negativeMajorIsRejectedBecauseACgroupRuleReadsItAsAny() {
    assertOnlyError(node(new DeviceNode("/dev/x", null, Optional.of("c"), OptionalLong.of(-1L), OptionalLong.of(3L), null, null, null, null)), AT + ".major", Rule.INTEGER_RANGE);
  }

  @Test
  void negativeMinorIsRejected() {
    assertOnlyError(node(new DeviceNode("/dev/x", null, Optional.of("c"), OptionalLong.of(1L), OptionalLong.of(-5L), null, null, null, null)), AT + ".minor", Rule.INTEGER_RANGE);
  }

  @Test
  void specLevelNodesAreCheckedToo() {
    Spec spec = Specs.withSpecEdits("0.3.0", ContainerEdits.builder().deviceNodes(DeviceNode.of("/a"), typed("z")).build());
    assertOnlyError(spec, "containerEdits.deviceNodes[1].type", Rule.DEVICE_NODE_TYPE);
  }

  @Test
  void everyBrokenFieldOfANodeIsReported() {
    DeviceNode bad = new DeviceNode("", null, Optional.of("x"), null, null, OptionalLong.of(-1L), Optional.of("q"), null, null);
    assertThat(SpecValidator.validate(node(bad)))
        .extracting(Violation::path)
        .containsExactlyInAnyOrder(AT + ".path", AT + ".type", AT + ".permissions", AT + ".fileMode");
  }
}
