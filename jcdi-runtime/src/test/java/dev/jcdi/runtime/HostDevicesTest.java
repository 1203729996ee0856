package dev.jcdi.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostDevicesTest {

  /** Creates a FIFO with {@code mkfifo -m mode}; the JDK has no way to make one. */
  static Path mkfifo(Path path, String mode) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", "-m", mode, path.toString()).inheritIO().start();
    assertThat(p.waitFor()).as("mkfifo exit status").isZero();
    return path;
  }

  /** glibc's gnu_dev_makedev, the inverse of the decoding under test. */
  private static long makedev(long major, long minor) {
    return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
  }

  @Test
  void devNullIsCharacterDevice1Colon3WithMode0666() throws IOException {
    assertThat(HostDevices.stat(Path.of("/dev/null"))).isEqualTo(new HostDevice("c", 1, 3, 0666));
  }

  @Test
  void devZeroIsCharacterDevice1Colon5() throws IOException {
    HostDevice zero = HostDevices.stat(Path.of("/dev/zero"));
    assertThat(zero.type()).isEqualTo("c");
    assertThat(zero.major()).isEqualTo(1);
    assertThat(zero.minor()).isEqualTo(5);
  }

  @Test
  void aFifoIsTypePWithItsPermissionBits(@TempDir Path dir) throws Exception {
    Path fifo = mkfifo(dir.resolve("f"), "640");
    assertThat(HostDevices.stat(fifo)).isEqualTo(new HostDevice("p", 0, 0, 0640));
  }

  @Test
  void theModeKeepsSetuidSetgidAndStickyBits(@TempDir Path dir) throws Exception {
    Path fifo = mkfifo(dir.resolve("f"), "640");
    Process chmod = new ProcessBuilder("chmod", "7640", fifo.toString()).inheritIO().start();
    assertThat(chmod.waitFor()).as("chmod exit status").isZero();
    assertThat(HostDevices.stat(fifo).fileMode()).isEqualTo(07640);
  }

  @Test
  void aRegularFileIsNotADeviceNode(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    assertThatThrownBy(() -> HostDevices.stat(file))
        .isInstanceOf(FileSystemException.class)
        .satisfies(e -> assertThat(((FileSystemException) e).getReason()).isEqualTo("not a device node"))
        .hasMessageContaining(file.toString());
  }

  @Test
  void aDirectoryIsNotADeviceNode(@TempDir Path dir) {
    assertThatThrownBy(() -> HostDevices.stat(dir))
        .isInstanceOf(FileSystemException.class)
        .hasMessageEndingWith("not a device node");
  }

  @Test
  void aSymlinkToADeviceIsNotFollowed(@TempDir Path dir) throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("null"), Path.of("/dev/null"));
    assertThatThrownBy(() -> HostDevices.stat(link)).hasMessageEndingWith("not a device node");
    Files.delete(link); // JUnit warns about links that point out of the temp dir
  }

  @Test
  void aMissingPathIsNoSuchFile() {
    assertThatThrownBy(() -> HostDevices.stat(Path.of("/nonexistent/jcdi-device")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void deviceNumbersDecodeLikeGlibc() {
    assertThat(HostDevices.major(0x0103)).isEqualTo(1);
    assertThat(HostDevices.minor(0x0103)).isEqualTo(3);
    assertThat(HostDevices.major(0x0810)).isEqualTo(8);
    assertThat(HostDevices.minor(0x0810)).isEqualTo(16);
    long[][] pairs = {{0, 0}, {4095, 255}, {4096, 256}, {0xfffff, 0xfffff}, {0x12345, 0xabcde}, {259, 65536}};
    for (long[] p : pairs) {
      long dev = makedev(p[0], p[1]);
      assertThat(HostDevices.major(dev)).as("major of %x", dev).isEqualTo(p[0]);
      assertThat(HostDevices.minor(dev)).as("minor of %x", dev).isEqualTo(p[1]);
    }
    // the high minor bits sit above the low major bits: 0:256 is 0x100000, not 1:0
    assertThat(HostDevices.major(0x100000L)).isZero();
    assertThat(HostDevices.minor(0x100000L)).isEqualTo(256);
  }
}
