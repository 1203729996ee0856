package dev.jcdi.runtime;

import static dev.jcdi.runtime.RegistryFiles.spec;
import static dev.jcdi.runtime.RegistryFiles.write;
import static dev.jcdi.runtime.RegistryFiles.writeAtomically;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.runtime.RegistryFiles.Observed;
import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecWriteException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refresh re-reads only what changed, and shows exactly what a full rescan would. */
class RegistryIncrementalRefreshTest {
  @TempDir Path tmp;

  @Test
  void unchangedSpecIsReusedAndAChangedOneReplaced() {
    Path dir = tmp.resolve("cdi");
    write(dir, "a.yaml", spec("vendor.com/gpu").device("g0", "A=0").yaml());
    write(dir, "b.yaml", spec("vendor.com/nic").device("n0", "B=0").yaml());
    Registry r = Registry.builder().specDirs(dir).build();
    RegisteredSpec a = r.specs("vendor.com").get(0);
    RegisteredSpec b = r.specs("vendor.com").get(1);

    writeAtomically(dir, "b.yaml", spec("vendor.com/nic").device("n0", "B=1").yaml());
    r.refresh();

    assertThat(r.specs().get(0)).isSameAs(a);
    assertThat(r.specs().get(1)).isNotSameAs(b);
    assertThat(r.device("vendor.com/nic=n0").orElseThrow().device().containerEdits().env()).containsExactly("B=1");
  }

  @Test
  void fileRewrittenInPlaceWithTheSameSizeAndModificationTimeIsSeen() throws Exception {
    Path dir = tmp.resolve("cdi");
    Path file = write(dir, "a.json", spec("vendor.com/gpu").device("g0", "V=1").json());
    FileTime mtime = Files.getLastModifiedTime(file);
    Registry r = Registry.builder().specDirs(dir).build();

    // Same size, same inode, and the modification time a coarse filesystem would have kept.
    Files.writeString(file, spec("vendor.com/gpu").device("g0", "V=2").json(), StandardOpenOption.TRUNCATE_EXISTING);
    Files.setLastModifiedTime(file, mtime);
    r.refresh();

    assertThat(r.device("vendor.com/gpu=g0").orElseThrow().device().containerEdits().env()).containsExactly("V=2");
  }

  @Test
  void touchedFileWithTheSameContentKeepsItsLoadedSpec() throws Exception {
    Path dir = tmp.resolve("cdi");
    Path file = write(dir, "a.json", spec("vendor.com/gpu").device("g0", "V=1").json());
    Registry r = Registry.builder().specDirs(dir).build();
    RegisteredSpec before = r.specs().get(0);

    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    r.refresh();

    assertThat(r.specs().get(0)).isSameAs(before);
  }

  @Test
  void renamedFileMovesItsDevicesToTheNewPath() throws Exception {
    Path etc = tmp.resolve("etc");
    Path run = tmp.resolve("run");
    Path file = write(etc, "a.yaml", spec("vendor.com/gpu").device("g0", "V=1").yaml());
    Registry r = Registry.builder().specDirs(etc, run).build();

    Files.createDirectories(run);
    Files.move(file, run.resolve("b.yaml"), StandardCopyOption.ATOMIC_MOVE);
    r.refresh();

    RegisteredDevice g0 = r.device("vendor.com/gpu=g0").orElseThrow();
    assertThat(g0.spec().path()).isEqualTo(run.resolve("b.yaml"));
    assertThat(g0.spec().priority()).isEqualTo(1);
  }

  @Test
  void deletedSpecDirectoryEmptiesAndARecreatedOneIsReadAgain() {
    Path dir = tmp.resolve("cdi");
    write(dir, "a.yaml", spec("vendor.com/gpu").device("g0", "V=1").yaml());
    Registry r = Registry.builder().specDirs(dir).build();

    RegistryFiles.deleteTree(dir);
    r.refresh();
    assertThat(r.devices()).isEmpty();
    assertThat(r.errors()).isEmpty();

    write(dir, "a.yaml", spec("vendor.com/gpu").device("g1", "V=1").yaml());
    r.refresh();
    assertThat(r.devices()).containsExactly("vendor.com/gpu=g1");
  }

  @Test
  void refreshOfNamedFilesReadsThoseAndLeavesTheRestForAFullRefresh() throws Exception {
    Path etc = tmp.resolve("etc");
    Path run = tmp.resolve("run");
    write(etc, "a.yaml", spec("vendor.com/gpu").device("g0", "V=1").yaml());
    Registry r = Registry.builder().specDirs(etc, run).build();
    write(run, "b.json", spec("vendor.com/gpu").device("g1", "V=1").json());
    write(etc, "c.yaml", spec("vendor.com/gpu").device("g2", "V=1").yaml());
    Files.delete(etc.resolve("a.yaml"));

    r.refresh(List.of(run.resolve("b.json"), etc.resolve("sub/../a.yaml")));

    assertThat(r.devices()).containsExactly("vendor.com/gpu=g1");
    r.refresh();
    assertThat(r.devices()).containsExactly("vendor.com/gpu=g1", "vendor.com/gpu=g2");
  }

  @Test
  void refreshOfNamedFilesRefusesPathsOutsideTheSpecDirectories() {
    Path etc = tmp.resolve("etc");
    Registry r = Registry.builder().specDirs(etc).build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.refresh(List.of(tmp.resolve("elsewhere/a.yaml"))))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.refresh(List.of(etc.resolve("a.yml"))))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.refresh(List.of(etc.resolve("sub/a.yaml"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- incremental equivalence --------------------------------------------------------------

  private static final String[] NAMES = {"a.json", "b.yaml", "c.yaml", "d.json", "e.yml"};
  private static final String[] KINDS = {"vendor.com/gpu", "vendor.com/nic", "other.org/gpu"};

  /**
   * Random sequences of adds, in-place same-size rewrites (modification time restored), atomic
   * replacements, removals, renames across directories, touches, directories named like spec files,
   * a whole directory deleted, and the registry's own writes; after each refresh the incremental
   * registry must show exactly what a freshly built one shows.
   */
  @Property(tries = 40)
  void incrementalRefreshShowsWhatAFullRefreshShows(@ForAll long seed) throws IOException {
    Random rnd = new Random(seed);
    Path root = Files.createTempDirectory("jcdi-incremental");
    try {
      List<Path> dirs = List.of(root.resolve("d0"), root.resolve("d1"), root.resolve("d2"));
      Files.createDirectories(dirs.get(0));
      Files.createDirectories(dirs.get(1));
      Registry incremental = Registry.builder().specDirs(dirs).build();
      // Whether files changed behind the registry's back since its last full refresh.
      boolean pending = false;
      for (int step = 0; step < 40; step++) {
        String op = step(rnd, dirs, incremental);
        boolean ownWrite = op.equals("registry-write");
        if (!ownWrite && !op.equals("none")) {
          pending = true;
        }
        // The registry's own write refreshes only that file: compare then, when nothing else is pending.
        boolean compare = ownWrite && !pending;
        if (!compare && rnd.nextInt(10) < 7) {
          incremental.refresh();
          pending = false;
          compare = true;
        }
        if (compare) {
          Registry fresh = Registry.builder().specDirs(dirs).build();
          assertThat(Observed.of(incremental)).as("seed %d step %d after %s", seed, step, op).isEqualTo(Observed.of(fresh));
        }
      }
    } finally {
      RegistryFiles.deleteTree(root);
    }
  }

  /** Performs one random change; returns what it did. */
  private static String step(Random rnd, List<Path> dirs, Registry registry) throws IOException {
    Path dir = dirs.get(rnd.nextInt(dirs.size()));
    String name = NAMES[rnd.nextInt(NAMES.length)];
    Path file = dir.resolve(name);
    List<Path> existing = existingFiles(dirs);
    Path some = existing.isEmpty() ? null : existing.get(rnd.nextInt(existing.size()));
    switch (rnd.nextInt(11)) {
      case 0, 1 -> {
        if (Files.isDirectory(file)) {
          return "none";
        }
        write(dir, name, content(rnd, name));
        return "write";
      }
      case 2 -> {
        if (Files.isDirectory(file)) {
          return "none";
        }
        RegistryFiles.writeAtomically(dir, name, content(rnd, name));
        return "replace";
      }
      case 3, 4 -> {
        if (some == null || !Files.isRegularFile(some)) {
          return "none";
        }
        String text = Files.readString(some);
        StringBuilder b = new StringBuilder(text);
        for (int i = 0; i < b.length(); i++) {
          // Values only (after '='), so most rewrites stay valid specs.
          if (i > 0 && b.charAt(i - 1) == '=' && Character.isDigit(b.charAt(i)) && rnd.nextBoolean()) {
            b.setCharAt(i, (char) ('0' + rnd.nextInt(10)));
          }
        }
        FileTime mtime = Files.getLastModifiedTime(some);
        Files.writeString(some, b, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.setLastModifiedTime(some, mtime);
        return "rewrite-in-place";
      }
      case 5 -> {
        if (some == null) {
          return "none";
        }
        RegistryFiles.deleteTree(some);
        return "remove";
      }
      case 6 -> {
        if (some == null || !Files.isRegularFile(some) || Files.isDirectory(file) || !Files.isDirectory(dir) || some.equals(file)) {
          return "none";
        }
        Files.move(some, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return "rename";
      }
      case 7 -> {
        if (some == null) {
          return "none";
        }
        Files.setLastModifiedTime(some, FileTime.fromMillis(System.currentTimeMillis() - rnd.nextInt(100_000)));
        return "touch";
      }
      case 8 -> {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          return "none";
        }
        Files.createDirectories(file);
        return "mkdir-like-spec";
      }
      case 9 -> {
        if (rnd.nextInt(4) != 0) {
          return "none";
        }
        RegistryFiles.deleteTree(dirs.get(2));
        return "delete-dir";
      }
      default -> {
        String target = NAMES[rnd.nextInt(4)];
        try {
          if (rnd.nextBoolean()) {
            Spec s = Spec.builder(KINDS[rnd.nextInt(KINDS.length)])
                .device("d" + rnd.nextInt(3), ContainerEdits.builder().env("W=" + rnd.nextInt(10)).build())
                .build();
            registry.writeSpec(s, target);
          } else {
            registry.removeSpec(target);
          }
        } catch (SpecWriteException e) {
          // Another vendor's file, or a directory in the way: nothing was written.
          return "none";
        }
        return "registry-write";
      }
    }
  }

  private static List<Path> existingFiles(List<Path> dirs) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path d : dirs) {
      if (Files.isDirectory(d)) {
        try (var s = Files.list(d)) {
          s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(out::add);
        }
      }
    }
    return out;
  }

  private static String content(Random rnd, String name) {
    RegistryFiles.SpecText s = spec(KINDS[rnd.nextInt(KINDS.length)]);
    if (rnd.nextBoolean()) {
      s.env("S=" + rnd.nextInt(10));
    }
    int first = rnd.nextInt(3);
    s.device("d" + first, "V=" + rnd.nextInt(10));
    if (rnd.nextBoolean()) {
      s.device("d" + (first + 1) % 3, "V=" + rnd.nextInt(10));
    }
    String text = name.endsWith(".json") ? s.json() : s.yaml();
    return switch (rnd.nextInt(10)) {
      case 0 -> text.substring(0, text.length() / 2);
      case 1 -> text.replace("\"d", "\"bad d");
      default -> text;
    };
  }
}
