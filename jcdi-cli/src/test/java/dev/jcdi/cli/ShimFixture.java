package dev.jcdi.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the tests of {@code cdi-runtime} with real engines share: the launcher, finding engine
 * binaries (skip when absent, fail under {@code CI}, which installs them), bounded subprocesses, a
 * busybox root file system and a spec whose every edit can be seen from inside a container.
 */
final class ShimFixture {
  static final String DEVICE = "jcdi.test/device=mydev";
  /** What {@link #CHECK_SCRIPT} prints for the device of {@link #spec}. */
  static final List<String> EXPECTED = List.of(
      "ENV=hello-from-cdi", "SPEC_ENV=spec-level", "NODE=character special file 1,5", "MOUNT=mounted-from-host", "MOUNT_RO=yes");
  /** Shows, from inside a container, what the device of {@link #spec} should have done. */
  static final String CHECK_SCRIPT = String.join("; ",
      "export PATH=/bin",
      "echo \"ENV=$CDI_TEST\"",
      "echo \"SPEC_ENV=$CDI_SPEC_LEVEL\"",
      "echo \"NODE=$(stat -c '%F %t,%T' /dev/mydev)\"",
      "echo \"MOUNT=$(cat /data/hello.txt)\"",
      "if (echo x > /data/hello.txt) 2>/dev/null; then echo MOUNT_RO=no; else echo MOUNT_RO=yes; fi");

  private static final List<String> APPLETS = List.of("sh", "cat", "env", "ls", "stat", "test", "echo", "sort", "grep", "true");

  private ShimFixture() {}

  /** The repository root, where {@code cdi-runtime} is. */
  static Path root() {
    return Path.of(System.getProperty("jcdi.root", "..")).toAbsolutePath().normalize();
  }

  static Path shim() {
    return root().resolve("cdi-runtime");
  }

  static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false");
  }

  static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Returns the executable {@code name} from PATH or the usual directories, if any. */
  static Optional<Path> find(String name) {
    List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin"));
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin"));
    return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
  }

  /**
   * Returns the binaries, in order; skips the test with the reason when one is absent or the test
   * is not root; under {@code CI} (which installs them) fails instead.
   */
  static List<Path> require(String what, String... names) {
    List<Path> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String n : names) {
      find(n).ifPresentOrElse(found::add, () -> missing.add(n));
    }
    if (!Files.isRegularFile(Path.of("/bin/busybox"))) {
      missing.add("/bin/busybox (busybox-static)");
    }
    String why = (isRoot() ? "" : "not root; ") + (missing.isEmpty() ? "" : "missing " + String.join(", ", missing));
    if (!why.isEmpty()) {
      if (inCi()) {
        fail("CI is set, so the " + what + " test must run, but: " + why);
      }
      Assumptions.assumeTrue(false, "skipping the " + what + " test: " + why);
    }
    return found;
  }

  /** The result of a finished process. */
  record Result(int status, String out, String err) {
    String both() {
      return "exit " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  /** Runs {@code command} in {@code dir} with stdin from /dev/null, killing it (and its children) after {@code limit}. */
  static Result exec(Path dir, Map<String, String> env, boolean clearEnv, Duration limit, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("jcdi-exec", ".out");
    Path err = Files.createTempFile("jcdi-exec", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      if (clearEnv) {
        pb.environment().clear();
      }
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) { // a guard against a hang, not a timing assertion
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
        fail(String.join(" ", command) + " did not finish in " + limit + "; stderr: " + Files.readString(err));
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static Result exec(Duration limit, String... command) throws IOException, InterruptedException {
    return exec(Path.of("/"), Map.of(), false, limit, List.of(command));
  }

  /** Writes a busybox root file system into {@code dir} and returns it. */
  static Path rootfs(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String d : List.of("dev", "proc", "sys", "etc", "data", "tmp")) {
      Files.createDirectories(dir.resolve(d));
    }
    Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
    Files.setPosixFilePermissions(bin.resolve("busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String applet : APPLETS) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    return dir;
  }

  /**
   * Writes into {@code specDir} a spec of {@code version} defining {@link #DEVICE}: env, the node
   * /dev/mydev from the host's /dev/zero, a read-only bind mount of a host file, and a prestart hook
   * that leaves {@code marker} on the host.
   */
  static void spec(Path specDir, String version, Path hostFile, Path marker) throws IOException {
    Files.createDirectories(specDir);
    Files.writeString(hostFile, "mounted-from-host");
    Files.writeString(specDir.resolve("jcdi-test.json"), """
        {
          "cdiVersion": "%s",
          "kind": "jcdi.test/device",
          "containerEdits": {"env": ["CDI_SPEC_LEVEL=spec-level"]},
          "devices": [{
            "name": "mydev",
            "containerEdits": {
              "env": ["CDI_TEST=hello-from-cdi"],
              "deviceNodes": [{"path": "/dev/mydev", "hostPath": "/dev/zero"}],
              "mounts": [{"hostPath": "%s", "containerPath": "/data/hello.txt", "type": "bind", "options": ["ro", "bind"]}],
              "hooks": [{"hookName": "prestart", "path": "/bin/sh", "args": ["sh", "-c", "echo ran > %s"]}]
            }
          }]
        }
        """.formatted(version, hostFile, marker));
  }

  /** Stops {@code p} and whatever it started: SIGTERM, then after {@code grace} SIGKILL. */
  static void stop(Process p, Duration grace) throws InterruptedException {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    if (!p.waitFor(grace.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    for (ProcessHandle c : children) {
      if (c.isAlive()) {
        c.destroy();
        c.onExit().completeOnTimeout(c, grace.toSeconds(), TimeUnit.SECONDS).join();
        c.destroyForcibly();
      }
    }
  }

  /**
   * Removes {@code dir}, a test's own engine directory, once the helper processes an engine left
   * behind with it (podman's conmon and its asynchronous cleanup) are gone: waits for each process
   * whose command line names {@code dir}, up to {@code grace}, then kills what is left, by pid.
   */
  static void removeEngineDir(Path dir, Duration grace) throws Exception {
    String needle = dir.toString();
    long end = System.nanoTime() + grace.toNanos();
    List<ProcessHandle> users;
    while (!(users = processesNaming(needle)).isEmpty() && System.nanoTime() < end) {
      Thread.sleep(200);
    }
    for (ProcessHandle p : users) {
      p.destroyForcibly();
      p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join();
    }
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
        return;
      } catch (java.nio.file.NoSuchFileException e) {
        return;
      } catch (IOException e) {
        last = e;
        Thread.sleep(500); // a late writer; try again
      }
    }
    throw last;
  }

  private static List<ProcessHandle> processesNaming(String needle) {
    List<ProcessHandle> out = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    ProcessHandle.allProcesses().forEach(p -> {
      if (p.pid() == self) {
        return;
      }
      try {
        byte[] cmd = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
        if (new String(cmd, java.nio.charset.StandardCharsets.UTF_8).contains(needle)) {
          out.add(p);
        }
      } catch (IOException e) {
        // gone already, or not ours to read
      }
    });
    return out;
  }

  /** Waits until {@code check} passes or {@code limit} is over; returns whether it passed. */
  static boolean await(Duration limit, Check check) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (check.ok()) {
        return true;
      }
      Thread.sleep(200);
    }
    return check.ok();
  }

  @FunctionalInterface
  interface Check {
    boolean ok() throws Exception;
  }
}
