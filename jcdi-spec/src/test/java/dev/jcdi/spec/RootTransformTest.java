package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RootTransformTest {
  @Test
  void movesWholePathElementsOnly() {
    RootTransform t = new RootTransform("/run/driver/", "/", false);
    assertThat(t.apply("/run/driver/lib/x.so")).isEqualTo("/lib/x.so");
    assertThat(t.apply("/run/driver")).isEqualTo("/");
    assertThat(t.apply("/run/driverx/lib")).isEqualTo("/run/driverx/lib");
    assertThat(new RootTransform("/", "/host", false).apply("/dev/x")).isEqualTo("/host/dev/x");
  }

  @Test
  void aNodeWhoseHostPathMovesGetsAnExplicitHostPath() {
    Spec s = Spec.builder("example.com/a").version("0.3.0")
        .device("d", ContainerEdits.builder().deviceNodes(DeviceNode.of("/dev/x")).build()).build();
    Spec host = new RootTransform("/", "/run/driver", false).applyTo(s);
    assertThat(host.devices().get(0).containerEdits().deviceNodes().get(0)).isEqualTo(DeviceNode.of("/dev/x", "/run/driver/dev/x"));
    assertThat(SpecVersion.minimumRequired(host)).isEqualTo(SpecVersion.V0_5_0);
    Spec both = new RootTransform("/", "/run/driver", true).applyTo(s);
    assertThat(both.devices().get(0).containerEdits().deviceNodes().get(0)).isEqualTo(DeviceNode.of("/run/driver/dev/x"));
  }

  @Test
  void rootsMustBeAbsolute() {
    assertThatThrownBy(() -> new RootTransform("run", "/", false)).hasMessageContaining("invalid root \"run\" (from): must be an absolute path");
  }
}
