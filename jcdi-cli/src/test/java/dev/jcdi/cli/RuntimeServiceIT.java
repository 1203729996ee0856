package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcdi.cli.ShimFixture.Result;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher with the resident service answering (RuntimeService on a socket of the test's own):
 * the same injection and the same refusals as the cold path, written by the launcher; the cold path
 * whenever the service cannot answer for the request.
 */
class RuntimeServiceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LIMIT = Duration.ofMinutes(3);

  @TempDir Path tmp;
  Path specs;
  Path bundle;
  Path delegate;
  Path socket;
  Process service;

  @BeforeEach
  void setUp() throws Exception {
    specs = Files.createDirectories(tmp.resolve("cdi"));
    Files.writeString(specs.resolve("t.json"),
        "{\"cdiVersion\":\"0.3.0\",\"kind\":\"jcdi.test/device\",\"devices\":[{\"name\":\"d1\",\"containerEdits\":{\"env\":[\"D1=yes\"]}}]}");
    bundle = Files.createDirectories(tmp.resolve("bundle"));
    delegate = tmp.resolve("fake-runc");
    Files.writeString(delegate, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"${0%/*}/args\"\n");
    Files.setPosixFilePermissions(delegate, PosixFilePermissions.fromString("rwxr-xr-x"));
    socket = tmp.resolve("service.sock");
    service = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            ShimFixture.root().resolve("jcdi-cli/target/jcdi-cli.jar").toString(), "dev.jcdi.cli.RuntimeService",
            socket.toString(), "--spec-dir", specs.toString()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("service.log").toFile())
        .start();
    assertThat(ShimFixture.await(Duration.ofSeconds(120), () -> Files.exists(socket)))
        .as("the service did not listen: %s", Files.readString(tmp.resolve("service.log"))).isTrue();
  }

  @AfterEach
  void tearDown() throws Exception {
    ShimFixture.stop(service, Duration.ofSeconds(10));
  }

  private Result shim(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(ShimFixture.shim().toString()));
    cmd.addAll(List.of(args));
    return ShimFixture.exec(tmp, Map.of("PATH", "/nonexistent", "CDI_RUNTIME_SOCKET", socket.toString()), true, LIMIT, cmd);
  }

  @Test
  void theSocketIsTheOwnersOnly() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
  }

  @Test
  void theServiceDecidesAndTheLauncherWritesTheConfigAndTheLogs() throws Exception {
    Files.writeString(bundle.resolve("config.json"), "{\"process\":{\"env\":[\"CDI_DEVICES=jcdi.test/device=d1\"]}}");
    Files.setPosixFilePermissions(bundle.resolve("config.json"), PosixFilePermissions.fromString("rw-r-----"));
    Path cdiLog = tmp.resolve("cdi.log");
    Result r = shim("--cdi-spec-dir", specs.toString(), "--cdi-delegate", delegate.toString(), "--cdi-log", cdiLog.toString(),
        "create", "--bundle", bundle.toString(), "c1");
    assertThat(r.status()).as(r.both()).isZero();
    assertThat(Files.readAllLines(tmp.resolve("args"))).containsExactly("create", "--bundle", bundle.toString(), "c1");
    assertThat(JSON.readTree(bundle.resolve("config.json").toFile()).get("process").get("env").toString())
        .isEqualTo("[\"CDI_DEVICES=jcdi.test/device=d1\",\"D1=yes\"]");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle.resolve("config.json")))).isEqualTo("rw-r-----");
    assertThat(Files.readString(cdiLog)).endsWith(" c1: injected jcdi.test/device=d1\n");
    assertThat(bundle.toFile().list()).containsExactly("config.json");
    // a spec added after the service started is seen: it refreshes before it answers
    Files.writeString(specs.resolve("u.json"),
        "{\"cdiVersion\":\"0.3.0\",\"kind\":\"jcdi.test/other\",\"devices\":[{\"name\":\"d2\",\"containerEdits\":{\"env\":[\"D2=yes\"]}}]}");
    Files.writeString(bundle.resolve("config.json"), "{\"process\":{\"env\":[\"CDI_DEVICES=jcdi.test/other=d2\"]}}");
    assertThat(shim("--cdi-spec-dir", specs.toString(), "--cdi-delegate", delegate.toString(),
        "create", "--bundle", bundle.toString(), "c2").status()).isZero();
    assertThat(Files.readString(bundle.resolve("config.json"))).contains("D2=yes");
  }

  @Test
  void aRefusalReadsAsTheColdPathsInRuncsLog() throws Exception {
    String config = "{\"process\":{\"env\":[\"CDI_DEVICES=jcdi.test/device=d9\"]}}";
    Files.writeString(bundle.resolve("config.json"), config);
    Path log = tmp.resolve("log.json");
    Result r = shim("--cdi-spec-dir", specs.toString(), "--cdi-delegate", delegate.toString(), "--log", log.toString(),
        "--log-format", "json", "create", "--bundle", bundle.toString(), "c1");
    assertThat(r.status()).isEqualTo(1);
    String msg = "cdi-runtime: container c1: cannot inject CDI devices: jcdi.test/device=d9: no spec in " + specs
        + " defines it (nearest known: jcdi.test/device=d1)";
    assertThat(r.err()).isEqualTo(msg + "\n");
    assertThat(JSON.readTree(Files.readString(log)).get("msg").asText()).isEqualTo(msg);
    assertThat(Files.readString(bundle.resolve("config.json"))).isEqualTo(config);
    assertThat(tmp.resolve("args")).doesNotExist();
  }

  @Test
  void otherSpecDirectoriesOrNoServiceFallBackToTheColdPath() throws Exception {
    Path others = Files.createDirectories(tmp.resolve("other-cdi"));
    Files.copy(specs.resolve("t.json"), others.resolve("t.json"));
    Files.writeString(bundle.resolve("config.json"), "{\"process\":{\"env\":[\"CDI_DEVICES=jcdi.test/device=d1\"]}}");
    Result r = shim("--cdi-spec-dir", others.toString(), "--cdi-delegate", delegate.toString(),
        "create", "--bundle", bundle.toString(), "c1");
    assertThat(r.status()).as(r.both()).isZero();
    assertThat(Files.readString(bundle.resolve("config.json"))).contains("D1=yes");

    ShimFixture.stop(service, Duration.ofSeconds(10));
    Files.writeString(bundle.resolve("config.json"), "{\"process\":{\"env\":[\"CDI_DEVICES=jcdi.test/device=d1\"]}}");
    Files.deleteIfExists(socket);
    Files.writeString(tmp.resolve("not-a-socket"), "");
    r = shim("--cdi-spec-dir", specs.toString(), "--cdi-delegate", delegate.toString(), "create", "--bundle", bundle.toString(), "c2");
    assertThat(r.status()).as(r.both()).isZero();
    assertThat(Files.readString(bundle.resolve("config.json"))).contains("D1=yes");
  }
}
