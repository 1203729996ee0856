package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cdi} keeps the parsed spec files between runs (in {@code ~/.cache/jcdi/specs} by default):
 * a run that takes them from there prints exactly what a run that parses prints, warnings and
 * errors included.
 */
class SpecCacheCliTest {
  @TempDir Path tmp;
  Path specs;
  Path home;
  Path config;

  @BeforeEach
  void setUp() throws IOException {
    specs = Files.createDirectories(tmp.resolve("cdi"));
    home = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(specs.resolve("gpu.json"), "{\"cdiVersion\":\"0.5.0\",\"kind\":\"vendor.com/gpu\",\"devices\":["
        + "{\"name\":\"g0\",\"containerEdits\":{\"env\":[\"G=0\"],\"deviceNodes\":[{\"path\":\"/dev/null\",\"type\":\"c\",\"major\":1,\"minor\":3}]}},"
        + "{\"name\":\"g1\",\"containerEdits\":{\"mounts\":[{\"hostPath\":\"/tmp\",\"containerPath\":\"/a/../b\",\"options\":[\"ro\"]}]}}],"
        + "\"containerEdits\":{\"hooks\":[{\"hookName\":\"createContainer\",\"path\":\"/bin/true\",\"args\":[\"true\"]}]}}");
    Files.writeString(specs.resolve("nic.yaml"), "cdiVersion: 0.6.0\nkind: other.org/nic\nannotations:\n  z: last\n  a: first\n"
        + "devices:\n- name: n0\n  containerEdits:\n    netDevices: [{hostInterfaceName: eth9, name: net0}]\n");
    Files.writeString(specs.resolve("bad.yaml"), "cdiVersion: 0.6.0\nkind: noslash\ndevices: []\n");
    // an old mtime; the ctime is still now, so within two seconds a cached run reads and hashes each
    // file (the racy rule) and takes the stored spec by its digest; later, by the stamp alone
    for (Path p : List.of(specs.resolve("gpu.json"), specs.resolve("nic.yaml"), specs.resolve("bad.yaml"))) {
      Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(3600)));
    }
    config = tmp.resolve("config.json");
    Files.writeString(config, "{\"ociVersion\":\"1.0.2\",\"process\":{\"args\":[\"sh\"],\"cwd\":\"/\"},\"root\":{\"path\":\"rootfs\"}}");
  }

  private Map<String, String> env(String... more) {
    Map<String, String> env = new HashMap<>();
    env.put("CDI_SPEC_DIRS", specs.toString());
    env.put("HOME", home.toString());
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  private Path cacheFile() {
    return home.resolve(".cache/jcdi/specs");
  }

  @Test
  void aRunFromTheCachePrintsWhatAParsingRunPrints() throws IOException {
    List<String[]> lines = List.of(
        new String[] {"devices"},
        new String[] {"specs", "--output", "json"},
        new String[] {"specs", "--output", "yaml"},
        new String[] {"devices", "--output", "json"},
        new String[] {"vendors"},
        new String[] {"classes"},
        new String[] {"inject", config.toString(), "vendor.com/gpu=g0", "vendor.com/gpu=g1", "other.org/nic=n0"});
    for (String[] args : lines) {
      CliRun parsed = CliRun.run(env("CDI_CACHE", "off"), args);
      Files.deleteIfExists(cacheFile());
      CliRun filling = CliRun.run(env(), args);
      assertThat(cacheFile()).isRegularFile();
      CliRun cached = CliRun.run(env(), args);

      for (CliRun r : List.of(filling, cached)) {
        assertThat(r.out()).as("%s", String.join(" ", args)).isEqualTo(parsed.out());
        assertThat(r.err()).as("%s", String.join(" ", args)).isEqualTo(parsed.err());
        assertThat(r.status()).isEqualTo(parsed.status());
      }
    }
    CliRun r = CliRun.run(env(), "devices");
    assertThat(r.err()).as("the warning and the error, from the cache")
        .contains("is not clean", "noslash");
  }

  @Test
  void theCacheIsPrivate() throws IOException {
    CliRun.run(env(), "devices");

    assertThat(Files.getPosixFilePermissions(cacheFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(cacheFile().getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void theCacheIsWhereTheEnvironmentSaysOrNowhere() {
    CliRun.run(env("CDI_CACHE", "off"), "devices");
    assertThat(home.resolve(".cache")).doesNotExist();

    Path elsewhere = tmp.resolve("elsewhere");
    CliRun.run(env("CDI_CACHE_DIR", elsewhere.toString()), "devices");
    assertThat(elsewhere.resolve("specs")).isRegularFile();

    Path xdg = tmp.resolve("xdg");
    CliRun.run(env("XDG_CACHE_HOME", xdg.toString()), "devices");
    assertThat(xdg.resolve("jcdi/specs")).isRegularFile();
    assertThat(home.resolve(".cache")).doesNotExist();
  }

  @Test
  void theCacheFileFollowsTheDocumentedOrder() {
    assertThat(new Cdi(Map.of()).specCacheFile()).isNull();
    assertThat(new Cdi(Map.of("HOME", "/h")).specCacheFile()).isEqualTo(Path.of("/h/.cache/jcdi/specs"));
    assertThat(new Cdi(Map.of("HOME", "relative")).specCacheFile()).isNull();
    assertThat(new Cdi(Map.of("HOME", "/h", "XDG_CACHE_HOME", "/x")).specCacheFile()).isEqualTo(Path.of("/x/jcdi/specs"));
    assertThat(new Cdi(Map.of("HOME", "/h", "XDG_CACHE_HOME", "x")).specCacheFile()).isEqualTo(Path.of("/h/.cache/jcdi/specs"));
    assertThat(new Cdi(Map.of("HOME", "/h", "XDG_CACHE_HOME", "/x", "CDI_CACHE_DIR", "/c")).specCacheFile())
        .isEqualTo(Path.of("/c/specs"));
    for (String off : List.of("off", "OFF", "0", "no", "false", " off ")) {
      assertThat(new Cdi(Map.of("HOME", "/h", "CDI_CACHE_DIR", "/c", "CDI_CACHE", off)).specCacheFile()).as(off).isNull();
    }
    assertThat(new Cdi(Map.of("HOME", "/h", "CDI_CACHE", "on")).specCacheFile()).isEqualTo(Path.of("/h/.cache/jcdi/specs"));
  }
}
