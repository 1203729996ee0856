package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference's TestValidateContainerEdits (28 cases, reference-notes §3.6 and §8), each as the
 * spec-level edits of a 1.1.0 spec: valid cases give no violation, invalid ones an error at the field.
 */
class ContainerEditsReferenceTest {

  private static ContainerEdits.Builder e() {
    return ContainerEdits.builder();
  }

  private static Arguments valid(String name, ContainerEdits edits) {
    return Arguments.of(name, edits, null);
  }

  private static Arguments invalid(String name, ContainerEdits edits, String path) {
    return Arguments.of(name, edits, path);
  }

  private static DeviceNode node(String path, String type, String perms) {
    return new DeviceNode(path, null, Optional.ofNullable(type), null, null, null, Optional.ofNullable(perms), null, null);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        valid("valid, empty edits", null),
        valid("valid, env var", e().env("BAR=BARVALUE1").build()),
        invalid("invalid env, empty var", e().env("").build(), "containerEdits.env[0]"),
        invalid("invalid env, no var name", e().env("=foo").build(), "containerEdits.env[0]"),
        invalid("invalid env, no assignment", e().env("FOOBAR").build(), "containerEdits.env[0]"),
        valid("valid device, path only", e().deviceNodes(node("/dev/null", null, null)).build()),
        valid("valid device, path+type", e().deviceNodes(node("/dev/null", "c", null)).build()),
        valid("valid device, path+type+permissions", e().deviceNodes(node("/dev/null", "b", "rwm")).build()),
        invalid("invalid device, empty path", e().deviceNodes(node("", null, null)).build(), "containerEdits.deviceNodes[0].path"),
        invalid("invalid device, wrong type", e().deviceNodes(node("/dev/vendorctl", "f", null)).build(), "containerEdits.deviceNodes[0].type"),
        invalid("invalid device, wrong permissions", e().deviceNodes(node("/dev/vendorctl", "b", "to land")).build(),
            "containerEdits.deviceNodes[0].permissions"),
        valid("valid device, no permissions", e().deviceNodes(node("/dev/vendorctl", "b", "none")).build()),
        valid("valid mount", e().mounts(Mount.of("/dev/vendorctl", "/dev/vendorctl")).build()),
        invalid("invalid mount, empty host path", e().mounts(Mount.of("", "/dev/vendorctl")).build(), "containerEdits.mounts[0].hostPath"),
        invalid("invalid mount, empty container path", e().mounts(Mount.of("/dev/vendorctl", "")).build(),
            "containerEdits.mounts[0].containerPath"),
        valid("valid hooks", e().hooks(
                new Hook("prestart", "/usr/local/bin/prestart-vendor-hook", List.of("--verbose"), List.of("VENDOR_ENV1=value1"), null),
                new Hook("createRuntime", "/usr/local/bin/cr-vendor-hook", List.of("--debug"), List.of("VENDOR_ENV2=value2"), null),
                new Hook("createContainer", "/usr/local/bin/cc-vendor-hook", List.of("--create"), List.of("VENDOR_ENV3=value3"), null),
                new Hook("startContainer", "/usr/local/bin/sc-vendor-hook", List.of("--start"), List.of("VENDOR_ENV4=value4"), null),
                new Hook("poststart", "/usr/local/bin/poststart-vendor-hook", null, List.of("VENDOR_ENV5=value5"), null),
                new Hook("poststop", "/usr/local/bin/poststop-vendor-hook", null, null, null))
            .build()),
        invalid("invalid hook, empty path", e().hooks(new Hook("prestart", "", null, null, null)).build(), "containerEdits.hooks[0].path"),
        invalid("invalid hook, wrong hook name",
            e().hooks(new Hook("misCreateRuntime", "/usr/local/bin/cr-vendor-hook", List.of("--debug"), List.of("VENDOR_ENV2=value2"), null)).build(),
            "containerEdits.hooks[0].hookName"),
        invalid("invalid hook, wrong env",
            e().hooks(new Hook("poststart", "/usr/local/bin/cr-vendor-hook", List.of("--debug"), List.of("=value2"), null)).build(),
            "containerEdits.hooks[0].env[0]"),
        valid("valid rdt config", e().intelRdt(IntelRdt.ofClosId("foo.bar")).build()),
        valid("valid rdt config, root", e().intelRdt(IntelRdt.ofClosId("/")).build()),
        invalid("invalid rdt config, invalid closID (slash)", e().intelRdt(IntelRdt.ofClosId("foo/bar")).build(), "containerEdits.intelRdt.closID"),
        invalid("invalid rdt config, invalid closID (dot)", e().intelRdt(IntelRdt.ofClosId(".")).build(), "containerEdits.intelRdt.closID"),
        invalid("invalid rdt config, invalid closID (double dot)", e().intelRdt(IntelRdt.ofClosId("..")).build(), "containerEdits.intelRdt.closID"),
        invalid("invalid rdt config, invalid closID (newline)", e().intelRdt(IntelRdt.ofClosId("foo\nbar")).build(), "containerEdits.intelRdt.closID"),
        valid("valid net device", e().netDevices(NetDevice.of("eth0", "container-eth0")).build()),
        invalid("invalid net device, empty host interface name", e().netDevices(NetDevice.of("", "container-eth0")).build(),
            "containerEdits.netDevices[0].hostInterfaceName"),
        invalid("invalid net device, empty name", e().netDevices(NetDevice.of("eth0", "")).build(), "containerEdits.netDevices[0].name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void referenceContainerEditsCase(String name, ContainerEdits edits, String errorPath) {
    Spec spec = Specs.withSpecEdits("1.1.0", edits);
    List<Violation> v = SpecValidator.validate(spec);
    if (errorPath == null) {
      assertThat(v).isEmpty();
    } else {
      assertThat(v).singleElement().satisfies(x -> {
        assertThat(x.path()).isEqualTo(errorPath);
        assertThat(x.isError()).isTrue();
      });
    }
  }

  @org.junit.jupiter.api.Test
  void thereAre28Cases() {
    assertThat(cases().count()).isEqualTo(28);
  }
}
