package dev.jcdi.spec;

import static dev.jcdi.spec.Violations.assertOnly;
import static dev.jcdi.spec.Violations.assertOnlyError;
import static dev.jcdi.spec.Violations.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.Violation.Rule;
import dev.jcdi.spec.Violation.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Container paths are safe and clear (issue 9 item 5, docs/differences.md): absolute where OCI
 * needs it, no NUL anywhere, a warning for paths that are not clean and for mounts that replace the
 * container's own.
 */
class ContainerPathValidationTest {
  private static final String EDITS = "devices[0].containerEdits";

  private static Spec edits(ContainerEdits e) {
    return Specs.withDeviceEdits("0.5.0", e);
  }

  private static Spec node(DeviceNode n) {
    return edits(ContainerEdits.builder().deviceNodes(n).build());
  }

  private static Spec mount(Mount m) {
    return edits(ContainerEdits.builder().mounts(m).build());
  }

  private static Spec hook(Hook h) {
    return edits(ContainerEdits.builder().hooks(h).build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev/vendor0", "vendor0", "./dev/x", "../dev/x"})
  void aRelativeDevicePathIsAnError(String path) {
    Violation v = assertOnlyError(node(DeviceNode.of(path)), EDITS + ".deviceNodes[0].path", Rule.DEVICE_NODE_PATH);
    assertThat(v.message()).contains(Names.quote(path)).contains("must be absolute");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mnt/data", "data", "./x"})
  void aRelativeMountContainerPathIsAnError(String path) {
    Violation v = assertOnlyError(mount(Mount.of("/srv/data", path)), EDITS + ".mounts[0].containerPath", Rule.MOUNT_CONTAINER_PATH);
    assertThat(v.message()).contains(Names.quote(path)).contains("must be absolute");
  }

  @Test
  void aRelativeMountHostPathIsAllowedItIsTheSourceOfTmpfsAndTheLike() {
    assertValid(mount(new Mount("tmpfs", "/scratch", List.of("nosuid"), Optional.of("tmpfs"))));
  }

  @Test
  void aDevicePathThatIsNotCleanWarnsWithWhatItResolvesTo() {
    Violation v = assertOnly(node(DeviceNode.of("/dev/../etc/passwd")), EDITS + ".deviceNodes[0].path", Rule.PATH_NOT_CLEAN, Severity.WARNING);
    assertThat(v.message()).isEqualTo("device path \"/dev/../etc/passwd\" is not clean: it resolves to \"/etc/passwd\"");
  }

  @Test
  void aMountContainerPathThatIsNotCleanWarnsWithWhatItResolvesTo() {
    Violation v = assertOnly(mount(Mount.of("/srv", "/../../etc")), EDITS + ".mounts[0].containerPath", Rule.PATH_NOT_CLEAN, Severity.WARNING);
    assertThat(v.message()).contains("resolves to \"/etc\"");
  }

  @Test
  void hostPathsAndHookPathsThatAreNotCleanWarnToo() {
    assertThat(SpecValidator.validate(edits(ContainerEdits.builder()
            .deviceNodes(DeviceNode.of("/dev/x", "/dev//x"))
            .mounts(Mount.of("/srv/./data/", "/data"))
            .hooks(Hook.of(Hook.CREATE_CONTAINER, "/usr/bin/../../tmp/hook"))
            .build())))
        .extracting(Violation::path, Violation::rule, Violation::severity, Violation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EDITS + ".deviceNodes[0].hostPath", Rule.PATH_NOT_CLEAN, Severity.WARNING,
                "device host path \"/dev//x\" is not clean: it resolves to \"/dev/x\""),
            org.assertj.core.groups.Tuple.tuple(EDITS + ".hooks[0].path", Rule.PATH_NOT_CLEAN, Severity.WARNING,
                "hook path \"/usr/bin/../../tmp/hook\" is not clean: it resolves to \"/tmp/hook\""),
            org.assertj.core.groups.Tuple.tuple(EDITS + ".mounts[0].hostPath", Rule.PATH_NOT_CLEAN, Severity.WARNING,
                "mount host path \"/srv/./data/\" is not clean: it resolves to \"/srv/data\""));
  }

  @Test
  void aNulInAnyPathIsAnError() {
    List<Violation> all = SpecValidator.validate(edits(ContainerEdits.builder()
        .deviceNodes(DeviceNode.of("/dev/x\0y", "/dev/h\0"))
        .mounts(Mount.of("/srv\0", "/data\0"))
        .hooks(Hook.of(Hook.PRESTART, "/bin/h\0ook"))
        .build()));
    assertThat(all).allMatch(Violation::isError);
    assertThat(all).extracting(Violation::path, Violation::rule).containsExactly(
        org.assertj.core.groups.Tuple.tuple(EDITS + ".deviceNodes[0].path", Rule.DEVICE_NODE_PATH),
        org.assertj.core.groups.Tuple.tuple(EDITS + ".deviceNodes[0].hostPath", Rule.DEVICE_NODE_PATH),
        org.assertj.core.groups.Tuple.tuple(EDITS + ".hooks[0].path", Rule.HOOK_PATH),
        org.assertj.core.groups.Tuple.tuple(EDITS + ".mounts[0].hostPath", Rule.MOUNT_HOST_PATH),
        org.assertj.core.groups.Tuple.tuple(EDITS + ".mounts[0].containerPath", Rule.MOUNT_CONTAINER_PATH));
    assertThat(all.get(0).message()).isEqualTo(
        "invalid device path \"/dev/x\\u0000y\": it contains a NUL character, which no path can hold");
  }

  @Test
  void aNulInAnEnvEntryIsAnError() {
    Violation v = assertOnlyError(edits(Specs.env("KEY=a\0b")), EDITS + ".env[0]", Rule.ENV);
    assertThat(v.message()).contains("NUL");
    assertOnlyError(
        hook(new Hook(Hook.PRESTART, "/bin/h", List.of(), List.of("K=\0"), null)), EDITS + ".hooks[0].env[0]", Rule.HOOK_ENV);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/proc", "/sys", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys/fs/cgroup"})
  void aMountReplacingADefaultMountWarns(String target) {
    Violation v = assertOnly(mount(Mount.of("/srv/x", target)), EDITS + ".mounts[0].containerPath", Rule.MOUNT_REPLACES_DEFAULT, Severity.WARNING);
    assertThat(v.message()).isEqualTo(
        "the mount at \"" + target + "\" replaces the container's own " + target + " mount (a default OCI mount) when injected");
  }

  @Test
  void aMountBelowADefaultMountDoesNotWarn() {
    assertValid(mount(Mount.of("/srv/x", "/dev/vendor")));
    assertValid(mount(Mount.of("/srv/x", "/proc-like")));
  }

  @Test
  void aDefaultMountReachedThroughAnUncleanPathWarnsTwice() {
    assertThat(SpecValidator.validate(mount(Mount.of("/srv/x", "/dev/../proc/"))))
        .extracting(Violation::rule)
        .containsExactly(Rule.PATH_NOT_CLEAN, Rule.MOUNT_REPLACES_DEFAULT);
  }
}
