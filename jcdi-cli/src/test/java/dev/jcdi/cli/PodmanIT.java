package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.cli.ShimFixture.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cdi-runtime} under podman (Debian's 4.3.1) with a CDI 1.1.0 spec: podman 4.3's own CDI
 * library rejects every spec version above 0.5.0, so only the shim can give this device. Podman
 * keeps its storage and state in temp directories of the test's own.
 */
class PodmanIT {
  private static final Duration LIMIT = Duration.ofMinutes(3);
  private static final String IMAGE = "localhost/jcdi-busybox:test";

  /**
   * Not a JUnit temp dir: podman's conmon and cleanup processes may still write into it when {@code
   * podman run} has returned, so it is removed once they are gone.
   */
  Path tmp;

  @BeforeEach
  void createDir() throws java.io.IOException {
    tmp = Files.createTempDirectory("jcdi-podman");
  }

  @AfterEach
  void removeDir() throws Exception {
    ShimFixture.removeEngineDir(tmp, Duration.ofSeconds(60));
  }

  private List<String> podman(Path podman, String... args) {
    List<String> cmd = new ArrayList<>(List.of(podman.toString(),
        "--root", tmp.resolve("root").toString(), "--runroot", tmp.resolve("runroot").toString(),
        "--tmpdir", tmp.resolve("tmpdir").toString(), "--storage-driver", "vfs",
        "--cgroup-manager", "cgroupfs", "--events-backend", "file"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private List<String> run(Path podman, Path specs, Path cdiLog, String... args) {
    List<String> cmd = new ArrayList<>(podman(podman, "run", "--rm", "--network", "none",
        "--runtime", ShimFixture.shim().toString(),
        "--runtime-flag", "cdi-spec-dir=" + specs, "--runtime-flag", "cdi-log=" + cdiLog,
        // limits this machine's defaults may not allow
        "--ulimit", "nofile=20000:20000", "--ulimit", "nproc=4096:4096"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void podmanRunGetsADeviceOfASpecItsOwnCdiRefuses() throws Exception {
    Path podman = ShimFixture.require("podman", "podman", "runc").get(0);
    Path specs = tmp.resolve("cdi");
    Path marker = tmp.resolve("prestart.mark");
    ShimFixture.spec(specs, "1.1.0", tmp.resolve("hello.txt"), marker);
    Path cdiLog = tmp.resolve("cdi.log");
    ShimFixture.rootfs(tmp.resolve("rootfs"));
    Path work = Files.createDirectories(tmp.resolve("work"));
    Result imported = ShimFixture.exec(LIMIT, "/bin/sh", "-c",
        "tar -C " + tmp.resolve("rootfs") + " -c . | " + String.join(" ", podman(podman, "import", "-q", "-", IMAGE)));
    assertThat(imported.status()).as(imported.both()).isZero();

    Result run = ShimFixture.exec(work, java.util.Map.of(), false, LIMIT,
        run(podman, specs, cdiLog, "-e", "CDI_DEVICES=" + ShimFixture.DEVICE, IMAGE, "sh", "-c", ShimFixture.CHECK_SCRIPT));
    assertThat(run.status()).as(run.both()).isZero();
    assertThat(run.out().lines()).containsExactlyElementsOf(ShimFixture.EXPECTED);
    assertThat(marker).as("the prestart hook ran on the host").hasContent("ran\n");
    assertThat(Files.readString(cdiLog)).contains(": injected " + ShimFixture.DEVICE);

    Result refused = ShimFixture.exec(work, java.util.Map.of(), false, LIMIT,
        run(podman, specs, cdiLog, "-e", "CDI_DEVICES=jcdi.test/device=nope", IMAGE, "true"));
    assertThat(refused.status()).isNotZero();
    assertThat(refused.err()).contains("jcdi.test/device=nope: no spec in " + specs + " defines it");
  }
}
