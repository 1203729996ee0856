package dev.jcdi.bench;

import dev.jcdi.runtime.InjectionException;
import dev.jcdi.oci.OciConfig;
import dev.jcdi.runtime.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * Inject 4 devices into runc's default config ({@code examples/config.json}, as {@code runc spec}
 * writes it): parse the bytes, inject GPUs 0–3 of one GPU-node spec (so its spec-level edits — 2
 * control nodes, 40 library mounts, 3 hooks, env — are applied once, plus 4 device nodes and their
 * env), serialize to JSON bytes. Target ≤ 200 µs for {@code parseInjectSerialize}; the other three
 * are its parts, for finding where the time goes.
 *
 * <p>The registry is over the 20 GPU-node specs. Device nodes are fully specified, but injection
 * still stats each host path for its file mode (as the reference does); on a machine without these
 * nodes that stat fails and the spec's values are used.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class InjectBenchmark {
  static final List<String> DEVICES = Corpus.gpuNodeDevices(0).subList(0, 4);

  private BenchCorpus c;
  private Registry registry;
  private byte[] configBytes;
  private OciConfig parsed;
  private OciConfig injected;

  /** runc's default config.json, copied from {@code examples/config.json} into the jar. */
  static byte[] runcDefaultConfig() {
    try (InputStream in = InjectBenchmark.class.getResourceAsStream("config.json")) {
      if (in == null) {
        throw new IllegalStateException("config.json (examples/config.json) is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException, InjectionException {
    c = BenchCorpus.create("gpu");
    registry = c.checkedRegistry();
    configBytes = runcDefaultConfig();
    parsed = OciConfig.parse(configBytes);
    injected = registry.inject(parsed, DEVICES);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    registry.close();
    c.close();
  }

  @Benchmark
  public byte[] parseInjectSerialize() throws IOException, InjectionException {
    OciConfig config = OciConfig.parse(configBytes);
    return registry.inject(config, DEVICES).toJsonBytes();
  }

  @Benchmark
  public OciConfig parseOnly() throws IOException {
    return OciConfig.parse(configBytes);
  }

  @Benchmark
  public OciConfig injectOnly() throws InjectionException {
    return registry.inject(parsed, DEVICES);
  }

  @Benchmark
  public void serializeOnly(Blackhole bh) {
    bh.consume(injected.toJsonBytes());
  }
}
