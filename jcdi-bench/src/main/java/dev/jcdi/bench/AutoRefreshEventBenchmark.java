package dev.jcdi.bench;

import dev.jcdi.runtime.Registry;
import dev.jcdi.spec.SpecFormat;
import dev.jcdi.spec.SpecWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
 * The work a registry does after one file event among the 5,000 transient specs (target ≤ 2 ms):
 * re-examine the one file (stat, read, hash, parse, validate), rebuild the snapshot, compute and
 * deliver the events. The debounce wait and the WatchService's own latency are not work and are
 * not measured.
 *
 * <ul>
 *   <li>{@code refreshOneFile}: {@link Registry#refresh(java.util.Collection)} with the one changed
 *       file — the same per-file path the watch thread runs for a batch naming one file. The file
 *       gets new content (temp file, atomic rename) before each call, untimed.
 *   <li>{@code writeSpec}: a producer's {@link Registry#writeSpec} — {@link dev.jcdi.spec.SpecFiles#write}
 *       (validate, serialize, read the old file to check its owner, write, fsync, rename, fsync the
 *       directory) and then the same per-file refresh; shows what the fsyncs add.
 * </ul>
 *
 * <p>The registry is in manual mode: the per-file path is the same, and no watch thread competes for
 * the two cores.
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
  private List<Path> changedFiles;
  private final byte[][] revisions = new byte[2][];
  private int revision;

  @Setup(Level.Trial)
  public void setUp() {
    c = BenchCorpus.create("transient5000");
    registry = c.checkedRegistry();
    changed = registry.specDirs().get(0).resolve(c.files.get(IncrementalRefreshBenchmark.CHANGED_INDEX).getFileName());
    changedFiles = List.of(changed);
    SpecFormat format = SpecFormat.ofSpecFileName(changed.getFileName().toString()).orElseThrow();
    for (int r = 0; r < 2; r++) {
      revisions[r] = SpecWriter.writeBytes(Corpus.transientSpec(IncrementalRefreshBenchmark.CHANGED_INDEX, r + 1), format);
    }
    BenchCorpus.settle();
    registry.refresh();
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
  public void refreshOneFile(OneFileChanged change, Blackhole bh) {
    registry.refresh(changedFiles);
    bh.consume(registry.devices());
  }

  @Benchmark
  public void writeSpec(Blackhole bh) throws IOException {
    revision ^= 1;
    bh.consume(registry.writeSpec(
        Corpus.transientSpec(IncrementalRefreshBenchmark.CHANGED_INDEX, revision + 1), changed.getFileName().toString()));
    bh.consume(registry.devices());
  }
}
