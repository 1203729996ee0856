package dev.jcdi.runtime;

import static dev.jcdi.runtime.RegistryFiles.spec;
import static dev.jcdi.runtime.RegistryFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which definition of a device wins (cdi-reference.md §5, reference-notes §4.3). */
class RegistryPriorityTest {
  @TempDir Path tmp;

  @Test
  void laterDirectoryWinsOverEarlier() {
    Path etc = tmp.resolve("etc");
    Path run = tmp.resolve("run");
    write(etc, "z.yaml", spec("vendor.com/gpu").device("g0", "FROM=etc").device("g1", "FROM=etc").yaml());
    write(run, "a.yaml", spec("vendor.com/gpu").device("g0", "FROM=run").yaml());

    Registry r = Registry.builder().specDirs(etc, run).build();

    RegisteredDevice g0 = r.device("vendor.com/gpu=g0").orElseThrow();
    assertThat(g0.device().containerEdits().env()).containsExactly("FROM=run");
    assertThat(g0.spec().path()).isEqualTo(run.resolve("a.yaml"));
    assertThat(g0.spec().priority()).isEqualTo(1);
    assertThat(r.device("vendor.com/gpu=g1").orElseThrow().spec().path()).isEqualTo(etc.resolve("z.yaml"));
    assertThat(r.errors()).isEmpty();

    Registry reversed = Registry.builder().specDirs(run, etc).build();
    assertThat(reversed.device("vendor.com/gpu=g0").orElseThrow().device().containerEdits().env()).containsExactly("FROM=etc");
  }

  @Test
  void sameDirectoryConflictRemovesDevice() {
    Path etc = tmp.resolve("etc");
    Path run = tmp.resolve("run");
    write(etc, "e.yaml", spec("vendor.com/gpu").device("d3", "FROM=etc").yaml());
    write(run, "c.yaml", spec("vendor.com/gpu").device("d1", "C=1").device("d3", "FROM=c").yaml());
    write(run, "d.yaml", spec("vendor.com/gpu").device("d2", "D=1").device("d3", "FROM=d").yaml());

    Registry r = Registry.builder().specDirs(etc, run).build();

    // d3 is gone entirely: the lower-priority copy in etc does not resurface.
    assertThat(r.devices()).containsExactly("vendor.com/gpu=d1", "vendor.com/gpu=d2");
    assertThat(r.device("vendor.com/gpu=d3")).isEmpty();
    String message =
        "conflicting device \"vendor.com/gpu=d3\" (specs \"" + run.resolve("d.yaml") + "\", \"" + run.resolve("c.yaml") + "\")";
    assertThat(r.errors()).containsOnlyKeys(run.resolve("c.yaml"), run.resolve("d.yaml"));
    assertThat(r.errors().get(run.resolve("c.yaml"))).containsExactly(message);
    assertThat(r.errors().get(run.resolve("d.yaml"))).containsExactly(message);
    // The conflicting specs still count for the listings.
    assertThat(r.specs()).extracting(RegisteredSpec::path)
        .containsExactly(etc.resolve("e.yaml"), run.resolve("c.yaml"), run.resolve("d.yaml"));
    assertThat(r.vendors()).containsExactly("vendor.com");
  }

  @Test
  void conflictInALowerDirectoryRemovesTheDeviceEvenWhenAHigherDirectoryDefinesIt() {
    Path etc = tmp.resolve("etc");
    Path run = tmp.resolve("run");
    write(etc, "a.yaml", spec("vendor.com/gpu").device("g", "FROM=a").yaml());
    write(etc, "b.yaml", spec("vendor.com/gpu").device("g", "FROM=b").yaml());
    write(run, "c.yaml", spec("vendor.com/gpu").device("g", "FROM=c").yaml());

    Registry r = Registry.builder().specDirs(etc, run).build();

    // The reference deletes every conflicting name at the end, whatever came later.
    assertThat(r.devices()).isEmpty();
    assertThat(r.errors()).containsOnlyKeys(etc.resolve("a.yaml"), etc.resolve("b.yaml"));
  }

  @Test
  void threeFilesOfOneDirectoryEachConflictWithTheFirst() {
    Path dir = tmp.resolve("cdi");
    write(dir, "a.yaml", spec("vendor.com/gpu").device("g", "A=1").yaml());
    write(dir, "b.yaml", spec("vendor.com/gpu").device("g", "B=1").yaml());
    write(dir, "c.yaml", spec("vendor.com/gpu").device("g", "C=1").yaml());

    Registry r = Registry.builder().specDirs(dir).build();

    assertThat(r.errors().get(dir.resolve("a.yaml"))).hasSize(2);
    assertThat(r.errors().get(dir.resolve("b.yaml"))).hasSize(1);
    assertThat(r.errors().get(dir.resolve("c.yaml")))
        .containsExactly("conflicting device \"vendor.com/gpu=g\" (specs \"" + dir.resolve("c.yaml") + "\", \"" + dir.resolve("a.yaml") + "\")");
  }
}
