package dev.jcdi.runtime;

import static dev.jcdi.runtime.RegistryFiles.spec;
import static dev.jcdi.runtime.RegistryFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of the spec directories a registry reads (cdi-reference.md §5, reference-notes §4.3). */
class RegistryDiscoveryTest {
  @TempDir Path tmp;

  private Registry registry(Path... dirs) {
    return Registry.builder().specDirs(dirs).build();
  }

  @Test
  void onlyNamesEndingInJsonOrYamlAreRead() {
    Path dir = tmp.resolve("cdi");
    write(dir, "a.json", spec("vendor.com/a").device("d", "A=1").json());
    write(dir, "b.yaml", spec("vendor.com/b").device("d", "B=1").yaml());
    write(dir, "c.yml", spec("vendor.com/c").device("d", "C=1").yaml());
    write(dir, "d.YAML", spec("vendor.com/d").device("d", "D=1").yaml());
    write(dir, "e.json.bak", spec("vendor.com/e").device("d", "E=1").json());
    write(dir, "f", spec("vendor.com/f").device("d", "F=1").json());
    write(dir, ".g.yaml.tmp", spec("vendor.com/g").device("d", "G=1").yaml());

    Registry r = registry(dir);

    assertThat(r.devices()).containsExactly("vendor.com/a=d", "vendor.com/b=d");
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void subdirectoriesAreNotDescendedInto() throws Exception {
    Path dir = tmp.resolve("cdi");
    write(dir.resolve("sub"), "nested.yaml", spec("vendor.com/nested").device("d", "N=1").yaml());
    Files.createDirectories(dir.resolve("dir.yaml"));
    write(dir.resolve("dir.json"), "inner.json", spec("vendor.com/inner").device("d", "I=1").json());
    write(dir, "top.yaml", spec("vendor.com/top").device("d", "T=1").yaml());

    Registry r = registry(dir);

    assertThat(r.devices()).containsExactly("vendor.com/top=d");
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void filesAreReadInNameOrder() {
    Path dir = tmp.resolve("cdi");
    // Written out of order; the conflict message names the file read second first.
    write(dir, "b.yaml", spec("vendor.com/gpu").device("x", "B=1").yaml());
    write(dir, "a.yaml", spec("vendor.com/gpu").device("x", "A=1").yaml());
    write(dir, "c.json", spec("vendor.com/nic").device("y", "C=1").json());

    Registry r = registry(dir);

    assertThat(r.specs()).extracting(s -> s.path().getFileName().toString()).containsExactly("a.yaml", "b.yaml", "c.json");
    assertThat(r.errors().get(dir.resolve("a.yaml")))
        .containsExactly("conflicting device \"vendor.com/gpu=x\" (specs \"" + dir.resolve("b.yaml") + "\", \"" + dir.resolve("a.yaml") + "\")");
  }

  @Test
  void symbolicLinkToASpecFileIsFollowed() throws Exception {
    Path elsewhere = tmp.resolve("elsewhere");
    Path target = write(elsewhere, "real.txt", spec("vendor.com/gpu").device("g0", "G=0").json());
    Path dir = tmp.resolve("cdi");
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve("linked.json"), target);

    Registry r = registry(dir);

    assertThat(r.devices()).containsExactly("vendor.com/gpu=g0");
    assertThat(r.device("vendor.com/gpu=g0").orElseThrow().spec().path()).isEqualTo(dir.resolve("linked.json"));
  }

  @Test
  void danglingSymbolicLinkIsAnErrorForItsPath() throws Exception {
    Path dir = tmp.resolve("cdi");
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve("gone.yaml"), tmp.resolve("missing.yaml"));

    Registry r = registry(dir);

    assertThat(r.devices()).isEmpty();
    assertThat(r.errors()).containsOnlyKeys(dir.resolve("gone.yaml"));
  }

  @Test
  void missingDirectoryIsEmptyNotAnError() {
    Path present = tmp.resolve("present");
    write(present, "a.yaml", spec("vendor.com/gpu").device("g0", "G=0").yaml());

    Registry r = registry(tmp.resolve("missing"), present, tmp.resolve("also/missing"));

    assertThat(r.devices()).containsExactly("vendor.com/gpu=g0");
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void specDirectoryThatIsARegularFileIsADirectoryError() {
    Path notADir = write(tmp, "cdi", "just a file");

    Registry r = registry(notADir);

    assertThat(r.errors()).containsOnlyKeys(notADir);
    assertThat(r.errors().get(notADir).get(0)).contains("not a directory");
  }

  @Test
  void specDirectoriesAreNormalizedAndDefaultWhenNoneAreGiven() {
    Registry r = Registry.builder().specDirs(List.of(Path.of("/a/b/../c/"), Path.of("//x//"))).build();
    assertThat(r.specDirs()).containsExactly(Path.of("/a/c"), Path.of("/x"));

    assertThat(Registry.builder().specDirs(List.of()).build().specDirs()).containsExactly(Path.of("/etc/cdi"), Path.of("/var/run/cdi"));
    assertThat(Registry.DEFAULT_SPEC_DIRS).containsExactly(Path.of("/etc/cdi"), Path.of("/var/run/cdi"));
  }
}
