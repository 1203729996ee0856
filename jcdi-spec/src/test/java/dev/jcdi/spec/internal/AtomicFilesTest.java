package dev.jcdi.spec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcdi.spec.internal.AtomicFiles.Existing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one way jcdi writes files: replace regular files atomically, never replace anything else. */
class AtomicFilesTest {
  @TempDir Path dir;

  private static final Set<PosixFilePermission> RW_R_R = PosixFilePermissions.fromString("rw-r--r--");
  private static final byte[] DATA = "{\"new\": true}\n".getBytes(StandardCharsets.UTF_8);

  private static int sh(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  private static int unixMode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
  }

  private List<String> entries() throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aCharacterDeviceIsWrittenIntoNeverReplaced() throws Exception {
    Path dev = dir.resolve("null");
    assumeTrue(sh("mknod '" + dev + "' c 1 3") == 0, "mknod needs root");
    assertThat(AtomicFiles.write(dev, DATA, RW_R_R, Existing.REPLACE_KEEPING_MODE)).isTrue();
    assertThat(unixMode(dev) & 0170000).isEqualTo(0020000); // still a character device
    assertThat(entries()).containsExactly("null");
  }

  @Test
  void aFifoIsWrittenIntoByStreaming() throws Exception {
    Path fifo = dir.resolve("pipe");
    assumeTrue(sh("mkfifo '" + fifo + "'") == 0, "mkfifo");
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readAllBytes(fifo);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    AtomicFiles.write(fifo, DATA, RW_R_R, Existing.REPLACE);
    assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(DATA);
    assertThat(unixMode(fifo) & 0170000).isEqualTo(0010000);
  }

  @Test
  void otherNonRegularTargetsAreRefused() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    assertThatThrownBy(() -> AtomicFiles.write(sub, DATA, RW_R_R, Existing.REPLACE))
        .isInstanceOf(FileSystemException.class)
        .satisfies(e -> assertThat(((FileSystemException) e).getReason()).isEqualTo("not a regular file"));
    Path block = dir.resolve("loop0");
    if (sh("mknod '" + block + "' b 7 200") == 0) { // a disk is never written into
      assertThatThrownBy(() -> AtomicFiles.write(block, DATA, RW_R_R, Existing.REPLACE_KEEPING_MODE))
          .hasMessageContaining("not a regular file");
      assertThat(unixMode(block) & 0170000).isEqualTo(0060000);
    }
    assertThat(entries()).allMatch(n -> !n.startsWith(AtomicFiles.TEMP_PREFIX));
  }

  @Test
  void aLoopOfLinksIsAnErrorAndLeavesTheLinks() throws IOException {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    Files.createSymbolicLink(a, b.getFileName());
    Files.createSymbolicLink(b, a.getFileName());
    assertThatThrownBy(() -> AtomicFiles.write(a, DATA, RW_R_R, Existing.REPLACE))
        .isInstanceOf(FileSystemException.class)
        .satisfies(e -> assertThat(IoMessages.reason((FileSystemException) e)).isEqualTo("too many levels of symbolic links"));
    assertThat(Files.isSymbolicLink(a)).isTrue();
    assertThat(Files.isSymbolicLink(b)).isTrue();
    assertThat(entries()).containsExactly("a.json", "b.json");
  }

  @Test
  void aLinkIsWrittenThroughAndADanglingLinkCreatesItsTarget() throws IOException {
    Path target = Files.writeString(dir.resolve("real.json"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), target.getFileName());
    AtomicFiles.write(link, DATA, RW_R_R, Existing.REPLACE);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
    Path dangling = Files.createSymbolicLink(dir.resolve("d.json"), Path.of("made.json"));
    AtomicFiles.write(dangling, DATA, RW_R_R, Existing.REPLACE);
    assertThat(Files.readAllBytes(dir.resolve("made.json"))).isEqualTo(DATA);
  }

  @Test
  void aReplacedFileKeepsModeOwnerAndGroup() throws IOException {
    Path f = Files.writeString(dir.resolve("config.json"), "old");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    boolean root = Integer.valueOf(0).equals(Files.getAttribute(f, "unix:uid")); // we made it: our uid
    if (root) {
      Files.setAttribute(f, "unix:uid", 4321);
      Files.setAttribute(f, "unix:gid", 8765);
    }
    AtomicFiles.write(f, DATA, RW_R_R, Existing.REPLACE_KEEPING_MODE);
    assertThat(Files.readAllBytes(f)).isEqualTo(DATA);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
    if (root) {
      assertThat(Files.getAttribute(f, "unix:uid")).isEqualTo(4321);
      assertThat(Files.getAttribute(f, "unix:gid")).isEqualTo(8765);
    }
    AtomicFiles.write(f, DATA, RW_R_R, Existing.REPLACE); // the mode given
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r--r--");
  }

  @Test
  void aTargetNameOfTheLongestLegalLengthCanBeWritten() throws IOException {
    Path f = dir.resolve("a".repeat(250) + ".json"); // 255 bytes, NAME_MAX
    AtomicFiles.write(f, DATA, RW_R_R, Existing.REPLACE);
    AtomicFiles.write(f, DATA, RW_R_R, Existing.REPLACE_KEEPING_MODE);
    assertThat(Files.readAllBytes(f)).isEqualTo(DATA);
    assertThat(entries()).containsExactly(f.getFileName().toString());
  }

  @Test
  void tempFileNamesAreNeverSpecFileNames() {
    String prefix = AtomicFiles.tempPrefix(dir.resolve("vendor.com-gpu.yaml"));
    assertThat(prefix).startsWith(".cdi-tmp-").hasSize(".cdi-tmp-".length() + 17).doesNotContain("yaml");
  }

  @Test
  void keepNeverReplacesAnything() throws IOException {
    Path f = Files.writeString(dir.resolve("x.yaml"), "old");
    assertThat(AtomicFiles.write(f, DATA, RW_R_R, Existing.KEEP)).isFalse();
    assertThat(Files.readString(f)).isEqualTo("old");
    Path link = Files.createSymbolicLink(dir.resolve("l.yaml"), Path.of("nowhere.yaml"));
    assertThat(AtomicFiles.write(link, DATA, RW_R_R, Existing.KEEP)).isFalse();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(entries()).containsExactly("l.yaml", "x.yaml");
  }

  @Test
  void aTempFileLeftByAKilledWriterIsRemovedByTheNextWriteToItsTarget() throws IOException {
    Path f = dir.resolve("vendor.com-gpu.yaml");
    String prefix = AtomicFiles.tempPrefix(f);
    // a writer that died (no one holds its lock) and the temp file of another target
    Files.writeString(dir.resolve(prefix + "999999-0badf00d"), "half");
    Path otherTarget = Files.writeString(dir.resolve(AtomicFiles.tempPrefix(dir.resolve("other.yaml")) + "999999-1"), "x");
    AtomicFiles.write(f, DATA, RW_R_R, Existing.REPLACE);
    assertThat(entries()).containsExactlyInAnyOrder(f.getFileName().toString(), otherTarget.getFileName().toString());
  }

  @Test
  void aTempFileWhoseWriterLivesIsLeftAlone() throws Exception {
    Path f = dir.resolve("vendor.com-gpu.yaml");
    Path live = dir.resolve(AtomicFiles.tempPrefix(f) + "999998-live");
    Path holder = Files.writeString(dir.resolve("Hold.java"),
        "import java.nio.channels.*; import java.nio.file.*;\n"
            + "public class Hold { public static void main(String[] a) throws Exception {\n"
            + "  try (FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {\n"
            + "    ch.lock(); System.out.println(\"locked\"); System.out.flush(); System.in.read(); } } }\n");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), holder.toString(), live.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(r.readLine()).isEqualTo("locked");
      AtomicFiles.write(f, DATA, RW_R_R, Existing.REPLACE);
      assertThat(live).exists();
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    AtomicFiles.write(f, DATA, RW_R_R, Existing.REPLACE); // its writer gone, the next write removes it
    assertThat(live).doesNotExist();
  }
}
