package dev.jcdi.bench;

import dev.jcdi.runtime.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A corpus generated into a fresh temporary directory for one benchmark trial: {@code gpu} (20
 * GPU-node specs) or {@code transient5000} (5,000 transient specs), optionally suffixed {@code -json}
 * or {@code -yaml} for a single-format corpus; copied from {@code $JCDI_BENCH_CORPUS} when that holds
 * it (jcdi-bench/run sets it), else generated. The base directory is {@code $JCDI_BENCH_TMP} if set,
 * else {@code java.io.tmpdir}.
 */
final class BenchCorpus implements AutoCloseable {
  /** How long after its last write a file's stamp can be trusted, with a margin: see FileStamp.RACY_WINDOW_MILLIS (2 s). */
  static final long SETTLE_MILLIS = 2_300;

  final String name;
  final Path root;
  final Path dir;
  final List<Path> files;
  final Corpus.Formats formats;

  private BenchCorpus(String name, Path root, Path dir, List<Path> files, Corpus.Formats formats) {
    this.name = name;
    this.root = root;
    this.dir = dir;
    this.files = files;
    this.formats = formats;
  }

  static BenchCorpus create(String name) {
    String base = name;
    Corpus.Formats formats = Corpus.Formats.MIXED;
    int dash = name.indexOf('-');
    if (dash > 0) {
      base = name.substring(0, dash);
      formats = Corpus.Formats.parse(name.substring(dash + 1));
    }
    try {
      String tmp = System.getenv("JCDI_BENCH_TMP");
      Path root = tmp == null || tmp.isEmpty()
          ? Files.createTempDirectory("jcdi-bench-")
          : Files.createTempDirectory(Files.createDirectories(Path.of(tmp)), "jcdi-bench-");
      Path dir = root.resolve(base);
      List<String> names = new ArrayList<>();
      switch (base) {
        case "gpu" -> {
          for (int i = 0; i < Corpus.GPU_SPECS; i++) {
            names.add(Corpus.gpuNodeFileName(i, formats.of(i)));
          }
        }
        case "transient5000" -> {
          for (int i = 0; i < Corpus.TRANSIENT_SPECS; i++) {
            names.add(Corpus.transientFileName(i, formats.of(i)));
          }
        }
        default -> throw new IllegalArgumentException("unknown corpus " + name + " (gpu or transient5000, optionally -json or -yaml)");
      }
      List<Path> files = copyPregenerated(base, names, dir);
      if (files == null) {
        files = base.equals("gpu")
            ? Corpus.gpuNodes(dir, Corpus.GPU_SPECS, formats)
            : Corpus.transientSpecs(dir, Corpus.TRANSIENT_SPECS, formats);
      }
      return new BenchCorpus(name, root, dir, files, formats);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies the corpus from {@code $JCDI_BENCH_CORPUS/<base>} (as {@code Corpus all} writes it, with
   * {@link dev.jcdi.spec.SpecFiles#write}) when it is there and complete: the same bytes, without
   * the 5,000 fsyncs of generating it again in every fork. Returns {@code null} otherwise.
   */
  private static List<Path> copyPregenerated(String base, List<String> names, Path dir) throws IOException {
    String pre = System.getenv("JCDI_BENCH_CORPUS");
    if (pre == null || pre.isEmpty()) {
      return null;
    }
    Path src = Path.of(pre, base);
    for (String n : names) {
      if (!Files.isRegularFile(src.resolve(n))) {
        return null;
      }
    }
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>(names.size());
    for (String n : names) {
      files.add(Files.copy(src.resolve(n), dir.resolve(n)));
    }
    return files;
  }

  /** The number of devices the corpus defines. */
  int expectedDevices() {
    return name.startsWith("gpu") ? files.size() * 9 : files.size();
  }

  /** Builds a manual-refresh registry over the corpus and checks that it loaded every device without errors. */
  Registry checkedRegistry() {
    Registry r = Registry.builder().specDirs(dir).build();
    check(r);
    return r;
  }

  void check(Registry r) {
    if (!r.errors().isEmpty() || r.devices().size() != expectedDevices()) {
      throw new IllegalStateException("corpus " + name + " loaded " + r.devices().size() + " devices (expected "
          + expectedDevices() + ") with errors " + r.errors());
    }
  }

  /** Waits until every file of the corpus is old enough for its stamp to be trusted without re-hashing. */
  static void settle() {
    try {
      Thread.sleep(SETTLE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      Corpus.deleteTree(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
