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
 * {@code cdi-runtime} under containerd 1.6 (Debian's, whose CRI plugin has no CDI): a containerd of
 * the test's own, and {@code ctr run --runc-binary} pointing at the shim. {@code --runc-binary}
 * takes a path and no arguments, so the spec directory comes from {@code CDI_SPEC_DIRS} in
 * containerd's environment, which its runc shim passes on.
 */
class ContainerdIT {
  private static final Duration LIMIT = Duration.ofMinutes(3);

  @TempDir Path tmp;

  @Test
  void ctrRunWithTheShimAsRuncBinaryGetsTheDeviceAndRefusesAnUnknownOne() throws Exception {
    List<Path> bins = ShimFixture.require("containerd", "containerd", "ctr", "runc");
    Path ctr = bins.get(1);
    Path specs = tmp.resolve("cdi");
    Path marker = tmp.resolve("prestart.mark");
    ShimFixture.spec(specs, "0.5.0", tmp.resolve("hello.txt"), marker);
    Path rootfs = ShimFixture.rootfs(tmp.resolve("rootfs"));
    Path sock = tmp.resolve("c.sock");
    Path config = tmp.resolve("config.toml");
    Files.writeString(config, """
        version = 2
        root = "%s"
        state = "%s"
        disabled_plugins = ["io.containerd.grpc.v1.cri"]
        [grpc]
          address = "%s"
        [ttrpc]
          address = "%s.ttrpc"
        """.formatted(tmp.resolve("root"), tmp.resolve("state"), sock, sock));
    Path log = tmp.resolve("containerd.log");
    ProcessBuilder pb = new ProcessBuilder(bins.get(0).toString(), "--config", config.toString())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("CDI_SPEC_DIRS", specs.toString());
    Process daemon = pb.start();
    try {
      boolean up = ShimFixture.await(Duration.ofSeconds(60),
          () -> daemon.isAlive() && ShimFixture.exec(LIMIT, ctr.toString(), "-a", sock.toString(), "version").status() == 0);
      assertThat(up).as("containerd did not come up: %s", Files.readString(log)).isTrue();

      Result run = ShimFixture.exec(LIMIT, ctr.toString(), "-a", sock.toString(), "run", "--rm",
          "--runc-binary", ShimFixture.shim().toString(), "--env", "CDI_DEVICES=" + ShimFixture.DEVICE,
          "--rootfs", rootfs.toString(), "jcdi-ok", "/bin/sh", "-c", ShimFixture.CHECK_SCRIPT);
      assertThat(run.status()).as(run.both()).isZero();
      assertThat(run.out().lines()).containsExactlyElementsOf(ShimFixture.EXPECTED);
      assertThat(marker).as("the prestart hook ran on the host").hasContent("ran\n");

      Result refused = ShimFixture.exec(LIMIT, ctr.toString(), "-a", sock.toString(), "run", "--rm",
          "--runc-binary", ShimFixture.shim().toString(), "--env", "CDI_DEVICES=jcdi.test/device=nope",
          "--rootfs", rootfs.toString(), "jcdi-refused", "/bin/true");
      assertThat(refused.status()).isNotZero();
      assertThat(refused.err()).contains("cdi-runtime: container jcdi-refused: cannot inject CDI devices: "
          + "jcdi.test/device=nope: no spec in " + specs + " defines it");
      ShimFixture.exec(LIMIT, ctr.toString(), "-a", sock.toString(), "containers", "rm", "jcdi-refused");
    } finally {
      ShimFixture.stop(daemon, Duration.ofSeconds(30));
    }
  }
}
