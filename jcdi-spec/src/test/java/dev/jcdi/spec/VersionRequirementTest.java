package dev.jcdi.spec;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionRequirementTest {
  private static Spec spec(ContainerEdits device, ContainerEdits shared, String kind, String name) {
    return Spec.builder(kind).device(name, device).containerEdits(shared).build();
  }

  @Test
  void eachVersionedFieldIsNamedWithItsPath() {
    ContainerEdits d = ContainerEdits.builder().env("A=1").deviceNodes(DeviceNode.of("/dev/x", "/run/x"))
        .mounts(Mount.bind("/a", "/b")).additionalGids(44).build();
    ContainerEdits shared = ContainerEdits.builder().intelRdt(new IntelRdt(Optional.of("c"), null, null, Optional.of(List.of()), null, Optional.of(true), null)).build();
    List<VersionRequirement> r = SpecVersion.requirements(spec(d, shared, "example.com/a.b", "0dev"));
    assertThat(r).extracting(VersionRequirement::field).containsExactly(
        "kind", "devices[0].name", "devices[0].containerEdits.deviceNodes[0].hostPath", "devices[0].containerEdits.mounts[0].type",
        "devices[0].containerEdits.additionalGids", "containerEdits.intelRdt", "containerEdits.intelRdt.schemata",
        "containerEdits.intelRdt.enableCMT");
    assertThat(r.get(r.size() - 1).allows(SpecVersion.V1_1_0)).isFalse();
    assertThat(r.get(r.size() - 1).allows(SpecVersion.V1_0_0)).isTrue();
    assertThat(r.get(r.size() - 1).versions()).isEqualTo("0.7.0 to 1.0.0");
  }

  @Test
  void theHighestSinceIsTheMinimumRequiredVersion() {
    ContainerEdits env = ContainerEdits.builder().env("A=1").build();
    List<Spec> specs = List.of(
        spec(env, null, "example.com/a", "d"),
        spec(env, null, "example.com/a", "0d"),
        spec(ContainerEdits.builder().mounts(Mount.bind("/a", "/b")).build(), null, "example.com/a", "d"),
        spec(env, null, "example.com/a.b", "d"),
        spec(ContainerEdits.builder().additionalGids(1).build(), null, "example.com/a", "d"),
        spec(ContainerEdits.builder().netDevices(NetDevice.of("eth0", "eth1")).build(), null, "example.com/a", "d"));
    for (Spec s : specs) {
      SpecVersion highest = SpecVersion.requirements(s).stream().map(VersionRequirement::since).max(Enum::compareTo).orElse(SpecVersion.V0_3_0);
      assertThat(highest).as(s.toString()).isEqualTo(SpecVersion.minimumRequired(s));
    }
  }
}
