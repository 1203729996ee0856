package dev.jcdi.bench;

import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecReader;
import dev.jcdi.spec.internal.BinaryIn;
import dev.jcdi.spec.internal.BinaryOut;
import dev.jcdi.spec.internal.SpecCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The binary form of specs that a spec cache stores: every spec of a corpus decoded from, or encoded
 * into, one byte array. The JVM is warm; a short-lived process runs the same code interpreted, which
 * the cold CLI measurements show.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SpecCodecBenchmark {
  /** {@code gpu}: 20 GPU-node specs; {@code transient5000}: 5,000 one-device specs. */
  @Param({"gpu", "transient5000"})
  public String corpus;

  private List<Spec> specs;
  private byte[] encoded;

  @Setup(Level.Trial)
  public void setUp() {
    specs = new ArrayList<>();
    try (BenchCorpus c = BenchCorpus.create(corpus)) {
      for (Path f : c.files) {
        specs.add(SpecReader.standard().read(f).spec());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    encoded = encodeAll();
    System.out.printf("%n%s: %d specs, %d bytes encoded%n", corpus, specs.size(), encoded.length);
  }

  private byte[] encodeAll() {
    BinaryOut out = new BinaryOut();
    for (Spec s : specs) {
      SpecCodec.write(out, s);
    }
    return out.toByteArray();
  }

  @Benchmark
  public byte[] encode() {
    return encodeAll();
  }

  @Benchmark
  public void decode(Blackhole bh) throws IOException {
    BinaryIn in = new BinaryIn(encoded, 0, encoded.length);
    while (in.remaining() > 0) {
      bh.consume(SpecCodec.read(in));
    }
  }
}
