package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code cdi monitor} as a real process and watches what it prints. */
class MonitorCommandTest {
  @TempDir Path tmp;
  private Process process;
  private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> err = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private void start(Path... dirs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Cdi.class.getName()));
    for (Path d : dirs) {
      cmd.add("--spec-dir");
      cmd.add(d.toString());
    }
    cmd.add("monitor");
    process = new ProcessBuilder(cmd).start();
    pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), out);
    pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), err);
    String ready = err.poll(30, TimeUnit.SECONDS);
    while (ready != null && ready.startsWith("cdi: warning: ") && ready.endsWith(": no such spec directory")) {
      ready = err.poll(30, TimeUnit.SECONDS); // a spec directory that does not exist yet is warned about once
    }
    assertThat(ready).as("monitor did not start").isNotNull().contains("watching");
  }

  private static void pump(BufferedReader r, BlockingQueue<String> q) {
    Thread t = new Thread(() -> {
      try {
        for (String l; (l = r.readLine()) != null; ) {
          q.add(l);
        }
      } catch (IOException e) {
        q.add("<read failed: " + e + ">");
      }
    });
    t.setDaemon(true);
    t.start();
  }

  /** Waits (at most 2 s, the bound) for a line starting with {@code prefix}. */
  private String expectLine(String prefix, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      String l = out.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (l == null) {
        break;
      }
      if (l.startsWith(prefix)) {
        return l;
      }
      seen.add(l);
    }
    throw new AssertionError("no line starting with \"" + prefix + "\" within " + seconds + " s; saw " + seen);
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, content);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String spec(String device, String env) {
    return "{\"cdiVersion\": \"0.3.0\", \"kind\": \"vendor.com/mon\", \"devices\": [{\"name\": \"" + device
        + "\", \"containerEdits\": {\"env\": [\"" + env + "\"]}}]}";
  }

  @Test
  void addedChangedAndRemovedSpecsShowUpAsEvents() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cdi"));
    start(dir);
    Path file = dir.resolve("mon.json");
    writeAtomically(file, spec("a", "X=1"));
    assertThat(expectLine("device-added vendor.com/mon=a", 2)).isNotEmpty();
    writeAtomically(file, spec("a", "X=2"));
    assertThat(expectLine("device-changed vendor.com/mon=a", 2)).isNotEmpty();
    Files.delete(file);
    assertThat(expectLine("device-removed vendor.com/mon=a", 2)).isNotEmpty();
  }

  @Test
  void brokenSpecIsReportedAndClearedWhenFixed() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cdi"));
    start(dir);
    Path file = dir.resolve("mon.json");
    writeAtomically(file, "{\"cdiVersion\": ");
    assertThat(expectLine("spec-error " + file, 2)).isNotEmpty();
    writeAtomically(file, spec("b", "X=1"));
    expectLine("spec-error-cleared " + file, 2);
  }

  @Test
  void directoryCreatedAfterStartIsPickedUp() throws Exception {
    Path later = tmp.resolve("later");
    start(later);
    Files.createDirectories(later);
    writeAtomically(later.resolve("mon.json"), spec("c", "X=1"));
    assertThat(expectLine("device-added vendor.com/mon=c", 5)).isNotEmpty();
  }
}
