package dev.jcdi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcdi.runtime.RegisteredSpec;
import dev.jcdi.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store of parsed spec files between processes: a second "process" (a new cache on the same
 * store file) parses only what changed, sees exactly what parsing would show, and never trusts a
 * store file that someone else could have written.
 */
class SpecStoreTest {
  @TempDir Path tmp;

  /** A clock well past every file's times: equal stamps are trusted. */
  private static final LongSupplier LATER = () -> System.currentTimeMillis() + 60_000;

  private static String spec(String vendor, int i, int value) {
    return "{\"cdiVersion\":\"0.5.0\",\"kind\":\"" + vendor + "/gpu\",\"devices\":[{\"name\":\"g" + i
        + "\",\"containerEdits\":{\"env\":[\"V=" + value + "\"],\"deviceNodes\":[{\"path\":\"/dev/g" + i + "\"}]}}]}";
  }

  private Path corpus(String name, int n) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (int i = 0; i < n; i++) {
      Files.writeString(dir.resolve(String.format("s%03d.json", i)), spec("vendor.com", i, 0));
    }
    Files.writeString(dir.resolve("y.yaml"), "cdiVersion: 0.6.0\nkind: other.org/nic\nannotations: {b: 1, a: 2}\n"
        + "devices:\n- name: n0\n  containerEdits:\n    mounts: [{hostPath: /h, containerPath: /c, options: [ro]}]\n"
        + "containerEdits:\n  hooks: [{hookName: createContainer, path: /bin/true, args: [x]}]\n");
    Files.writeString(dir.resolve("bad.json"), "{\"cdiVersion\":\"0.5.0\",\"kind\":\"nokind\",\"devices\":[]}");
    Files.writeString(dir.resolve("broken.yaml"), "cdiVersion: [\n");
    return dir;
  }

  private Path storeFile() {
    return tmp.resolve("cache").resolve("specs");
  }

  private SpecStore store(List<Path> dirs) {
    return SpecStore.open(storeFile(), SpecReader.standard(), dirs);
  }

  /** One process's look at the directories: a new cache on the store, refreshed, persisted. */
  private static Result run(List<Path> dirs, SpecStore store, LongSupplier clock) {
    SpecCache cache = new SpecCache(dirs, SpecReader.standard(), clock, store);
    cache.refreshAll();
    Snapshot snap = cache.snapshot(Map.of());
    cache.persist();
    return new Result(cache, snap);
  }

  private record Result(SpecCache cache, Snapshot snapshot) {}

  private static void assertSameView(Snapshot a, Snapshot b) {
    assertThat(b.deviceNames()).isEqualTo(a.deviceNames());
    assertThat(b.errors()).isEqualTo(a.errors());
    assertThat(b.specs()).hasSameSizeAs(a.specs());
    for (int i = 0; i < a.specs().size(); i++) {
      RegisteredSpec x = a.specs().get(i);
      RegisteredSpec y = b.specs().get(i);
      assertThat(y).isEqualTo(x);
      assertThat(y.spec().annotations().keySet()).containsExactlyElementsOf(x.spec().annotations().keySet());
    }
    for (String name : a.deviceNames()) {
      assertThat(b.devices().get(name)).isEqualTo(a.devices().get(name));
    }
  }

  @Test
  void aSecondProcessParsesNothingThatDidNotChange() throws Exception {
    Path dir = corpus("cdi", 30);
    Result first = run(List.of(dir), store(List.of(dir)), LATER);
    assertThat(first.cache().filesParsed()).isEqualTo(33);
    assertThat(Files.isRegularFile(storeFile())).isTrue();

    Result second = run(List.of(dir), store(List.of(dir)), LATER);

    assertThat(second.cache().filesParsed()).isZero();
    assertThat(second.cache().filesRead()).as("trusted stamps: nothing read").isZero();
    assertThat(second.cache().filesRestored()).isEqualTo(33);
    assertSameView(first.snapshot(), second.snapshot());
    assertThat(second.snapshot().errors()).containsKeys(dir.resolve("bad.json"), dir.resolve("broken.yaml"));
  }

  @Test
  void aFileChangedJustNowIsReadAndHashedNeverTrustedByItsStamp() throws Exception {
    Path dir = corpus("cdi", 5);
    run(List.of(dir), store(List.of(dir)), System::currentTimeMillis);

    Result second = run(List.of(dir), store(List.of(dir)), System::currentTimeMillis);

    assertThat(second.cache().filesRead()).as("racy stamps: every file read").isEqualTo(8);
    assertThat(second.cache().filesParsed()).as("same content: nothing parsed").isZero();
    assertThat(second.cache().filesRestored()).isEqualTo(8);
  }

  @Test
  void aChangedFileIsParsedAndTheRestRestored() throws Exception {
    Path dir = corpus("cdi", 10);
    run(List.of(dir), store(List.of(dir)), LATER);
    Files.writeString(dir.resolve("s004.json"), spec("vendor.com", 4, 99));

    Result second = run(List.of(dir), store(List.of(dir)), LATER);

    assertThat(second.cache().filesParsed()).isEqualTo(1);
    assertThat(second.snapshot().devices().get("vendor.com/gpu=g4").device().containerEdits().env()).containsExactly("V=99");
    Result third = run(List.of(dir), store(List.of(dir)), LATER);
    assertThat(third.cache().filesParsed()).as("the change was stored").isZero();
    assertSameView(second.snapshot(), third.snapshot());
  }

  @Test
  void theSameContentUnderANewInodeIsReadButNotParsed() throws Exception {
    Path dir = corpus("cdi", 3);
    run(List.of(dir), store(List.of(dir)), LATER);
    Path copy = tmp.resolve("copy.json");
    Files.copy(dir.resolve("s001.json"), copy);
    Files.move(copy, dir.resolve("s001.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    Result second = run(List.of(dir), store(List.of(dir)), LATER);

    assertThat(second.cache().filesRead()).isEqualTo(1);
    assertThat(second.cache().filesParsed()).isZero();
    Result third = run(List.of(dir), store(List.of(dir)), LATER);
    assertThat(third.cache().filesRead()).as("the new stamp was stored").isZero();
  }

  @Test
  void pathsWithTheSameHashAreToldApart() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("hash"));
    // "Aa" and "BB" hash alike, so do the two paths
    assertThat(dir.resolve("Aa.json").toString().hashCode()).isEqualTo(dir.resolve("BB.json").toString().hashCode());
    Files.writeString(dir.resolve("Aa.json"), spec("a.com", 1, 1));
    Files.writeString(dir.resolve("BB.json"), spec("b.com", 2, 2));
    Result first = run(List.of(dir), store(List.of(dir)), LATER);

    Result second = run(List.of(dir), store(List.of(dir)), LATER);

    assertThat(second.cache().filesParsed()).isZero();
    assertThat(second.snapshot().deviceNames()).containsExactly("a.com/gpu=g1", "b.com/gpu=g2");
    assertSameView(first.snapshot(), second.snapshot());
  }

  @Test
  void aVanishedFileLeavesTheStore() throws Exception {
    Path dir = corpus("cdi", 3);
    run(List.of(dir), store(List.of(dir)), LATER);
    assertThat(store(List.of(dir)).size()).isEqualTo(6);
    Files.delete(dir.resolve("s000.json"));

    Result second = run(List.of(dir), store(List.of(dir)), LATER);

    assertThat(second.snapshot().deviceNames()).doesNotContain("vendor.com/gpu=g0");
    assertThat(store(List.of(dir)).size()).isEqualTo(5);
  }

  @Test
  void aLongLivedCacheWritesWhatLaterRefreshesChangeOnly() throws Exception {
    Path dir = corpus("cdi", 3);
    SpecCache cache = new SpecCache(List.of(dir), SpecReader.standard(), LATER, store(List.of(dir)));
    cache.refreshAll();
    cache.persist();
    long written = Files.getLastModifiedTime(storeFile()).toMillis();
    byte[] before = Files.readAllBytes(storeFile());

    cache.refreshAll();
    cache.persist();
    assertThat(Files.readAllBytes(storeFile())).as("nothing changed: not written").isEqualTo(before);
    assertThat(Files.getLastModifiedTime(storeFile()).toMillis()).isEqualTo(written);

    Files.delete(dir.resolve("s001.json"));
    cache.refreshAll();
    cache.persist();
    assertThat(store(List.of(dir)).size()).as("the vanished file left the store").isEqualTo(5);
    Files.writeString(dir.resolve("s001.json"), spec("vendor.com", 1, 7));
    cache.refreshAll();
    cache.persist();
    assertThat(store(List.of(dir)).size()).isEqualTo(6);
    assertThat(run(List.of(dir), store(List.of(dir)), LATER).cache().filesParsed()).isZero();
  }

  @Test
  void entriesOfOtherDirectoriesAreKept() throws Exception {
    Path a = corpus("a", 3);
    Path b = corpus("b", 4);
    run(List.of(a), store(List.of(a)), LATER);
    run(List.of(b), store(List.of(b)), LATER);

    Result again = run(List.of(a), store(List.of(a)), LATER);

    assertThat(again.cache().filesParsed()).isZero();
    assertThat(store(List.of(a)).size()).as("a's section only").isEqualTo(6);
    assertThat(store(List.of(a, b)).size()).isEqualTo(13);
    Result both = run(List.of(a, b), store(List.of(a, b)), LATER);
    assertThat(both.cache().filesParsed()).isZero();
    assertThat(both.snapshot().specs()).extracting(RegisteredSpec::priority).contains(0, 1);
  }

  @Test
  void aProcessReadsOnlyTheSectionsOfItsOwnDirectories() throws Exception {
    Path a = corpus("a", 3);
    Path b = corpus("b", 40);
    run(List.of(b), store(List.of(b)), LATER);
    run(List.of(a), store(List.of(a)), LATER);
    byte[] bytes = Files.readAllBytes(storeFile());
    // damage b's section (the larger one, by far): a's entries are still used, b's are not
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int inB = text.lastIndexOf(b.resolve("s020.json").toString());
    assertThat(inB).isPositive();
    bytes[inB + 3] ^= 1;
    Files.write(storeFile(), bytes);

    assertThat(run(List.of(a), store(List.of(a)), LATER).cache().filesParsed()).isZero();
    assertThat(run(List.of(b), store(List.of(b)), LATER).cache().filesParsed()).isEqualTo(43);
    assertThat(run(List.of(a, b), store(List.of(a, b)), LATER).cache().filesParsed()).as("both written back whole").isZero();
  }

  @Test
  void concurrentWritersNeverLeaveAFileThatMisleadsOrLitters() throws Exception {
    int writers = 6;
    List<Path> dirs = new ArrayList<>();
    List<Snapshot> parsed = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      Path dir = corpus("w" + w, 5 + w);
      dirs.add(dir);
      parsed.add(run(List.of(dir), null, LATER).snapshot());
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int me = w;
        done.add(pool.submit(() -> {
          for (int round = 0; round < 15; round++) {
            // every round changes this writer's files, so that every round writes the store
            Files.writeString(dirs.get(me).resolve("s000.json"), spec("vendor.com", 0, round));
            // the real clock: a file rewritten within one tick of the filesystem's clock is told
            // apart by the racy rule only (the other tests' clock, a minute ahead, trusts every stamp)
            Result r = run(List.of(dirs.get(me)), store(List.of(dirs.get(me))), System::currentTimeMillis);
            assertThat(r.snapshot().devices().get("vendor.com/gpu=g0").device().containerEdits().env())
                .containsExactly("V=" + round);
            assertThat(r.snapshot().deviceNames()).isEqualTo(parsed.get(me).deviceNames());
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get(120, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    // a whole file, whichever writer renamed last; every view is what parsing gives; no temp file left
    for (int w = 0; w < writers; w++) {
      Result r = run(List.of(dirs.get(w)), store(List.of(dirs.get(w))), LATER);
      assertThat(r.snapshot().deviceNames()).isEqualTo(parsed.get(w).deviceNames());
      assertThat(r.snapshot().errors()).isEqualTo(parsed.get(w).errors());
    }
    try (java.util.stream.Stream<Path> files = Files.list(storeFile().getParent())) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("specs");
    }
  }

  @Test
  void aStoreOfAnotherBuildOrReaderIsNotUsed() throws Exception {
    Path dir = corpus("cdi", 3);
    run(List.of(dir), SpecStore.open(storeFile(), "build one", List.of(dir)), LATER);

    Result other = run(List.of(dir), SpecStore.open(storeFile(), "build two", List.of(dir)), LATER);
    assertThat(other.cache().filesParsed()).isEqualTo(6);

    Result limits = run(List.of(dir), SpecStore.open(storeFile(), SpecReader.withLimits(new SpecReader.Limits(1 << 20, 32, 256, 1_000_000)), List.of(dir)), LATER);
    assertThat(limits.cache().filesParsed()).isEqualTo(6);
    Result standard = run(List.of(dir), store(List.of(dir)), LATER);
    assertThat(standard.cache().filesParsed()).isEqualTo(6);
  }

  @Test
  void theIdentityNamesTheCodeAndTheReadersLimits() {
    String standard = SpecStore.identity(SpecReader.standard());
    // by jar in a packaged build, by class file in a build tree: each named with its stamp
    assertThat(standard).matches("format " + SpecStore.FORMAT + "; spec (jar \\S+\\.jar|class \\S+/SpecValidator\\.class)"
        + " \\d+ -?\\d+ -?\\d+ \\d+:\\d+; runtime (jar \\S+\\.jar|class \\S+/SpecStore\\.class) \\d+ -?\\d+ -?\\d+ \\d+:\\d+; limits 8388608 32 256 1000000");
    assertThat(SpecStore.identity(SpecReader.standard())).isEqualTo(standard);
    assertThat(SpecStore.identity(SpecReader.withLimits(new SpecReader.Limits(1 << 20, 32, 256, 1_000_000)))).isNotEqualTo(standard);
  }

  @Test
  void aDamagedStoreCostsOnlyParsing() throws Exception {
    Path dir = corpus("cdi", 4);
    Result first = run(List.of(dir), store(List.of(dir)), LATER);
    byte[] good = Files.readAllBytes(storeFile());
    Random random = new Random(7);
    List<byte[]> damaged = new ArrayList<>();
    for (int cut = 0; cut < good.length; cut += 1 + good.length / 97) {
      damaged.add(java.util.Arrays.copyOf(good, cut));
    }
    for (int k = 0; k < 60; k++) {
      byte[] flipped = good.clone();
      flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
      damaged.add(flipped);
    }
    damaged.add("not a store at all".getBytes());
    for (byte[] bytes : damaged) {
      Files.write(storeFile(), bytes);
      Result r = run(List.of(dir), store(List.of(dir)), LATER);
      // whatever survived the damage, the view is what parsing gives
      assertSameView(first.snapshot(), r.snapshot());
    }
    Files.write(storeFile(), good);
    assertThat(run(List.of(dir), store(List.of(dir)), LATER).cache().filesParsed()).isZero();
  }

  @Test
  void theStoreIsPrivateToItsUser() throws Exception {
    Path dir = corpus("cdi", 2);
    run(List.of(dir), store(List.of(dir)), LATER);

    assertThat(Files.getPosixFilePermissions(storeFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(storeFile().getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void aStoreOthersCanWriteIsNeitherReadNorWritten() throws Exception {
    Path dir = corpus("cdi", 2);
    run(List.of(dir), store(List.of(dir)), LATER);

    Files.setPosixFilePermissions(storeFile(), PosixFilePermissions.fromString("rw-rw-rw-"));
    assertThat(run(List.of(dir), store(List.of(dir)), LATER).cache().filesParsed()).isEqualTo(5);
    assertThat(Files.getPosixFilePermissions(storeFile())).as("replaced by a private one")
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    byte[] before = Files.readAllBytes(storeFile());

    Files.setPosixFilePermissions(storeFile().getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.writeString(dir.resolve("s000.json"), spec("vendor.com", 0, 5));
    assertThat(run(List.of(dir), store(List.of(dir)), LATER).cache().filesParsed()).isEqualTo(5);
    assertThat(Files.readAllBytes(storeFile())).as("not written into a directory others can write").isEqualTo(before);
  }

  @Test
  void aLinkedStoreIsNotFollowed() throws Exception {
    Path dir = corpus("cdi", 2);
    Path elsewhere = tmp.resolve("elsewhere");
    run(List.of(dir), SpecStore.open(elsewhere.resolve("specs"), SpecReader.standard(), List.of(dir)), LATER);
    Files.createDirectories(storeFile().getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.createSymbolicLink(storeFile(), elsewhere.resolve("specs"));

    assertThat(run(List.of(dir), store(List.of(dir)), LATER).cache().filesParsed()).isEqualTo(5);
    assertThat(Files.isSymbolicLink(storeFile())).as("renamed over, never written through").isFalse();
  }

  @Test
  void aStoreOwnedBySomeoneElseIsNotUsed() throws Exception {
    assumeTrue(isRoot(), "chown needs root");
    Path dir = corpus("cdi", 2);
    run(List.of(dir), store(List.of(dir)), LATER);
    Files.setAttribute(storeFile(), "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

    assertThat(run(List.of(dir), store(List.of(dir)), LATER).cache().filesParsed()).isEqualTo(5);
  }

  @Test
  void noDirectoryIsMadeUnderSomeoneElsesDirectory() throws Exception {
    assumeTrue(isRoot(), "chown needs root");
    Path dir = corpus("cdi", 2);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.setAttribute(home, "unix:uid", 65534);
    Path file = home.resolve(".cache").resolve("jcdi").resolve("specs");

    run(List.of(dir), SpecStore.open(file, SpecReader.standard(), List.of(dir)), LATER);

    assertThat(home.resolve(".cache")).doesNotExist();
  }

  private static boolean isRoot() throws Exception {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
  }
}
