package dev.jcdi.runtime;

import dev.jcdi.oci.OciConfig;
import static dev.jcdi.runtime.RegistryFiles.spec;
import static dev.jcdi.runtime.RegistryFiles.writeAtomically;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers injecting while spec files are added, replaced and removed: every injection resolves
 * against one whole version of the specs or reports the devices unresolved, nothing else.
 */
class RegistryConcurrencyTest {
  @TempDir Path tmp;

  private static final int DEVICES = 8;
  private static final List<String> REQUEST =
      java.util.stream.IntStream.range(0, DEVICES).mapToObj(i -> "vendor.com/gpu=g" + i).toList();

  /**
   * Version {@code k} of spec file {@code file}: each value names the file and the version. With
   * {@code all}, every device; else the odd ones, so that the request mixes two files.
   */
  private static String version(String file, int k, boolean all) {
    RegistryFiles.SpecText s = spec("vendor.com/gpu").env("SPEC_" + file + "=" + k);
    for (int i = 0; i < DEVICES; i++) {
      if (all || i % 2 == 1) {
        s.deviceWithNode("g" + i, "/dev/jcdi-test/g" + i + "-" + file + "-" + k, 1, k % 200 + 1, "G" + i + "=" + file + "-" + k);
      }
    }
    return s.json();
  }

  @Test
  void injectionsDuringManualRefreshesSeeWholeSpecVersions() throws Exception {
    run(false);
  }

  @Test
  void injectionsDuringAutoRefreshSeeWholeSpecVersions() throws Exception {
    run(true);
  }

  private void run(boolean autoRefresh) throws Exception {
    Path etc = Files.createDirectories(tmp.resolve("etc"));
    Path runDir = Files.createDirectories(tmp.resolve("run"));
    writeAtomically(etc, "a.json", version("a", 0, true));
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong resolved = new AtomicLong();
    AtomicLong unresolved = new AtomicLong();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    int readers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
    try (Registry registry = Registry.builder().specDirs(etc, runDir).autoRefresh(autoRefresh).build()) {
      for (int t = 0; t < readers; t++) {
        pool.submit(() -> {
          OciConfig empty = OciConfig.empty();
          while (!done.get()) {
            try {
              check(registry.inject(empty, REQUEST), failures);
              resolved.incrementAndGet();
            } catch (UnresolvedDevicesException e) {
              if (!REQUEST.containsAll(e.unresolved())) {
                failures.add("unresolved names not requested: " + e.unresolved());
              }
              unresolved.incrementAndGet();
            } catch (Throwable e) {
              failures.add("unexpected " + e);
              return null;
            }
          }
          return null;
        });
      }
      Future<?> writer = pool.submit(() -> {
        Random rnd = new Random(42);
        for (int k = 1; k <= 400; k++) {
          switch (rnd.nextInt(6)) {
            case 0, 1, 2 -> writeAtomically(etc, "a.json", version("a", k, true));
            case 3 -> writeAtomically(runDir, "b.json", version("b", k, rnd.nextBoolean()));
            case 4 -> Files.deleteIfExists(etc.resolve("a.json"));
            default -> Files.deleteIfExists(runDir.resolve("b.json"));
          }
          if (!autoRefresh || rnd.nextInt(4) == 0) {
            registry.refresh();
          }
        }
        // End resolvable, so that at least the last state is seen resolved.
        writeAtomically(etc, "a.json", version("a", 1000, true));
        registry.refresh();
        Thread.sleep(50);
        return null;
      });
      writer.get(120, TimeUnit.SECONDS);
      done.set(true);
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }
    assertThat(failures).isEmpty();
    assertThat(resolved.get()).isPositive();
  }

  /**
   * Each device's env value, its node path and its spec's spec-level env name the same file and
   * version; two devices from the same file come from the same version of it.
   */
  private static void check(OciConfig out, ConcurrentLinkedQueue<String> failures) {
    Map<String, String> env = new HashMap<>();
    for (String e : out.env()) {
      int eq = e.indexOf('=');
      env.put(e.substring(0, eq), e.substring(eq + 1));
    }
    Set<String> nodes = Set.copyOf(out.linuxDevices().stream().map(OciConfig.LinuxDevice::path).toList());
    Map<String, String> versionOfFile = new HashMap<>();
    for (int i = 0; i < DEVICES; i++) {
      String dev = "g" + i;
      String value = env.get(dev.toUpperCase(java.util.Locale.ROOT));
      if (value == null) {
        failures.add("no env for " + dev + " in " + out.env());
        continue;
      }
      String file = value.substring(0, value.indexOf('-'));
      String k = value.substring(value.indexOf('-') + 1);
      if (!nodes.contains("/dev/jcdi-test/" + dev + "-" + value)) {
        failures.add(dev + " env " + value + " but nodes " + nodes);
      }
      if (!k.equals(env.get("SPEC_" + file))) {
        failures.add(dev + " env " + value + " but spec env " + env);
      }
      String other = versionOfFile.put(file, k);
      if (other != null && !other.equals(k)) {
        failures.add("two versions of " + file + ": " + other + " and " + k);
      }
    }
    if (out.linuxDevices().size() != DEVICES) {
      failures.add("expected " + DEVICES + " nodes: " + nodes);
    }
  }
}
