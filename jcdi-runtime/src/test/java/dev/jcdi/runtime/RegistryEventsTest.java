package dev.jcdi.runtime;

import static dev.jcdi.runtime.RegistryEvent.Type.DEVICE_ADDED;
import static dev.jcdi.runtime.RegistryEvent.Type.DEVICE_CHANGED;
import static dev.jcdi.runtime.RegistryEvent.Type.DEVICE_REMOVED;
import static dev.jcdi.runtime.RegistryEvent.Type.SPEC_ERROR;
import static dev.jcdi.runtime.RegistryEvent.Type.SPEC_ERROR_CLEARED;
import static dev.jcdi.runtime.RegistryFiles.spec;
import static dev.jcdi.runtime.RegistryFiles.write;
import static dev.jcdi.runtime.RegistryFiles.writeAtomically;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The changes a refresh reports to listeners, computed from the old and the new state. */
class RegistryEventsTest {
  @TempDir Path tmp;
  private Path etc;
  private Path run;
  private Registry registry;
  private final List<RegistryEvent> events = new ArrayList<>();

  @BeforeEach
  void registry() {
    etc = tmp.resolve("etc");
    run = tmp.resolve("run");
    registry = Registry.builder().specDirs(etc, run).build();
    registry.addListener(events::add);
  }

  private List<RegistryEvent> refresh() {
    events.clear();
    registry.refresh();
    return List.copyOf(events);
  }

  @Test
  void deviceAddedChangedAndRemovedAreReported() throws Exception {
    write(run, "a.yaml", spec("vendor.com/gpu").device("g0", "V=1").yaml());
    assertThat(refresh()).containsExactly(new RegistryEvent(DEVICE_ADDED, "vendor.com/gpu=g0", run.resolve("a.yaml").toString()));

    writeAtomically(run, "a.yaml", spec("vendor.com/gpu").device("g0", "V=2").yaml());
    assertThat(refresh()).containsExactly(new RegistryEvent(DEVICE_CHANGED, "vendor.com/gpu=g0", run.resolve("a.yaml").toString()));

    writeAtomically(run, "a.yaml", spec("vendor.com/gpu").device("g0", "V=2").yaml());
    assertThat(refresh()).as("the same content again").isEmpty();

    Files.delete(run.resolve("a.yaml"));
    assertThat(refresh()).containsExactly(new RegistryEvent(DEVICE_REMOVED, "vendor.com/gpu=g0", run.resolve("a.yaml").toString()));
  }

  @Test
  void specErrorAndItsClearingAreReported() {
    Path file = write(run, "a.yaml", "devices: [");
    List<RegistryEvent> broken = refresh();
    assertThat(broken).extracting(RegistryEvent::type, RegistryEvent::subject).containsExactly(tuple(SPEC_ERROR, file.toString()));
    assertThat(broken.get(0).detail()).isEqualTo(String.join("\n", registry.errors().get(file)));

    write(run, "a.yaml", spec("vendor.com/gpu").device("g0", "V=1").yaml());
    assertThat(refresh()).containsExactly(
        new RegistryEvent(SPEC_ERROR_CLEARED, file.toString(), ""),
        new RegistryEvent(DEVICE_ADDED, "vendor.com/gpu=g0", file.toString()));
  }

  @Test
  void aNewWinningSpecIsAChangeEvenWithTheSameDefinition() {
    write(etc, "a.yaml", spec("vendor.com/gpu").device("g0", "V=1").yaml());
    refresh();

    write(run, "a.yaml", spec("vendor.com/gpu").device("g0", "V=1").yaml());

    assertThat(refresh()).containsExactly(new RegistryEvent(DEVICE_CHANGED, "vendor.com/gpu=g0", run.resolve("a.yaml").toString()));
  }

  @Test
  void specLevelEditsChangeEveryDeviceOfTheSpecButAnotherDevicesEditsDoNot() {
    write(run, "a.yaml", spec("vendor.com/gpu").env("S=1").device("g0", "V=0").device("g1", "V=1").yaml());
    refresh();

    writeAtomically(run, "a.yaml", spec("vendor.com/gpu").env("S=1").device("g0", "V=0").device("g1", "V=9").yaml());
    assertThat(refresh()).extracting(RegistryEvent::subject).containsExactly("vendor.com/gpu=g1");

    writeAtomically(run, "a.yaml", spec("vendor.com/gpu").env("S=2").device("g0", "V=0").device("g1", "V=9").yaml());
    assertThat(refresh()).extracting(RegistryEvent::type, RegistryEvent::subject)
        .containsExactly(tuple(DEVICE_CHANGED, "vendor.com/gpu=g0"), tuple(DEVICE_CHANGED, "vendor.com/gpu=g1"));
  }

  @Test
  void aConflictRemovesTheDeviceAndReportsErrorsOnBothFiles() {
    write(run, "a.yaml", spec("vendor.com/gpu").device("g0", "A=1").yaml());
    refresh();

    write(run, "b.yaml", spec("vendor.com/gpu").device("g0", "B=1").yaml());

    assertThat(refresh()).extracting(RegistryEvent::type, RegistryEvent::subject).containsExactly(
        tuple(DEVICE_REMOVED, "vendor.com/gpu=g0"),
        tuple(SPEC_ERROR, run.resolve("a.yaml").toString()),
        tuple(SPEC_ERROR, run.resolve("b.yaml").toString()));
  }

  @Test
  void listenerSeesTheNewStateAndAFailingListenerDoesNotStopOthers() {
    List<Boolean> visible = new ArrayList<>();
    registry.addListener(e -> {
      throw new IllegalStateException("listener bug");
    });
    registry.addListener(e -> visible.add(registry.device(e.subject()).isPresent()));
    write(run, "a.yaml", spec("vendor.com/gpu").device("g0", "A=1").yaml());

    assertThat(refresh()).hasSize(1);
    assertThat(visible).containsExactly(true);
  }

  @Test
  void removedListenerHearsNothingMore() {
    List<RegistryEvent> other = new ArrayList<>();
    RegistryListener l = other::add;
    registry.addListener(l);

    assertThat(registry.removeListener(l)).isTrue();
    write(run, "a.yaml", spec("vendor.com/gpu").device("g0", "A=1").yaml());
    refresh();

    assertThat(other).isEmpty();
    assertThat(registry.removeListener(l)).isFalse();
  }

  @Test
  void refreshFromInsideAListenerDeliversItsEventsAfterTheCurrentOnes() {
    List<String> order = new ArrayList<>();
    registry.addListener(e -> {
      order.add(e.type() + " " + e.subject());
      if (e.subject().equals("vendor.com/gpu=g0") && e.type() == DEVICE_ADDED) {
        write(run, "b.yaml", spec("vendor.com/gpu").device("g2", "A=1").yaml());
        registry.refresh();
        order.add("nested refresh returned");
      }
    });
    write(run, "a.yaml", spec("vendor.com/gpu").device("g0", "A=1").device("g1", "A=1").yaml());

    refresh();

    assertThat(order).containsExactly(
        "DEVICE_ADDED vendor.com/gpu=g0",
        "nested refresh returned",
        "DEVICE_ADDED vendor.com/gpu=g1",
        "DEVICE_ADDED vendor.com/gpu=g2");
  }
}
