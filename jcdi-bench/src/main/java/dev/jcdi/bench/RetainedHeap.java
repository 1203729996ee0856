package dev.jcdi.bench;

import dev.jcdi.runtime.Registry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Retained heap of a {@link Registry} over the 5,000 transient specs: heap used after full GCs with
 * the registry reachable, minus heap used after full GCs before it was built (with the classes
 * already loaded and initialized by a registry over a small corpus, so only what the 5,000 specs
 * cost is counted). Target ≤ 40 MB.
 *
 * <pre>
 * java -cp jcdi-bench/target/benchmarks.jar dev.jcdi.bench.RetainedHeap [DIR] [--histogram N]
 * </pre>
 *
 * DIR defaults to a freshly generated 5,000-spec corpus in a temp directory. {@code --histogram N}
 * prints the N largest classes on the heap afterwards (the JVM's GC.class_histogram).
 */
public final class RetainedHeap {
  private RetainedHeap() {}

  public static void main(String[] args) throws Exception {
    Path dir = null;
    int histogram = 0;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--histogram")) {
        histogram = Integer.parseInt(args[++i]);
      } else {
        dir = Path.of(args[i]);
      }
    }
    Path tmp = null;
    if (dir == null) {
      tmp = Files.createTempDirectory("jcdi-heap-");
      dir = tmp.resolve("transient5000");
      Corpus.transientSpecs(dir);
    }
    try {
      run(dir, histogram);
    } finally {
      if (tmp != null) {
        Corpus.deleteTree(tmp);
      }
    }
  }

  private static void run(Path dir, int histogram) throws Exception {
    // Load and initialize every class a registry uses (readers, validator, caches, snapshot), then drop it.
    Path warm = Files.createTempDirectory("jcdi-heap-warm-");
    try {
      Corpus.transientSpecs(warm.resolve("t"), 10);
      Corpus.gpuNodes(warm.resolve("g"), 2);
      try (Registry r = Registry.builder().specDirs(warm.resolve("g"), warm.resolve("t")).build()) {
        Reference.reachabilityFence(r.devices());
      }
    } finally {
      Corpus.deleteTree(warm);
    }

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(memory);
    Registry registry = Registry.builder().specDirs(dir).build();
    int devices = registry.devices().size();
    int errors = registry.errors().size();
    long after = usedAfterGc(memory);
    long retained = after - before;
    long files;
    try (var s = Files.list(dir)) {
      files = s.count();
    }
    System.out.printf(Locale.ROOT,
        "retained heap: %.1f MB (%.1f MiB) for %d spec files, %d devices, %d errors; %d bytes per spec (heap used %.1f MB before, %.1f MB after)%n",
        retained / 1e6, retained / (double) (1 << 20), files, devices, errors, files == 0 ? 0 : retained / files,
        before / 1e6, after / 1e6);
    if (histogram > 0) {
      printHistogram(histogram);
    }
    Reference.reachabilityFence(registry);
    registry.close();
  }

  /** Heap used after several full collections, once two consecutive readings agree within 64 KiB. */
  static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(100);
      long used = memory.getHeapMemoryUsage().getUsed();
      if (i >= 2 && Math.abs(used - last) < 64 * 1024) {
        return Math.min(used, last);
      }
      last = used;
    }
    return last;
  }

  private static void printHistogram(int lines) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
    String out = (String) server.invoke(name, "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
    String[] rows = out.split("\n");
    for (int i = 0; i < Math.min(rows.length, lines + 2); i++) {
      System.out.println(rows[i]);
    }
  }
}
