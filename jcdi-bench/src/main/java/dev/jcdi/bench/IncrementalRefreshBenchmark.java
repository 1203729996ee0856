package dev.jcdi.bench;

import dev.jcdi.runtime.Registry;
import dev.jcdi.spec.SpecFormat;
import dev.jcdi.spec.SpecWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * Manual {@link Registry#refresh()} over the 5,000 transient specs, with a registry that has already
 * loaded them and files older than the racy-stamp window (so an unchanged file is only stat'ed):
 *
 * <ul>
 *   <li>{@code refreshUnchanged}: nothing changed — the "manual refresh that must check every file"
 *       (list the directory, stat 5,000 files). Target ≤ 30 ms.
 *   <li>{@code refreshAfterOneFileChange}: one file was replaced (new content, temp file + atomic
 *       rename, outside the timed region) — stat everything, re-read and re-parse that file, rebuild
 *       the index, compute the events.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class IncrementalRefreshBenchmark {
  /** The file that changes: a YAML one in the middle of the directory. */
  static final int CHANGED_INDEX = 2_499;

  private BenchCorpus c;
  private Registry registry;
  private Path changed;
  private final byte[][] revisions = new byte[2][];
  private int revision;

  @Setup(Level.Trial)
  public void setUp() {
    c = BenchCorpus.create("transient5000");
    registry = c.checkedRegistry();
    changed = c.files.get(CHANGED_INDEX);
    SpecFormat format = SpecFormat.ofSpecFileName(changed.getFileName().toString()).orElseThrow();
    for (int r = 0; r < 2; r++) {
      revisions[r] = SpecWriter.writeBytes(Corpus.transientSpec(CHANGED_INDEX, r + 1), format);
    }
    BenchCorpus.settle();
    registry.refresh(); // re-reads the then-racy files once; from now on stamps are trusted
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    registry.close();
    c.check(registry);
    c.close();
  }

  /** Replaces the changed file with its other revision, as a producer would: temp file, atomic rename. */
  static void replace(Path file, byte[] content) {
    try {
      Path tmp = file.resolveSibling("." + file.getFileName() + ".bench.tmp");
      Files.write(tmp, content);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Per changing-file invocation (untimed): write the other revision of the file. */
  @State(Scope.Thread)
  public static class OneFileChanged {
    @Setup(Level.Invocation)
    public void change(IncrementalRefreshBenchmark b) {
      b.revision ^= 1;
      replace(b.changed, b.revisions[b.revision]);
    }
  }

  @Benchmark
  public void refreshUnchanged(Blackhole bh) {
    registry.refresh();
    bh.consume(registry.devices());
  }

  @Benchmark
  public void refreshAfterOneFileChange(OneFileChanged change, Blackhole bh) {
    registry.refresh();
    bh.consume(registry.devices());
  }
}
