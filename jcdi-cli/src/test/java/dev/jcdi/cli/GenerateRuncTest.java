package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcdi.oci.OciConfig;
import dev.jcdi.runtime.Registry;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec that {@code cdi generate} writes from a fake /dev (made with mknod) passes {@code cdi
 * validate --schema} and, injected, gives a real {@code runc} container the node and the env. Same
 * approach and requirements as the runtime's RuncIntegrationTest: root, runc and a static busybox.
 */
class GenerateRuncTest {
  private static final String SCRIPT = String.join("\n",
      "echo \"ENV=$CDI_GEN\"",
      "echo \"NODE=$(stat -c '%F %t,%T' /dev/acme/gen0)\"",
      "if echo x > /dev/acme/gen0; then echo WRITE=ok; else echo WRITE=failed; fi",
      "echo \"MOUNT=$(cat /data/hello.txt)\"");

  private static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false");
  }

  private static Path requireRuntime() {
    List<String> dirs = new ArrayList<>(List.of("/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin"));
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(0, List.of(path.split(File.pathSeparator)));
    }
    Optional<Path> runc = dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, "runc")).filter(Files::isExecutable).findFirst();
    boolean root = DevNodes.isRoot();
    if (root && runc.isPresent()) {
      return runc.get();
    }
    String why = (root ? "" : "not running as root; ") + (runc.isPresent() ? "" : "runc not found");
    if (inCi()) {
      fail("CI is set, so the runc test must run, but: " + why);
    }
    Assumptions.assumeTrue(false, "skipping: " + why);
    throw new AssertionError("unreachable");
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result exec(Path dir, Path out, List<String> command) throws IOException, InterruptedException {
    Path stdout = out.resolveSibling(out.getFileName() + ".out");
    Path stderr = out.resolveSibling(out.getFileName() + ".err");
    Process p = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) { // a guard against a hung runtime, not a timing assertion
      p.destroyForcibly().waitFor();
      fail(String.join(" ", command) + " did not finish");
    }
    return new Result(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  @Test
  void aGeneratedSpecValidatesAndWorksInARuncContainer(@TempDir Path tmp) throws Exception {
    Path runc = requireRuntime();
    Path fakeRoot = tmp.resolve("driver-root");
    DevNodes.mknod(fakeRoot.resolve("dev/acme/gen0"), 1, 3); // the null device's numbers under another name
    Path hostData = Files.writeString(tmp.resolve("hello.txt"), "hello from the host\n");
    Path specDir = tmp.resolve("cdi");
    CliRun gen = CliRun.run("generate", "--kind", "jcdi.test/gen", "--dev-root", fakeRoot.toString(), "--env", "CDI_GEN=generated",
        "--mount", hostData + ":/data/hello.txt:ro", "--write", specDir.toString(), "/dev/acme/gen*");
    assertThat(gen.status()).as(gen.err()).isZero();
    CliRun validate = CliRun.run("validate", "--schema", specDir.toString());
    assertThat(validate.status()).as(validate.out() + validate.err()).isZero();

    Path bundle = Files.createDirectories(tmp.resolve("bundle"));
    Path bin = Files.createDirectories(bundle.resolve("rootfs/bin"));
    Path busybox = Path.of("/bin/busybox");
    if (!Files.isRegularFile(busybox)) {
      fail("/bin/busybox is missing: install Debian's busybox-static");
    }
    Files.copy(busybox, bin.resolve("busybox"));
    Files.setPosixFilePermissions(bin.resolve("busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String applet : List.of("sh", "cat", "echo", "stat")) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    Result spec = exec(bundle, tmp.resolve("runc-spec"), List.of(runc.toString(), "spec"));
    assertThat(spec.exitCode()).as(spec.stderr()).isZero();
    ObjectNode tree = (ObjectNode) OciConfig.read(bundle.resolve("config.json")).tree();
    ObjectNode process = (ObjectNode) tree.get("process");
    process.put("terminal", false);
    ArrayNode args = process.putArray("args");
    args.add("sh").add("-c").add(SCRIPT);
    OciConfig injected;
    try (Registry registry = Registry.builder().specDirs(specDir).build()) {
      assertThat(registry.errors()).isEmpty();
      injected = registry.inject(OciConfig.of(tree), "jcdi.test/gen=all");
    }
    Files.write(bundle.resolve("config.json"), injected.toJsonBytes());
    Path state = Files.createDirectories(tmp.resolve("state"));
    String id = "jcdi-gen-" + UUID.randomUUID().toString().substring(0, 8);
    Result run;
    try {
      run = exec(bundle, tmp.resolve("runc-run"), List.of(runc.toString(), "--root", state.toString(), "run", "--bundle", bundle.toString(), id));
    } finally {
      exec(bundle, tmp.resolve("runc-delete"), List.of(runc.toString(), "--root", state.toString(), "delete", "-f", id));
    }
    assertThat(run.exitCode()).as("stdout:%n%s%nstderr:%n%s", run.stdout(), run.stderr()).isZero();
    assertThat(run.stdout()).contains("ENV=generated\n", "NODE=character special file 1,3\n", "WRITE=ok\n", "MOUNT=hello from the host\n");
  }
}
