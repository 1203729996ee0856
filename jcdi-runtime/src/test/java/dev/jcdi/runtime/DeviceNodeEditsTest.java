package dev.jcdi.runtime;

import dev.jcdi.oci.OciConfig;
import static dev.jcdi.runtime.TestConfigs.apply;
import static dev.jcdi.runtime.TestConfigs.assertApplies;
import static dev.jcdi.runtime.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.DeviceNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceNodeEditsTest {

  /** /dev/null as the host has it: c 1:3, mode 0666 (438). */
  private static final String DEV_NULL = "{'path':'/dev/null','type':'c','major':1,'minor':3,'fileMode':438}";

  private static final String RWM_1_3 = "{'allow':true,'type':'c','major':1,'minor':3,'access':'rwm'}";

  private static ContainerEdits nodes(DeviceNode... nodes) {
    return ContainerEdits.builder().deviceNodes(nodes).build();
  }

  private static DeviceNode node(String path, String hostPath, String type, Long major, Long minor) {
    return new DeviceNode(path, Optional.ofNullable(hostPath), Optional.ofNullable(type), (major == null ? OptionalLong.empty() : OptionalLong.of(major)), (minor == null ? OptionalLong.empty() : OptionalLong.of(minor)), null, null, null, null);
  }

  @Test
  void aPathOnlyNodeIsFilledFromTheHostWithAnRwmRule() {
    assertApplies(
        "{}",
        nodes(DeviceNode.of("/dev/null")),
        "{'linux':{'devices':[" + DEV_NULL + "],'resources':{'devices':[" + RWM_1_3 + "]}}}");
  }

  @Test
  void theHostPathIsReadButOnlyThePathIsWritten() {
    assertApplies(
        "{}",
        nodes(DeviceNode.of("/dev/mydev", "/dev/zero")),
        "{'linux':{'devices':[{'path':'/dev/mydev','type':'c','major':1,'minor':5,'fileMode':438}],"
            + "'resources':{'devices':[{'allow':true,'type':'c','major':1,'minor':5,'access':'rwm'}]}}}");
  }

  @Test
  void aTypeWithoutMajorIsNotMinimalAndGetsNumbersFromTheHost() {
    assertApplies(
        "{}",
        nodes(node("/dev/null", null, "c", null, 9L)),
        "{'linux':{'devices':[" + DEV_NULL + "],'resources':{'devices':[" + RWM_1_3 + "]}}}");
  }

  @Test
  void aMinimalNodeKeepsItsNumbersButTakesTheHostMode() {
    assertApplies(
        "{}",
        nodes(node("/dev/null", null, "c", 99L, 7L)),
        "{'linux':{'devices':[{'path':'/dev/null','type':'c','major':99,'minor':7,'fileMode':438}],"
            + "'resources':{'devices':[{'allow':true,'type':'c','major':99,'minor':7,'access':'rwm'}]}}}");
  }

  @Test
  void aMinimalNodeWhoseHostNodeIsMissingIsUsedAsSpecified() {
    assertApplies(
        "{}",
        nodes(node("/dev/jcdi-test-missing", null, "c", 10L, 200L)),
        "{'linux':{'devices':[{'path':'/dev/jcdi-test-missing','type':'c','major':10,'minor':200}],"
            + "'resources':{'devices':[{'allow':true,'type':'c','major':10,'minor':200,'access':'rwm'}]}}}");
  }

  @Test
  void aFifoIsMinimalWithoutNumbers() {
    assertApplies(
        "{}",
        nodes(node("/dev/jcdi-test-fifo", null, "p", null, null)),
        "{'linux':{'devices':[{'path':'/dev/jcdi-test-fifo','type':'p','major':0,'minor':0}]}}");
  }

  @Test
  void aMissingHostNodeWithoutMinimalSpecificationFails() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(DeviceNode.of("/dev/x", "/nonexistent/jcdi"))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("failed to stat CDI host device \"/nonexistent/jcdi\": no such file or directory");
  }

  @Test
  void aTypeWithoutMajorIsNotEnoughWhenTheHostNodeIsMissing() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(node("/dev/x", "/nonexistent/jcdi", "c", null, 4L))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("failed to stat CDI host device \"/nonexistent/jcdi\": no such file or directory");
  }

  @Test
  void aRegularFileIsNotADeviceNode(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(DeviceNode.of("/dev/x", file.toString()))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("failed to stat CDI host device \"" + file + "\": not a device node");
  }

  @Test
  void aSymlinkToADeviceIsNotFollowed(@TempDir Path dir) throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("null-link"), Path.of("/dev/null"));
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(DeviceNode.of("/dev/x", link.toString()))))
        .isInstanceOf(InjectionException.class)
        .hasMessageEndingWith(": not a device node");
    Files.delete(link); // JUnit warns about links that point out of the temp dir
  }

  @Test
  void aTypeThatDiffersFromTheHostIsAMismatch() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(node("/dev/null", null, "b", null, null))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("CDI device (\"/dev/null\", \"/dev/null\"), host type mismatch (b, c)");
  }

  @Test
  void typeUWithoutMajorAlwaysMismatchesBecauseHostsNeverReportU() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(node("/dev/x", "/dev/null", "u", null, null))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("CDI device (\"/dev/x\", \"/dev/null\"), host type mismatch (u, c)");
  }

  @Test
  void anExplicitFileModeIsKept() {
    OciConfig result = apply("{}", nodes(DeviceNode.of("/dev/null").withFileMode(0600L)));
    assertThat(result.linuxDevices()).containsExactly(new OciConfig.LinuxDevice("/dev/null", "c", OptionalLong.of(1L), OptionalLong.of(3L), OptionalLong.of(0600L), null, null));
  }

  @Test
  void permissionsNoneGivesARuleWithoutAccess() {
    assertApplies(
        "{}",
        nodes(DeviceNode.of("/dev/null").withPermissions("none")),
        "{'linux':{'devices':[" + DEV_NULL + "],'resources':{'devices':[{'allow':true,'type':'c','major':1,'minor':3}]}}}");
  }

  @Test
  void omittedPermissionsMeanRwmAndGivenOnesAreUsed() {
    assertThat(apply("{}", nodes(DeviceNode.of("/dev/null").withPermissions(""))).deviceRules())
        .containsExactly(new OciConfig.DeviceRule(Optional.of(true), Optional.of("c"), OptionalLong.of(1L), OptionalLong.of(3L), Optional.of("rwm")));
    assertThat(apply("{}", nodes(DeviceNode.of("/dev/null").withPermissions("rw"))).deviceRules())
        .containsExactly(new OciConfig.DeviceRule(Optional.of(true), Optional.of("c"), OptionalLong.of(1L), OptionalLong.of(3L), Optional.of("rw")));
  }

  @Test
  void uidAndGidComeFromProcessUserWhenAboveZero() {
    OciConfig result = apply("{'process':{'user':{'uid':1000,'gid':1001}}}", nodes(DeviceNode.of("/dev/null")));
    assertThat(result.linuxDevices()).containsExactly(new OciConfig.LinuxDevice("/dev/null", "c", OptionalLong.of(1L), OptionalLong.of(3L), OptionalLong.of(438L), OptionalLong.of(1000L), OptionalLong.of(1001L)));
  }

  @Test
  void aProcessUserOfZeroGivesNoOwner() {
    OciConfig result = apply("{'process':{'user':{'uid':0,'gid':0}}}", nodes(DeviceNode.of("/dev/null")));
    assertThat(result.linuxDevices()).containsExactly(new OciConfig.LinuxDevice("/dev/null", "c", OptionalLong.of(1L), OptionalLong.of(3L), OptionalLong.of(438L), null, null));
  }

  @Test
  void anExplicitUidZeroIsKept() {
    OciConfig result =
        apply("{'process':{'user':{'uid':1000,'gid':1001}}}", nodes(new DeviceNode("/dev/null", null, null, null, null, null, null, OptionalLong.of(0L), null)));
    assertThat(result.linuxDevices()).containsExactly(new OciConfig.LinuxDevice("/dev/null", "c", OptionalLong.of(1L), OptionalLong.of(3L), OptionalLong.of(438L), OptionalLong.of(0L), OptionalLong.of(1001L)));
  }

  @Test
  void aDeviceWithTheSamePathIsReplacedAndMovesToTheEnd() {
    assertApplies(
        "{'linux':{'devices':[{'path':'/dev/null','type':'c','major':1,'minor':3,'extra':'gone'},"
            + "{'path':'/dev/zero','type':'c','major':1,'minor':5}]}}",
        nodes(DeviceNode.of("/dev/null")),
        "{'linux':{'devices':[{'path':'/dev/zero','type':'c','major':1,'minor':5}," + DEV_NULL + "],"
            + "'resources':{'devices':[" + RWM_1_3 + "]}}}");
  }

  @Test
  void aPathTheConfigListsTwiceIsRemovedOnceAndReplacedInPlaceOnce() {
    // the reference removes the first entry, then its AddDevice replaces the next one where it stands
    assertApplies(
        "{'linux':{'devices':[{'path':'/dev/null','n':1},{'path':'/dev/y'},{'path':'/dev/null','n':2},{'path':'/dev/z'}]}}",
        nodes(DeviceNode.of("/dev/null")),
        "{'linux':{'devices':[{'path':'/dev/y'}," + DEV_NULL + ",{'path':'/dev/z'}],'resources':{'devices':[" + RWM_1_3 + "]}}}");
  }

  @Test
  void aHostPathWithATrailingSlashNeedsADirectoryAsLstatDoes(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(DeviceNode.of("/dev/x", "/dev/null/"))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("failed to stat CDI host device \"/dev/null/\": not a directory");
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(DeviceNode.of("/dev/x", dir + "/"))))
        .hasMessage("failed to stat CDI host device \"" + dir + "/\": not a device node");
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(DeviceNode.of("/dev/x", file + "/nope/"))))
        .hasMessageEndingWith(": no such file or directory");
    // a minimal node whose host path cannot be read is used as written: no mode from /dev/null
    OciConfig minimal = apply("{}", nodes(new DeviceNode("/dev/x", Optional.of("/dev/null/"), Optional.of("c"), OptionalLong.of(5L), OptionalLong.of(1L), null, null, null, null)));
    assertThat(minimal.tree().at("/linux/devices/0/fileMode").isMissingNode()).isTrue();
  }

  @Test
  void hostErrorsReadAsGoPrintsThem(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(DeviceNode.of("/dev/x", file + "/under"))))
        .hasMessage("failed to stat CDI host device \"" + file + "/under\": not a directory");
    String tooLong = "/" + "a".repeat(300);
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(DeviceNode.of("/dev/x", tooLong))))
        .hasMessageEndingWith(": file name too long");
  }

  @Test
  void cgroupRulesAreAppendedNeverDeduplicated() {
    OciConfig result =
        apply(
            "{'linux':{'resources':{'devices':[{'allow':false,'access':'rwm'}]}}}",
            nodes(DeviceNode.of("/dev/null"), DeviceNode.of("/dev/null")));
    assertThat(result.deviceRules())
        .containsExactly(
            new OciConfig.DeviceRule(Optional.of(false), null, null, null, Optional.of("rwm")),
            new OciConfig.DeviceRule(Optional.of(true), Optional.of("c"), OptionalLong.of(1L), OptionalLong.of(3L), Optional.of("rwm")),
            new OciConfig.DeviceRule(Optional.of(true), Optional.of("c"), OptionalLong.of(1L), OptionalLong.of(3L), Optional.of("rwm")));
    assertThat(result.linuxDevices()).hasSize(1);
  }

  @Test
  void uAndPNodesGetNoCgroupRule() {
    OciConfig result =
        apply("{}", nodes(node("/dev/u0", "/dev/jcdi-missing", "u", 5L, 1L), node("/dev/p0", "/dev/jcdi-missing", "p", null, null)));
    assertThat(result.linuxDevices()).extracting(OciConfig.LinuxDevice::type).containsExactly("u", "p");
    assertThat(result.tree().at("/linux/resources").isMissingNode()).isTrue();
  }

  @Test
  void aFifoOnTheHostGivesTypePWithoutNumbersOrRule(@TempDir Path dir) throws Exception {
    Path fifo = HostDevicesTest.mkfifo(dir.resolve("fifo"), "640");
    OciConfig result = apply("{}", nodes(DeviceNode.of("/dev/fifo", fifo.toString())));
    assertThat(result.linuxDevices()).containsExactly(new OciConfig.LinuxDevice("/dev/fifo", "p", OptionalLong.of(0L), OptionalLong.of(0L), OptionalLong.of(0640L), null, null));
    assertThat(result.deviceRules()).isEmpty();
  }

  @Test
  void anInvalidTypeIsRejected() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(node("/dev/vendorctl", null, "f", null, null))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("device \"/dev/vendorctl\": invalid type \"f\"");
  }

  @Test
  void invalidPermissionsAreRejected() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(DeviceNode.of("/dev/null").withPermissions("to land"))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("device \"/dev/null\": invalid permissions \"to land\"");
  }

  @Test
  void negativeDeviceNumbersAreRejected() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(node("/dev/x", null, "c", -1L, 0L))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("device \"/dev/x\": invalid (negative) device number -1:0");
  }

  @Test
  void anEmptyPathIsRejected() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), nodes(DeviceNode.of(""))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("invalid (empty) device path");
  }

  @Test
  void aFailingNodeLeavesNothingHalfApplied() throws Exception {
    OciConfig input = config("{'process':{'env':['A=1']}}");
    String before = input.toJson();
    ContainerEdits edits =
        ContainerEdits.builder().env("B=2").deviceNodes(DeviceNode.of("/dev/null"), DeviceNode.of("/dev/x", "/nonexistent/jcdi")).build();
    assertThatThrownBy(() -> EditApplier.apply(input, edits)).isInstanceOf(InjectionException.class);
    assertThat(input.toJson()).isEqualTo(before);
  }
}
