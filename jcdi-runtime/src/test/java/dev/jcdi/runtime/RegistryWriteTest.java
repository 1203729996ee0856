package dev.jcdi.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.Device;
import dev.jcdi.spec.InvalidSpecException;
import dev.jcdi.spec.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing and removing spec files through the registry (cdi-reference.md §7, reference-notes §4.9). */
class RegistryWriteTest {
  @TempDir Path tmp;
  private Path etc;
  private Path run;
  private Registry registry;
  private final List<RegistryEvent> events = new ArrayList<>();

  private static Spec gpu(String device, String env) {
    return Spec.builder("vendor.com/gpu").device(device, ContainerEdits.builder().env(env).build()).build();
  }

  @BeforeEach
  void registry() {
    etc = tmp.resolve("etc");
    run = tmp.resolve("run");
    registry = Registry.builder().specDirs(etc, run).build();
    registry.addListener(events::add);
  }

  @Test
  void writtenSpecGoesIntoTheLastDirectoryAndResolvesAtOnce() throws Exception {
    Path written = registry.writeSpec(gpu("g0", "A=1"), "mine");

    assertThat(written).isEqualTo(run.resolve("mine.yaml"));
    assertThat(Files.readString(written)).startsWith("---");
    RegisteredDevice g0 = registry.device("vendor.com/gpu=g0").orElseThrow();
    assertThat(g0.device()).isEqualTo(Device.of("g0", ContainerEdits.builder().env("A=1").build()));
    assertThat(g0.spec().path()).isEqualTo(written);
    assertThat(g0.spec().spec().cdiVersion()).as("the lowest version that fits").isEqualTo("0.3.0");
    assertThat(events).containsExactly(new RegistryEvent(RegistryEvent.Type.DEVICE_ADDED, "vendor.com/gpu=g0", written.toString()));
  }

  @Test
  void nameIsTheVendorAndClassWhenNoneIsGivenAndYamlIsAppendedToOtherExtensions() throws Exception {
    assertThat(registry.writeSpec(gpu("g0", "A=1"))).isEqualTo(run.resolve("vendor.com-gpu.yaml"));
    assertThat(registry.writeSpec(gpu("g1", "A=1"), "z.yml")).isEqualTo(run.resolve("z.yml.yaml"));
    assertThat(registry.writeSpec(gpu("g2", "A=1"), "j.json")).isEqualTo(run.resolve("j.json"));
    assertThat(Files.readString(run.resolve("j.json"))).startsWith("{");

    assertThat(registry.devices()).containsExactly("vendor.com/gpu=g0", "vendor.com/gpu=g1", "vendor.com/gpu=g2");
  }

  @Test
  void rewritingASpecReplacesItsDevices() throws Exception {
    registry.writeSpec(gpu("g0", "A=1"), "mine");
    events.clear();

    registry.writeSpec(gpu("g1", "A=1"), "mine.yaml");

    assertThat(registry.devices()).containsExactly("vendor.com/gpu=g1");
    assertThat(events).extracting(RegistryEvent::type)
        .containsExactly(RegistryEvent.Type.DEVICE_REMOVED, RegistryEvent.Type.DEVICE_ADDED);
  }

  @Test
  void removedSpecIsGoneAtOnceAndRemovingAgainIsNotAnError() throws Exception {
    registry.writeSpec(gpu("g0", "A=1"), "mine");

    assertThat(registry.removeSpec("mine")).isTrue();
    assertThat(registry.devices()).isEmpty();
    assertThat(Files.exists(run.resolve("mine.yaml"))).isFalse();
    assertThat(registry.removeSpec("mine")).isFalse();
  }

  @Test
  void invalidSpecIsNotWritten() throws Exception {
    Spec noDevices = Spec.builder("vendor.com/gpu").build();

    assertThatThrownBy(() -> registry.writeSpec(noDevices, "bad")).isInstanceOf(InvalidSpecException.class);
    assertThat(Files.exists(run.resolve("bad.yaml"))).isFalse();
    assertThat(registry.devices()).isEmpty();
    assertThat(registry.errors()).isEmpty();
  }

  @Test
  void namesThatAreNotPlainFileNamesAreRefused() {
    assertThatThrownBy(() -> registry.removeSpec("../etc/x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.writeSpec(gpu("g0", "A=1"), "sub/x")).isInstanceOf(IllegalArgumentException.class);
  }
}
