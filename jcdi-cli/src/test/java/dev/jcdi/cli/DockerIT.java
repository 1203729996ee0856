package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.cli.ShimFixture.Result;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cdi-runtime} under docker 20.10 (Debian's docker.io, which has no CDI of its own): a
 * dockerd of the test's own (temp data and exec roots, vfs, no network set-up) with the shim
 * registered as the runtime {@code jcdi}, its spec directory given by {@code runtimeArgs}.
 */
class DockerIT {
  private static final Duration LIMIT = Duration.ofMinutes(3);
  private static final String IMAGE = "jcdi-busybox:test";

  @TempDir Path tmp;

  @Test
  void dockerRunGetsTheDevicesRefusesAnUnknownOneAndRunsOthersAsRuncWould() throws Exception {
    List<Path> bins = ShimFixture.require("docker", "dockerd", "docker", "runc");
    Path dockerd = bins.get(0);
    Path docker = Files.isExecutable(Path.of("/usr/bin/docker")) ? Path.of("/usr/bin/docker") : bins.get(1);
    Path specs = tmp.resolve("cdi");
    Path marker = tmp.resolve("prestart.mark");
    ShimFixture.spec(specs, "0.6.0", tmp.resolve("hello.txt"), marker);
    Path cdiLog = tmp.resolve("cdi.log");
    Path config = tmp.resolve("daemon.json");
    Files.writeString(config, """
        {"runtimes": {
          "jcdi": {"path": "%s", "runtimeArgs": ["--cdi-spec-dir", "%s", "--cdi-log=%s"]},
          "jcdi-example": {"path": "%s", "runtimeArgs": ["--cdi-spec-dir", "%s"]}
        }}
        """.formatted(ShimFixture.shim(), specs, cdiLog, ShimFixture.shim(), ShimFixture.root().resolve("examples/runtime")));
    String sock = "unix://" + tmp.resolve("d.sock");
    Path daemonLog = tmp.resolve("dockerd.log");
    Process daemon = new ProcessBuilder(List.of(dockerd.toString(), "--config-file", config.toString(),
            "--storage-driver", "vfs", "--iptables=false", "--bridge=none",
            "--data-root", tmp.resolve("data").toString(), "--exec-root", tmp.resolve("exec").toString(),
            "-H", sock, "--pidfile", tmp.resolve("d.pid").toString()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(daemonLog.toFile())
        .start();
    try {
      boolean up = ShimFixture.await(Duration.ofSeconds(90),
          () -> daemon.isAlive() && ShimFixture.exec(LIMIT, docker.toString(), "-H", sock, "version").status() == 0);
      assertThat(up).as("dockerd did not come up: %s", Files.readString(daemonLog)).isTrue();

      ShimFixture.rootfs(tmp.resolve("rootfs"));
      Result imported = ShimFixture.exec(LIMIT, "/bin/sh", "-c",
          "tar -C " + tmp.resolve("rootfs") + " -c . | " + docker + " -H " + sock + " import - " + IMAGE);
      assertThat(imported.status()).as(imported.both()).isZero();

      Result run = ShimFixture.exec(LIMIT, docker.toString(), "-H", sock, "run", "--rm", "--network", "none",
          "--runtime", "jcdi", "-e", "CDI_DEVICES=" + ShimFixture.DEVICE, IMAGE, "sh", "-c", ShimFixture.CHECK_SCRIPT);
      assertThat(run.status()).as(run.both()).isZero();
      assertThat(run.out().lines()).containsExactlyElementsOf(ShimFixture.EXPECTED);
      assertThat(marker).as("the prestart hook ran on the host").hasContent("ran\n");
      assertThat(Files.readString(cdiLog)).contains(": injected " + ShimFixture.DEVICE);

      // the README's example: the bundled spec's vendor.com/device=myDevice runs on any host
      Result example = ShimFixture.exec(LIMIT, docker.toString(), "-H", sock, "run", "--rm", "--network", "none",
          "--runtime", "jcdi-example", "-e", "CDI_DEVICES=vendor.com/device=myDevice", IMAGE, "sh", "-c",
          "export PATH=/bin; echo $FOO $VENDOR_DEVICE; stat -c '%t,%T' /dev/vendor-card0; test -s /etc/vendor-release && echo release");
      assertThat(example.status()).as(example.both()).isZero();
      assertThat(example.out()).isEqualTo("VALID_SPEC myDevice\n1,5\nrelease\n");

      Result refused = ShimFixture.exec(LIMIT, docker.toString(), "-H", sock, "run", "--rm", "--network", "none",
          "--runtime", "jcdi", "-e", "CDI_DEVICES=jcdi.test/device=nope", IMAGE, "true");
      assertThat(refused.status()).isNotZero();
      assertThat(refused.err()).contains("cdi-runtime: container ")
          .contains("cannot inject CDI devices: jcdi.test/device=nope: no spec in " + specs
              + " defines it (nearest known: jcdi.test/device=mydev)");
      Result left = ShimFixture.exec(LIMIT, docker.toString(), "-H", sock, "ps", "-aq");
      assertThat(left.out()).as("no container is left behind").isBlank();

      // Without CDI_DEVICES, the shim is runc: the same container, seen from inside, either way.
      String look = "export PATH=/bin; stat -c '%n %F %t,%T %a %u %g' /dev/* | sort; env | grep -v HOSTNAME | sort; grep -c . /proc/self/mountinfo";
      Result viaShim = ShimFixture.exec(LIMIT, docker.toString(), "-H", sock, "run", "--rm", "--network", "none",
          "--runtime", "jcdi", IMAGE, "sh", "-c", look);
      Result viaRunc = ShimFixture.exec(LIMIT, docker.toString(), "-H", sock, "run", "--rm", "--network", "none",
          "--runtime", "runc", IMAGE, "sh", "-c", look);
      assertThat(viaShim.status()).as(viaShim.both()).isZero();
      assertThat(viaShim.out()).isEqualTo(viaRunc.out()).contains("PATH=");
      assertThat(Files.readString(cdiLog)).contains(": no CDI devices requested");
    } finally {
      ShimFixture.stop(daemon, Duration.ofSeconds(30));
    }
  }
}
