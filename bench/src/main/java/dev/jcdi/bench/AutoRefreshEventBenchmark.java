package dev.jcdi.bench;

import dev.jcdi.runtime.Registry;
import dev.jcdi.spec.SpecFiles;
import dev.jcdi.spec.SpecFormat;
import dev.jcdi.spec.SpecWriter;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The work an auto-refreshing {@link Registry} does after one file event among the 5,000 transient
 * specs (target ≤ 2 ms): re-examine the one file named by the event (stat, read, hash, parse,
 * validate), rebuild the snapshot and compute the events. The debounce wait and the WatchService's
 * own latency are not work and are not measured.
 *
 * <p>The registry has no public entry point for "refresh these files": the watch thread calls the
 * private {@code Registry.applyWatchChanges(SpecDirWatch.Changes)}. So:
 *
 * <ul>
 *   <li>{@code watchBatchOneFile} calls that private method reflectively with a batch naming the one
 *       changed file — exactly what the watch thread runs after the debounce (the file is rewritten,
 *       untimed, before each call). Falls back to the private {@code refreshFile(Path, String)};
 *       fails with a clear message if neither exists.
 *   <li>{@code writeSpec} is the closest public equivalent: {@link Registry#writeSpec} runs the same
 *       per-file refresh after the producer's write ({@link SpecFiles#write}: validate, serialize,
 *       read the old file to check its owner, write, fsync, rename, fsync the directory).
 *   <li>{@code specFilesWrite} is that producer write alone, so {@code writeSpec − specFilesWrite}
 *       estimates the per-file refresh from public API only.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AutoRefreshEventBenchmark {
  private BenchCorpus c;
  private Registry registry;
  private Path changed;
  private String changedName;
  private final byte[][] revisions = new byte[2][];
  private int revision;
  private Method watchPath;
  private Object watchArgument;

  @Setup(Level.Trial)
  public void setUp() throws ReflectiveOperationException {
    c = BenchCorpus.create("transient5000");
    // Manual mode: the per-file path is the same, and no watch thread competes for the 2 cores.
    registry = c.checkedRegistry();
    changed = c.files.get(IncrementalRefreshBenchmark.CHANGED_INDEX);
    changedName = changed.getFileName().toString();
    SpecFormat format = SpecFormat.ofSpecFileName(changedName).orElseThrow();
    for (int r = 0; r < 2; r++) {
      revisions[r] = SpecWriter.writeBytes(Corpus.transientSpec(IncrementalRefreshBenchmark.CHANGED_INDEX, r + 1), format);
    }
    findWatchPath();
    BenchCorpus.settle();
    registry.refresh();
  }

  private void findWatchPath() throws ReflectiveOperationException {
    Path dir = registry.specDirs().get(0);
    try {
      Class<?> changes = Class.forName("dev.jcdi.runtime.internal.SpecDirWatch$Changes");
      Method m = Registry.class.getDeclaredMethod("applyWatchChanges", changes);
      Constructor<?> ctor = changes.getDeclaredConstructor(Set.class, Map.class, boolean.class);
      watchArgument = ctor.newInstance(Set.of(), Map.of(dir, Set.of(changedName)), false);
      m.setAccessible(true);
      watchPath = m;
      return;
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      // try the per-file method below
    }
    try {
      Method m = Registry.class.getDeclaredMethod("refreshFile", Path.class, String.class);
      m.setAccessible(true);
      watchPath = m;
    } catch (NoSuchMethodException e) {
      watchPath = null; // watchBatchOneFile reports it; the public-API benchmarks still run
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    registry.close();
    c.check(registry);
    c.close();
  }

  /** Per invocation (untimed): the file the event names gets new content, by temp file and atomic rename. */
  @State(Scope.Thread)
  public static class OneFileChanged {
    @Setup(Level.Invocation)
    public void change(AutoRefreshEventBenchmark b) {
      b.revision ^= 1;
      IncrementalRefreshBenchmark.replace(b.changed, b.revisions[b.revision]);
    }
  }

  @Benchmark
  public void watchBatchOneFile(OneFileChanged change, Blackhole bh) throws Throwable {
    if (watchPath == null) {
      throw new UnsupportedOperationException(
          "Registry has neither applyWatchChanges(SpecDirWatch.Changes) nor refreshFile(Path, String);"
              + " a public per-file refresh (e.g. Registry.refresh(Collection<Path> files)) would make this measurable");
    }
    try {
      if (watchPath.getParameterCount() == 1) {
        watchPath.invoke(registry, watchArgument);
      } else {
        watchPath.invoke(registry, registry.specDirs().get(0), changedName);
      }
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    bh.consume(registry.devices());
  }

  @Benchmark
  public void writeSpec(Blackhole bh) throws IOException {
    revision ^= 1;
    bh.consume(registry.writeSpec(Corpus.transientSpec(IncrementalRefreshBenchmark.CHANGED_INDEX, revision + 1), changedName));
    bh.consume(registry.devices());
  }

  @Benchmark
  public void specFilesWrite(Blackhole bh) throws IOException {
    revision ^= 1;
    bh.consume(SpecFiles.write(c.dir, Corpus.transientSpec(IncrementalRefreshBenchmark.CHANGED_INDEX, revision + 1),
        SpecFiles.WriteOptions.DEFAULT.withFileName(changedName)));
  }
}
