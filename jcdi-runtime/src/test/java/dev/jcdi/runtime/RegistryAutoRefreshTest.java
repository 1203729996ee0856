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

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.Spec;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With auto-refresh, changes in the spec directories show up by themselves, as events. Waits poll
 * with a generous deadline; nothing here asserts how fast a change shows up.
 */
class RegistryAutoRefreshTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @TempDir Path tmp;
  private Path etc;
  private Path run;
  private final Events events = new Events();
  private Registry registry;

  /** Collects events and waits for the ones a test expects. */
  static final class Events implements RegistryListener {
    private final LinkedBlockingQueue<RegistryEvent> queue = new LinkedBlockingQueue<>();
    private final List<RegistryEvent> seen = new ArrayList<>();

    @Override
    public void onEvent(RegistryEvent event) {
      queue.add(event);
    }

    /** Waits for an event matching {@code p}; returns it and everything received before it. */
    List<RegistryEvent> await(Predicate<RegistryEvent> p, String what) throws InterruptedException {
      long end = System.nanoTime() + DEADLINE.toNanos();
      List<RegistryEvent> batch = new ArrayList<>();
      while (true) {
        RegistryEvent e = queue.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (e == null) {
          throw new AssertionError("no " + what + " within " + DEADLINE + "; received " + seen + batch);
        }
        batch.add(e);
        if (p.test(e)) {
          seen.addAll(batch);
          return batch;
        }
      }
    }

    List<RegistryEvent> await(RegistryEvent.Type type, String subject) throws InterruptedException {
      return await(e -> e.type() == type && e.subject().equals(subject), type + " " + subject);
    }

    /** Waits until {@code condition} holds, checking every few milliseconds. */
    static void eventually(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
      long end = System.nanoTime() + DEADLINE.toNanos();
      while (!condition.getAsBoolean()) {
        if (System.nanoTime() - end > 0) {
          throw new AssertionError("not within " + DEADLINE + ": " + what);
        }
        Thread.sleep(10);
      }
    }

    /** Returns everything received so far, the awaited and the rest. */
    List<RegistryEvent> all() {
      List<RegistryEvent> out = new ArrayList<>(seen);
      out.addAll(queue);
      return out;
    }
  }

  @BeforeEach
  void dirs() {
    etc = tmp.resolve("etc");
    run = tmp.resolve("run");
  }

  @AfterEach
  void close() {
    if (registry != null) {
      registry.close();
    }
  }

  private Registry start(Path... dirs) {
    registry = Registry.builder().specDirs(dirs).autoRefresh(true).build();
    registry.addListener(events);
    return registry;
  }

  @Test
  void specAddedChangedAndRemovedShowUpAsEvents() throws Exception {
    Files.createDirectories(etc);
    Files.createDirectories(run);
    start(etc, run);

    writeAtomically(run, "a.yaml", spec("vendor.com/gpu").device("g0", "V=1").yaml());
    events.await(DEVICE_ADDED, "vendor.com/gpu=g0");
    assertThat(registry.devices()).containsExactly("vendor.com/gpu=g0");

    writeAtomically(run, "a.yaml", spec("vendor.com/gpu").device("g0", "V=2").yaml());
    events.await(DEVICE_CHANGED, "vendor.com/gpu=g0");
    assertThat(registry.device("vendor.com/gpu=g0").orElseThrow().device().containerEdits().env()).containsExactly("V=2");

    // Written in place rather than renamed: seen too.
    write(run, "a.yaml", spec("vendor.com/gpu").device("g0", "V=3").yaml());
    events.await(DEVICE_CHANGED, "vendor.com/gpu=g0");
    assertThat(registry.device("vendor.com/gpu=g0").orElseThrow().device().containerEdits().env()).containsExactly("V=3");

    Files.delete(run.resolve("a.yaml"));
    events.await(DEVICE_REMOVED, "vendor.com/gpu=g0");
    assertThat(registry.devices()).isEmpty();
  }

  @Test
  void brokenSpecIsAnErrorUntilFixed() throws Exception {
    Files.createDirectories(run);
    start(etc, run);

    write(run, "a.json", "{\"cdiVersion\":");
    events.await(SPEC_ERROR, run.resolve("a.json").toString());
    assertThat(registry.errors()).containsOnlyKeys(run.resolve("a.json"));

    writeAtomically(run, "a.json", spec("vendor.com/gpu").device("g0", "V=1").json());
    events.await(DEVICE_ADDED, "vendor.com/gpu=g0");
    assertThat(events.all()).contains(new RegistryEvent(SPEC_ERROR_CLEARED, run.resolve("a.json").toString(), ""));
    assertThat(registry.errors()).isEmpty();
  }

  @Test
  void specDirectoryCreatedAfterStartIsPickedUp() throws Exception {
    Path late = tmp.resolve("not/yet/run");
    start(etc, late);
    assertThat(registry.errors()).isEmpty();

    writeAtomically(late, "a.yaml", spec("vendor.com/gpu").device("g0", "V=1").yaml());
    events.await(DEVICE_ADDED, "vendor.com/gpu=g0");

    // Watched now, not merely scanned once.
    writeAtomically(late, "b.yaml", spec("vendor.com/gpu").device("g1", "V=1").yaml());
    events.await(DEVICE_ADDED, "vendor.com/gpu=g1");
  }

  @Test
  void specDirectoryDeletedAndRecreatedWorks() throws Exception {
    writeAtomically(run, "a.yaml", spec("vendor.com/gpu").device("g0", "V=1").yaml());
    start(etc, run);
    assertThat(registry.devices()).containsExactly("vendor.com/gpu=g0");

    RegistryFiles.deleteTree(run);
    events.await(DEVICE_REMOVED, "vendor.com/gpu=g0");
    assertThat(registry.errors()).isEmpty();

    writeAtomically(run, "b.yaml", spec("vendor.com/gpu").device("g1", "V=1").yaml());
    events.await(DEVICE_ADDED, "vendor.com/gpu=g1");

    write(run, "b.yaml", spec("vendor.com/gpu").device("g1", "V=2").yaml());
    events.await(DEVICE_CHANGED, "vendor.com/gpu=g1");
  }

  @Test
  void specDirectoryReplacedByARenameIsFollowed() throws Exception {
    writeAtomically(run, "a.yaml", spec("vendor.com/gpu").device("g0", "V=1").yaml());
    Path next = tmp.resolve("run.next");
    writeAtomically(next, "b.yaml", spec("vendor.com/gpu").device("g1", "V=1").yaml());
    start(etc, run);

    Files.move(run, tmp.resolve("run.old"));
    Files.move(next, run);
    events.await(DEVICE_ADDED, "vendor.com/gpu=g1");
    Events.eventually(() -> events.all().contains(new RegistryEvent(DEVICE_REMOVED, "vendor.com/gpu=g0", run.resolve("a.yaml").toString())), "g0 removed");
    assertThat(registry.devices()).containsExactly("vendor.com/gpu=g1");

    // The directory now at the path is the one watched, not the one moved away.
    writeAtomically(tmp.resolve("run.old"), "c.yaml", spec("vendor.com/gpu").device("old", "V=1").yaml());
    writeAtomically(run, "d.yaml", spec("vendor.com/gpu").device("g2", "V=1").yaml());
    events.await(DEVICE_ADDED, "vendor.com/gpu=g2");
    assertThat(registry.devices()).containsExactly("vendor.com/gpu=g1", "vendor.com/gpu=g2");
  }

  @Test
  void partiallyWrittenFileIsNeverHalfVisibleAndIsSeenOnceComplete() throws Exception {
    Files.createDirectories(run);
    start(etc, run);
    List<List<String>> devicesAtEachAdd = new java.util.concurrent.CopyOnWriteArrayList<>();
    registry.addListener(e -> {
      if (e.type() == DEVICE_ADDED) {
        devicesAtEachAdd.add(registry.devices());
      }
    });
    String text = spec("vendor.com/gpu").device("g0", "V=0").device("g1", "V=1").json();
    // The first part holds all of g0: a reader that accepted a prefix would see g0 alone.
    int cut = text.indexOf("{\"name\":\"g1\"");
    Path file = run.resolve("slow.json");

    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(text.substring(0, cut).getBytes(StandardCharsets.UTF_8));
      out.flush();
      // The error for the prefix itself, not only for the empty file the open created.
      events.await(e -> e.type() == SPEC_ERROR && e.subject().equals(file.toString()) && !e.detail().contains(":1:1:"), "error for the prefix");
      assertThat(registry.devices()).isEmpty();
      out.write(text.substring(cut).getBytes(StandardCharsets.UTF_8));
    }

    events.await(SPEC_ERROR_CLEARED, file.toString());
    Events.eventually(() -> devicesAtEachAdd.size() == 2, "both devices added");
    assertThat(registry.devices()).containsExactly("vendor.com/gpu=g0", "vendor.com/gpu=g1");
    assertThat(devicesAtEachAdd).as("both became visible together")
        .allSatisfy(d -> assertThat(d).containsExactly("vendor.com/gpu=g0", "vendor.com/gpu=g1"));
  }

  @Test
  void burstOfFilesIsCoalescedAndComplete() throws Exception {
    Files.createDirectories(run);
    start(etc, run);

    for (int i = 0; i < 300; i++) {
      writeAtomically(run, String.format("s%03d.json", i), spec("vendor.com/gpu").device("g" + i, "V=" + i).json());
    }

    Events.eventually(() -> events.all().stream().filter(e -> e.type() == DEVICE_ADDED).count() >= 300, "300 devices added");
    assertThat(registry.devices()).hasSize(300);
    assertThat(events.all()).filteredOn(e -> e.type() == DEVICE_ADDED).hasSize(300);
    assertThat(registry.errors()).isEmpty();
  }

  @Test
  void registryWritesAreReportedOnce() throws Exception {
    start(etc, run);
    Spec s = Spec.builder("vendor.com/gpu").device("g0", ContainerEdits.builder().env("V=1").build()).build();

    registry.writeSpec(s, "mine");
    assertThat(registry.devices()).as("visible when writeSpec returns").containsExactly("vendor.com/gpu=g0");
    registry.removeSpec("mine");
    assertThat(registry.devices()).isEmpty();
    // An outside change after them: once it is seen, the watcher has handled the writes' events too.
    writeAtomically(run, "other.yaml", spec("vendor.com/gpu").device("g9", "V=1").yaml());
    events.await(DEVICE_ADDED, "vendor.com/gpu=g9");

    assertThat(events.all()).extracting(RegistryEvent::type, RegistryEvent::subject).containsExactly(
        org.assertj.core.api.Assertions.tuple(DEVICE_ADDED, "vendor.com/gpu=g0"),
        org.assertj.core.api.Assertions.tuple(DEVICE_REMOVED, "vendor.com/gpu=g0"),
        org.assertj.core.api.Assertions.tuple(DEVICE_ADDED, "vendor.com/gpu=g9"));
  }

  @Test
  void specDirectoryThatIsAFileIsAnErrorUntilItBecomesADirectory() throws Exception {
    Path file = write(tmp, "run", "not a directory");
    start(etc, run);
    assertThat(registry.errors()).containsOnlyKeys(file);

    Files.delete(file);
    writeAtomically(run, "a.yaml", spec("vendor.com/gpu").device("g0", "V=1").yaml());
    events.await(DEVICE_ADDED, "vendor.com/gpu=g0");
    assertThat(registry.errors()).isEmpty();
    assertThat(events.all()).contains(new RegistryEvent(SPEC_ERROR_CLEARED, run.toString(), ""));
  }

  @Test
  void closedRegistryStopsWatchingButStillAnswers() throws Exception {
    writeAtomically(run, "a.yaml", spec("vendor.com/gpu").device("g0", "V=1").yaml());
    start(etc, run);

    registry.close();
    writeAtomically(run, "b.yaml", spec("vendor.com/gpu").device("g1", "V=1").yaml());
    // Longer than the debounce and the directory poll together: a live watch would have reported.
    Thread.sleep(1_500);

    assertThat(events.all()).isEmpty();
    assertThat(registry.devices()).containsExactly("vendor.com/gpu=g0");
    registry.refresh();
    assertThat(registry.devices()).containsExactly("vendor.com/gpu=g0", "vendor.com/gpu=g1");
  }
}
