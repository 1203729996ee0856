package dev.jcdi.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Makes real device nodes in a test's temp dir with mknod(1); the tests that need them skip without root. */
final class DevNodes {
  private DevNodes() {}

  static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  static void requireRoot() {
    String ci = System.getenv("CI");
    if (ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false") && !isRoot()) {
      throw new AssertionError("CI is set, so the mknod tests must run, but this is not root");
    }
    Assumptions.assumeTrue(isRoot(), "mknod needs root");
  }

  /** Makes a character node at {@code path} (its directories too); replaces what is there. */
  static Path mknod(Path path, long major, long minor) throws IOException, InterruptedException {
    Files.createDirectories(path.getParent());
    Files.deleteIfExists(path);
    Process p = new ProcessBuilder("mknod", path.toString(), "c", Long.toString(major), Long.toString(minor))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("mknod " + path + " failed: " + out);
    }
    return path;
  }
}
