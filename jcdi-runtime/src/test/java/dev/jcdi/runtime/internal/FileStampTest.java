package dev.jcdi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When equal stamps may be trusted to mean unchanged content (git's "racy clean" rule). */
class FileStampTest {
  @TempDir Path tmp;

  private static final long T = 1_700_000_000_000L;

  private static FileStamp stamp(long size, long modifiedMillis, long changedMillis, long inode) {
    return new FileStamp(FileStamp.Type.REGULAR, size, FileTime.fromMillis(modifiedMillis), FileTime.fromMillis(changedMillis),
        new FileStamp.Inode(1, inode));
  }

  private static CachedSpecFile cached(FileStamp stamp, long capturedAt) {
    return CachedSpecFile.failed(Path.of("/x.yaml"), stamp, capturedAt, new byte[32], List.of("e"));
  }

  @Test
  void stampCapturedWithinTheWindowOfTheLastChangeIsRacy() {
    assertThat(stamp(10, T, T, 1).racy(T + 500)).isTrue();
    assertThat(stamp(10, T, T, 1).racy(T + FileStamp.RACY_WINDOW_MILLIS - 1)).isTrue();
  }

  @Test
  void stampCapturedWellAfterTheLastChangeIsTrusted() {
    assertThat(stamp(10, T, T, 1).racy(T + FileStamp.RACY_WINDOW_MILLIS)).isFalse();
    assertThat(stamp(10, T - 60_000, T - 60_000, 1).racy(T)).isFalse();
  }

  @Test
  void recentStatusChangeMakesAnOldModificationTimeRacy() {
    // Restoring an old mtime (touch -d, tar, rsync) still leaves a fresh ctime.
    assertThat(stamp(10, T - 60_000, T, 1).racy(T + 100)).isTrue();
  }

  @Test
  void timestampInTheFutureIsRacy() {
    assertThat(stamp(10, T + 10_000, T + 10_000, 1).racy(T)).isTrue();
  }

  @Test
  void equalTrustedStampMeansUnchangedAndAnythingElseMeansReread() {
    FileStamp s = stamp(10, T, T, 7);
    CachedSpecFile trusted = cached(s, T + 5_000);
    CachedSpecFile racy = cached(s, T + 100);

    assertThat(trusted.unchangedBy(stamp(10, T, T, 7))).isTrue();
    assertThat(racy.unchangedBy(stamp(10, T, T, 7))).as("captured in the racy window").isFalse();
    assertThat(trusted.unchangedBy(stamp(11, T, T, 7))).as("size").isFalse();
    assertThat(trusted.unchangedBy(stamp(10, T + 1, T, 7))).as("mtime").isFalse();
    assertThat(trusted.unchangedBy(stamp(10, T, T + 1, 7))).as("ctime").isFalse();
    assertThat(trusted.unchangedBy(stamp(10, T, T, 8))).as("inode").isFalse();
    assertThat(cached(null, T + 5_000).unchangedBy(s)).as("never examined").isFalse();
  }

  @Test
  void readStampSeesNanosecondsInodeAndType() throws Exception {
    Path file = Files.writeString(tmp.resolve("a.yaml"), "x");
    Files.setLastModifiedTime(file, FileTime.from(java.time.Instant.ofEpochSecond(1_700_000_000L, 123_456_789)));

    FileStamp s = FileStamp.read(file);

    assertThat(s.type()).isEqualTo(FileStamp.Type.REGULAR);
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.changed()).isNotNull();
    assertThat(s.fileKey()).isNotNull();
    assertThat(s.modified().toInstant().getNano()).isEqualTo(123_456_789);
    assertThat(FileStamp.read(tmp).type()).isEqualTo(FileStamp.Type.DIRECTORY);
    Path replaced = Files.writeString(tmp.resolve("b.yaml"), "x");
    assertThat(FileStamp.read(replaced).fileKey()).isNotEqualTo(s.fileKey());
  }
}
