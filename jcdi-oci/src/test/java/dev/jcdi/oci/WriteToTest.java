package dev.jcdi.oci;

import static dev.jcdi.oci.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteToTest {
  private static final OciConfig CONFIG = config("{'ociVersion':'1.2.0','process':{'env':['A=1']}}");

  private static String[] listing(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void aNewFileIsCreatedWithMode0644AndNothingElseIsLeft(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config.json");
    CONFIG.writeTo(file);
    assertThat(Files.readAllBytes(file)).isEqualTo(CONFIG.toJsonBytes());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    assertThat(listing(dir)).containsExactly("config.json");
  }

  @Test
  void aRegularFileIsReplacedByANewFileKeepingItsMode(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.json"), "{\"old\": true, \"padding\": \"" + "x".repeat(5000) + "\"}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Object inodeBefore = Files.getAttribute(file, "unix:ino");
    CONFIG.writeTo(file);
    assertThat(Files.readAllBytes(file)).isEqualTo(CONFIG.toJsonBytes());
    assertThat(Files.getAttribute(file, "unix:ino")).as("renamed into place, not rewritten").isNotEqualTo(inodeBefore);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(listing(dir)).containsExactly("config.json");
  }

  @Test
  void aLinkIsFollowedAndStaysALink(@TempDir Path dir) throws Exception {
    Path real = Files.writeString(dir.resolve("real.json"), "{}");
    Path link = Files.createSymbolicLink(dir.resolve("config.json"), Path.of("real.json"));
    CONFIG.writeTo(link);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readAllBytes(real)).isEqualTo(CONFIG.toJsonBytes());
    Path dangling = Files.createSymbolicLink(dir.resolve("other.json"), Path.of("created.json"));
    CONFIG.writeTo(dangling);
    assertThat(Files.readAllBytes(dir.resolve("created.json"))).isEqualTo(CONFIG.toJsonBytes());
  }

  @Test
  void aCharacterDeviceIsWrittenIntoNotReplaced() throws Exception {
    Path devNull = Path.of("/dev/null");
    Object rdev = Files.getAttribute(devNull, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
    CONFIG.writeTo(devNull);
    assertThat(Files.getAttribute(devNull, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isEqualTo(rdev);
    assertThat(Files.isRegularFile(devNull, LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void aFifoIsWrittenIntoNotReplaced(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("config.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readAllBytes(fifo);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    CONFIG.writeTo(fifo);
    assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(CONFIG.toJsonBytes());
    assertThat(listing(dir)).containsExactly("config.fifo");
  }

  @Test
  void aDirectoryIsRefusedAndNothingIsLeft(@TempDir Path dir) throws Exception {
    Path sub = Files.createDirectory(dir.resolve("config.json"));
    assertThatThrownBy(() -> CONFIG.writeTo(sub)).isInstanceOf(FileSystemException.class).hasMessageContaining("a directory, not replaced");
    assertThat(Files.isDirectory(sub)).isTrue();
    assertThat(listing(dir)).containsExactly("config.json");
  }

  @Test
  void aMissingDirectoryFailsWithoutLeavingAnything(@TempDir Path dir) {
    assertThatThrownBy(() -> CONFIG.writeTo(dir.resolve("no/such/config.json"))).isInstanceOf(IOException.class);
  }

  @Test
  void writeToAStreamWritesTheJson() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CONFIG.writeTo(out);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(CONFIG.toJson());
  }
}
