package dev.jcdi.runtime;

import dev.jcdi.oci.OciConfig;
import static dev.jcdi.runtime.RegistryFiles.spec;
import static dev.jcdi.runtime.RegistryFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Injecting registered devices into an OCI config (cdi-reference.md §6, reference-notes §4.6). */
class RegistryInjectTest {
  @TempDir Path tmp;
  private Registry registry;
  private OciConfig config;

  @BeforeEach
  void specs() throws Exception {
    Path dir = tmp.resolve("cdi");
    write(dir, "gpu.yaml", spec("vendor.com/gpu").env("SPEC_gpu=1")
        .device("g1", "DEV_g1=1").device("g2", "DEV_g2=1").yaml());
    write(dir, "nic.json", spec("vendor.com/nic").env("SPEC_nic=1").device("n1", "DEV_n1=1").json());
    write(dir, "node.json", spec("vendor.com/node").deviceWithNode("n", "/dev/jcdi-test-node", 1, 3, "NODE=1").json());
    registry = Registry.builder().specDirs(dir).build();
    config = OciConfig.parse("{\"ociVersion\":\"1.2.0\",\"process\":{\"env\":[\"PATH=/bin\"]},\"root\":{\"path\":\"rootfs\"}}");
  }

  @Test
  void specEditsComeBeforeTheFirstDeviceOfEachSpecInRequestOrder() throws Exception {
    OciConfig out = registry.inject(config, "vendor.com/gpu=g1", "vendor.com/nic=n1", "vendor.com/gpu=g2");

    assertThat(out.env()).containsExactly("PATH=/bin", "SPEC_gpu=1", "DEV_g1=1", "SPEC_nic=1", "DEV_n1=1", "DEV_g2=1");
  }

  @Test
  void specLevelEditsAreAppliedOnceForTwoDevicesOfOneSpec() throws Exception {
    // Hooks are appended without any deduplication, so a repeated spec edit would show twice.
    write(tmp.resolve("cdi"), "hooked.json", "{\"cdiVersion\":\"0.5.0\",\"kind\":\"vendor.com/hooked\","
        + "\"containerEdits\":{\"hooks\":[{\"hookName\":\"createContainer\",\"path\":\"/bin/spec-hook\"}]},"
        + "\"devices\":[{\"name\":\"a\",\"containerEdits\":{\"env\":[\"A=1\"]}},"
        + "{\"name\":\"b\",\"containerEdits\":{\"env\":[\"B=1\"]}}]}");
    registry.refresh();

    OciConfig out = registry.inject(config, List.of("vendor.com/hooked=b", "vendor.com/hooked=a"));

    assertThat(out.hooks("createContainer")).extracting(OciConfig.HookEntry::path).containsExactly("/bin/spec-hook");
    assertThat(out.env()).containsExactly("PATH=/bin", "B=1", "A=1");
  }

  @Test
  void deviceRequestedTwiceIsAppliedTwiceAsTheReferenceDoes() throws Exception {
    OciConfig out = registry.inject(config, "vendor.com/node=n", "vendor.com/node=n");

    assertThat(out.linuxDevices()).extracting(OciConfig.LinuxDevice::path).containsExactly("/dev/jcdi-test-node");
    // The cgroup rule is duplicated, as in the reference.
    assertThat(out.deviceRules()).hasSize(2);
  }

  @Test
  void unresolvedNamesAreAllListedInRequestOrderAndTheConfigIsUntouched() {
    String before = config.toJson();

    assertThatThrownBy(() -> registry.inject(config, "vendor.com/gpu=g1", "vendor.com/gpu=nope", "other.org/x=y", "vendor.com/gpu=nope"))
        .isInstanceOfSatisfying(UnresolvedDevicesException.class, e -> {
          assertThat(e.unresolved()).containsExactly("vendor.com/gpu=nope", "other.org/x=y", "vendor.com/gpu=nope");
          assertThat(e).hasMessage("unresolvable CDI devices vendor.com/gpu=nope, other.org/x=y, vendor.com/gpu=nope");
        });
    assertThat(config.toJson()).isEqualTo(before);
  }

  @Test
  void injectReturnsANewConfigAndLeavesTheInputAsItWas() throws Exception {
    String before = config.toJson();

    OciConfig out = registry.inject(config, "vendor.com/node=n");

    assertThat(config.toJson()).isEqualTo(before);
    assertThat(out.linuxDevices()).singleElement().satisfies(d -> {
      assertThat(d.type()).isEqualTo("c");
      assertThat(d.major()).hasValue(1);
      assertThat(d.minor()).hasValue(3);
    });
    assertThat(out.env()).containsExactly("PATH=/bin", "NODE=1");
    assertThat(out.tree().path("root").path("path").asText()).isEqualTo("rootfs");
  }

  @Test
  void injectingNothingChangesNothing() throws Exception {
    OciConfig out = registry.inject(config);

    assertThat(out.toJson()).isEqualTo(config.toJson());
  }

  @Test
  void failedApplicationIsAnInjectionExceptionButNotUnresolved() {
    Path dir = tmp.resolve("cdi");
    // A node that names only a path must be completed from the host, and this one does not exist.
    write(dir, "host.json", "{\"cdiVersion\":\"0.5.0\",\"kind\":\"vendor.com/host\",\"devices\":[{\"name\":\"h\","
        + "\"containerEdits\":{\"deviceNodes\":[{\"path\":\"" + tmp.resolve("no-such-node") + "\"}]}}]}");
    registry.refresh();

    assertThatThrownBy(() -> registry.inject(config, "vendor.com/host=h"))
        .isInstanceOf(InjectionException.class)
        .isNotInstanceOf(UnresolvedDevicesException.class);
  }
}
