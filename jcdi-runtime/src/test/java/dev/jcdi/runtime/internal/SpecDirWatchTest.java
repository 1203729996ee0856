package dev.jcdi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the directory watch reports; waits poll with a generous deadline. */
class SpecDirWatchTest {
  @TempDir Path tmp;
  private final LinkedBlockingQueue<SpecDirWatch.Changes> batches = new LinkedBlockingQueue<>();

  private SpecDirWatch.Changes await(Predicate<SpecDirWatch.Changes> p) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      SpecDirWatch.Changes c = batches.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (c == null) {
        throw new AssertionError("no matching batch within 10 s");
      }
      if (p.test(c)) {
        return c;
      }
    }
  }

  @Test
  void reportsTheSpecFileNamesThatHadEventsAndNoOtherNames() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cdi"));
    try (SpecDirWatch watch = new SpecDirWatch(List.of(dir), "test-watch")) {
      watch.start(batches::add);
      Files.writeString(dir.resolve("ignored.yml"), "x");
      Files.writeString(dir.resolve(".a.yaml.tmp"), "x");
      for (int i = 0; i < 20; i++) {
        Files.writeString(dir.resolve("a.yaml"), "x" + i);
      }
      Files.writeString(dir.resolve("b.json"), "x");

      Set<String> named = new java.util.HashSet<>();
      await(ch -> {
        named.addAll(ch.files().getOrDefault(dir, Set.of()));
        return named.contains("b.json");
      });

      assertThat(named).containsExactlyInAnyOrder("a.yaml", "b.json");
      assertThat(watch.errors()).isEmpty();
    }
  }

  @Test
  void missingDirectoryIsRescannedWhenItAppears() throws Exception {
    Path dir = tmp.resolve("later/cdi");
    try (SpecDirWatch watch = new SpecDirWatch(List.of(dir), "test-watch")) {
      watch.start(batches::add);
      Files.createDirectories(dir);

      assertThat(await(c -> c.rescanDirs().contains(dir))).isNotNull();
      assertThat(watch.errors()).isEmpty();
    }
  }

  @Test
  void withoutAWatchServiceEveryDirectoryIsPolledAndTheReasonIsAnError() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cdi"));
    SpecDirWatch.ServiceFactory none = () -> {
      throw new IOException("too many open files");
    };
    try (SpecDirWatch watch = new SpecDirWatch(List.of(dir), "test-watch", none)) {
      watch.start(batches::add);

      assertThat(await(c -> c.rescanDirs().contains(dir))).isNotNull();
      assertThat(watch.errors()).containsOnlyKeys(dir);
      assertThat(watch.errors().get(dir)).containsExactly("failed to create watcher: too many open files");
    }
  }
}
