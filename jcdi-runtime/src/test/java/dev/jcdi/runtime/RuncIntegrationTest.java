package dev.jcdi.runtime;

import dev.jcdi.oci.OciConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Injects a device read from a real spec file into a real {@code runc} bundle and checks, from
 * inside the container, that the env, the device node, the mount and the hooks all took effect.
 *
 * <p>It needs root, {@code runc} and a static busybox at {@code /bin/busybox} (Debian's
 * busybox-static). Outside CI it is skipped without root or runc; with {@code CI} set it always
 * runs and fails when they are missing.
 */
class RuncIntegrationTest {

  private static final List<String> APPLETS = List.of("sh", "cat", "env", "ls", "stat", "test", "echo", "[");

  private static final String SCRIPT =
      String.join(
          "\n",
          "echo \"ENV=$CDI_TEST\"",
          "echo \"SPEC_ENV=$CDI_SPEC_LEVEL\"",
          "echo \"NODE=$(stat -c '%F %t,%T' /dev/mydev)\"",
          "if echo x > /dev/mydev; then echo WRITE=ok; else echo WRITE=failed; fi",
          "echo \"MOUNT=$(cat /data/hello.txt)\"");

  private static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false");
  }

  private static boolean isRoot() {
    try {
      // /proc/self belongs to the process's effective uid
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static Optional<Path> findRunc() {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin"));
    return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, "runc")).filter(Files::isExecutable).findFirst();
  }

  /** Returns runc, or skips (outside CI) or fails (in CI) when the test cannot run here. */
  private static Path requireRuntime() {
    boolean root = isRoot();
    Optional<Path> runc = findRunc();
    if (root && runc.isPresent()) {
      return runc.get();
    }
    String why = (root ? "" : "not running as root; ") + (runc.isPresent() ? "" : "runc not found");
    if (inCi()) {
      fail("CI is set, so the runc integration test must run, but: " + why);
    }
    Assumptions.assumeTrue(false, "skipping the runc integration test: " + why);
    throw new AssertionError("unreachable");
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result exec(Path dir, Path out, List<String> command) throws IOException, InterruptedException {
    Path stdout = out.resolveSibling(out.getFileName() + ".out");
    Path stderr = out.resolveSibling(out.getFileName() + ".err");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    // a guard against a hung runtime, not a timing assertion
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      fail(String.join(" ", command) + " did not finish; stderr: " + Files.readString(stderr));
    }
    return new Result(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  private static Path buildRootfs(Path bundle) throws IOException {
    Path bin = Files.createDirectories(bundle.resolve("rootfs/bin"));
    Path busybox = Path.of("/bin/busybox");
    if (!Files.isRegularFile(busybox)) {
      fail("/bin/busybox is missing: install Debian's busybox-static");
    }
    Files.copy(busybox, bin.resolve("busybox"));
    Files.setPosixFilePermissions(bin.resolve("busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String applet : APPLETS) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    return bundle.resolve("rootfs");
  }

  private static String specJson(Path tmp, Path hostData) {
    return """
        {
          "cdiVersion": "0.5.0",
          "kind": "jcdi.test/device",
          "containerEdits": {"env": ["CDI_SPEC_LEVEL=spec"]},
          "devices": [
            {
              "name": "mydev",
              "containerEdits": {
                "env": ["CDI_TEST=hello-from-cdi"],
                "deviceNodes": [{"path": "/dev/mydev", "hostPath": "/dev/null"}],
                "mounts": [{"hostPath": "%s", "containerPath": "/data/hello.txt", "type": "bind", "options": ["bind", "ro"]}],
                "hooks": [
                  {"hookName": "prestart", "path": "/bin/sh", "args": ["sh", "-c", "echo ran > %s/prestart.marker"]},
                  {"hookName": "createContainer", "path": "/bin/sh", "args": ["sh", "-c", "echo ran > %s/create-container.marker"]}
                ]
              }
            }
          ]
        }
        """
        .formatted(hostData, tmp, tmp);
  }

  @Test
  void theContainerSeesTheEnvTheWritableNodeAndTheMountAndTheHooksRan(@TempDir Path tmp) throws Exception {
    Path runc = requireRuntime();
    Path bundle = Files.createDirectories(tmp.resolve("bundle"));
    buildRootfs(bundle);
    Result spec = exec(bundle, tmp.resolve("runc-spec"), List.of(runc.toString(), "spec"));
    assertThat(spec.exitCode()).as("runc spec: %s", spec.stderr()).isZero();

    ObjectNode tree = (ObjectNode) OciConfig.read(bundle.resolve("config.json")).tree();
    ObjectNode process = (ObjectNode) tree.get("process");
    process.put("terminal", false);
    ArrayNode args = process.putArray("args");
    args.add("sh").add("-c").add(SCRIPT);
    ((ObjectNode) tree.get("root")).put("readonly", false);
    OciConfig base = OciConfig.of(tree);

    Path hostData = Files.writeString(tmp.resolve("host-data.txt"), "hello from the host\n");
    Path specDir = Files.createDirectories(tmp.resolve("cdi"));
    Files.writeString(specDir.resolve("jcdi.test-device.json"), specJson(tmp, hostData));
    // The runtime's path: a registry over the spec directory resolves the qualified name.
    OciConfig injected;
    try (Registry registry = Registry.builder().specDirs(specDir).build()) {
      assertThat(registry.errors()).as("spec errors").isEmpty();
      injected = registry.inject(base, "jcdi.test/device=mydev");
    }
    Files.write(bundle.resolve("config.json"), injected.toJsonBytes());

    Path state = Files.createDirectories(tmp.resolve("state"));
    String id = "jcdi-it-" + UUID.randomUUID().toString().substring(0, 8);
    Result run;
    try {
      run = exec(bundle, tmp.resolve("runc-run"), List.of(runc.toString(), "--root", state.toString(), "run", "--bundle", bundle.toString(), id));
    } finally {
      exec(bundle, tmp.resolve("runc-delete"), List.of(runc.toString(), "--root", state.toString(), "delete", "-f", id));
    }
    assertThat(run.exitCode()).as("runc run failed; stdout:%n%s%nstderr:%n%s", run.stdout(), run.stderr()).isZero();

    Map<String, String> seen = new LinkedHashMap<>();
    for (String line : run.stdout().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        seen.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    assertThat(seen)
        .as("what the container printed:%n%s", run.stdout())
        .containsEntry("ENV", "hello-from-cdi")
        .containsEntry("SPEC_ENV", "spec")
        .containsEntry("NODE", "character special file 1,3")
        .containsEntry("WRITE", "ok")
        .containsEntry("MOUNT", "hello from the host");
    assertThat(tmp.resolve("prestart.marker")).as("the prestart hook ran on the host").hasContent("ran");
    assertThat(tmp.resolve("create-container.marker")).as("the createContainer hook ran").hasContent("ran");
    assertThat(Files.readString(hostData, StandardCharsets.UTF_8)).as("the read-only mount was not written").isEqualTo("hello from the host\n");
  }
}
