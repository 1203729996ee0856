package dev.jcdi.bench;

import dev.jcdi.runtime.Registry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Full refresh: a new manual-refresh {@link Registry} over a corpus, i.e. list the directory, stat,
 * read, hash, parse and validate every file, and build the device index — what a runtime does when
 * it starts. The JVM is warm (JIT-compiled), the files are in the page cache.
 *
 * <p>Targets (design.md, 2 cores): {@code transient5000} ≤ 250 ms, {@code gpu} ≤ 20 ms.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class FullRefreshBenchmark {
  /** {@code gpu}: 20 GPU-node specs; {@code transient5000}: 5,000 one-device specs (also {@code -json}/{@code -yaml}). */
  @Param({"gpu", "transient5000"})
  public String corpus;

  private BenchCorpus c;

  @Setup(Level.Trial)
  public void setUp() {
    c = BenchCorpus.create(corpus);
    try (Registry r = c.checkedRegistry()) {
      // checked: every device, no errors
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    c.close();
  }

  @Benchmark
  public void fullRefresh(Blackhole bh) {
    try (Registry r = Registry.builder().specDirs(c.dir).build()) {
      bh.consume(r.devices());
    }
  }
}
