package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcdi.cli.ShimFixture.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cdi-runtime} launcher as an engine runs it: by absolute path, from a foreign working
 * directory, with no {@code JAVA_HOME} and a {@code PATH} that holds nothing. The delegate is a
 * script that records what it got (arguments, stdin, an inherited descriptor) and exits 7.
 */
class CdiRuntimeLauncherIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LIMIT = Duration.ofMinutes(3);
  /** An engine's environment at its barest. */
  private static final Map<String, String> BARE_ENV = Map.of("PATH", "/nonexistent");

  @TempDir Path tmp;
  Path delegate;
  Path specs;
  Path bundle;
  Path elsewhere;

  @BeforeEach
  void setUp() throws IOException {
    delegate = tmp.resolve("fake-runc");
    Files.writeString(delegate, """
        #!/bin/sh
        d="${0%%/*}"
        printf '%%s\\n' "$@" > "$d/args"
        /bin/cat > "$d/stdin"
        [ -e /proc/self/fd/3 ] && /bin/cat <&3 > "$d/fd3"
        exit 7
        """.formatted());
    Files.setPosixFilePermissions(delegate, PosixFilePermissions.fromString("rwxr-xr-x"));
    specs = Files.createDirectories(tmp.resolve("cdi"));
    Files.writeString(specs.resolve("t.json"),
        "{\"cdiVersion\":\"0.3.0\",\"kind\":\"jcdi.test/device\",\"devices\":[{\"name\":\"d1\",\"containerEdits\":{\"env\":[\"D1=yes\"]}}]}");
    bundle = Files.createDirectories(tmp.resolve("bundle"));
    elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
  }

  private Result shim(String shellPrefix, String... args) throws Exception {
    StringBuilder cmd = new StringBuilder(shellPrefix);
    cmd.append(ShimFixture.shim());
    for (String a : args) {
      cmd.append(" '").append(a.replace("'", "'\\''")).append("'");
    }
    return ShimFixture.exec(elsewhere, BARE_ENV, true, LIMIT, List.of("/bin/bash", "-c", cmd.toString()));
  }

  private List<String> delegateArgs() throws IOException {
    return Files.readAllLines(tmp.resolve("args"));
  }

  @Test
  void otherCallsGoStraightToTheDelegateWithStdinDescriptorsAndExitStatus() throws Exception {
    Files.writeString(tmp.resolve("three"), "from-fd-3");
    Result r = shim("exec 3<" + tmp.resolve("three") + "; echo to-stdin | ",
        "--cdi-spec-dir", specs.toString(), "--cdi-delegate=" + delegate, "--root", "/run/x", "--cdi-log=/dev/null",
        "--debug", "state", "c1");
    assertThat(r.status()).as(r.both()).isEqualTo(7);
    assertThat(delegateArgs()).containsExactly("--root", "/run/x", "--debug", "state", "c1");
    assertThat(Files.readString(tmp.resolve("stdin"))).isEqualTo("to-stdin\n");
    assertThat(Files.readString(tmp.resolve("fd3"))).isEqualTo("from-fd-3");
  }

  @Test
  void createInjectsThenHandsTheOriginalArgumentsToTheDelegate() throws Exception {
    Files.writeString(bundle.resolve("config.json"),
        "{\"ociVersion\":\"1.0.2\",\"process\":{\"env\":[\"PATH=/bin\",\"CDI_DEVICES=jcdi.test/device=d1\"]}}");
    Path cdiLog = tmp.resolve("cdi.log");
    Result r = shim("", "--cdi-spec-dir=" + specs, "--cdi-delegate", delegate.toString(), "--cdi-log", cdiLog.toString(),
        "--log", tmp.resolve("log.json").toString(), "--log-format", "json", "create", "--bundle", bundle.toString(),
        "--pid-file", tmp.resolve("pid").toString(), "c1");
    assertThat(r.status()).as(r.both()).isEqualTo(7);
    assertThat(delegateArgs()).containsExactly("--log", tmp.resolve("log.json").toString(), "--log-format", "json",
        "create", "--bundle", bundle.toString(), "--pid-file", tmp.resolve("pid").toString(), "c1");
    JsonNode env = JSON.readTree(bundle.resolve("config.json").toFile()).get("process").get("env");
    assertThat(env.toString()).isEqualTo("[\"PATH=/bin\",\"CDI_DEVICES=jcdi.test/device=d1\",\"D1=yes\"]");
    assertThat(Files.readString(cdiLog)).endsWith(" c1: injected jcdi.test/device=d1\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aRefusedCreateNeverRunsTheDelegate() throws Exception {
    String config = "{\"ociVersion\":\"1.0.2\",\"process\":{\"env\":[\"CDI_DEVICES=jcdi.test/device=d2\"]}}";
    Files.writeString(bundle.resolve("config.json"), config);
    Path log = tmp.resolve("log.json");
    Result r = shim("cd " + bundle + " && ", "--cdi-spec-dir", specs.toString(), "--cdi-delegate", delegate.toString(),
        "--log", log.toString(), "--log-format=json", "create", "c2");
    assertThat(r.status()).as(r.both()).isEqualTo(1);
    assertThat(tmp.resolve("args")).doesNotExist();
    String msg = "cdi-runtime: container c2: cannot inject CDI devices: jcdi.test/device=d2: no spec in " + specs
        + " defines it (nearest known: jcdi.test/device=d1)";
    assertThat(r.err()).isEqualTo(msg + "\n");
    assertThat(JSON.readTree(Files.readString(log)).get("msg").asText()).isEqualTo(msg);
    assertThat(Files.readString(bundle.resolve("config.json"))).isEqualTo(config);
  }

  @Test
  void aShimOptionWithoutAValueIsAUsageError() throws Exception {
    Result r = shim("", "--cdi-delegate", delegate.toString(), "--cdi-spec-dir");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("cdi-runtime: --cdi-spec-dir needs a value\n");
    assertThat(tmp.resolve("args")).doesNotExist();
  }

  @Test
  void theShimIsNeverItsOwnDelegate() throws Exception {
    Result r = shim("", "--cdi-delegate", ShimFixture.shim().toString(), "state", "x");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("is cdi-runtime itself");
  }

  @Test
  void withoutADelegateOptionRuncIsFoundEvenOnABarePath() throws Exception {
    Assumptions.assumeTrue(ShimFixture.find("runc").isPresent(), "skipping: runc is not installed");
    Result r = shim("", "--cdi-spec-dir", specs.toString(), "--version");
    assertThat(r.status()).as(r.both()).isZero();
    assertThat(r.out()).startsWith("runc version");
  }
}
