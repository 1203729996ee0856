package dev.jcdi.runtime;

import static dev.jcdi.runtime.RegistryFiles.spec;
import static dev.jcdi.runtime.RegistryFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vendors, classes, specs and devices as the registry lists them. */
class RegistryListingsTest {
  @TempDir Path tmp;

  @Test
  void listingsAreSortedAndDistinctAndSpecsAreInScanOrder() {
    Path etc = tmp.resolve("etc");
    Path run = tmp.resolve("run");
    write(etc, "z.yaml", spec("zeta.io/gpu").device("0", "Z=0").yaml());
    write(etc, "b.yaml", spec("acme.com/nic").device("eth1", "A=1").device("eth0", "A=0").yaml());
    write(run, "a.yaml", spec("acme.com/gpu").device("1", "G=1").yaml());
    write(run, "c.json", spec("acme.com/gpu").device("0", "G=0").json());

    Registry r = Registry.builder().specDirs(etc, run).build();

    assertThat(r.devices()).containsExactly("acme.com/gpu=0", "acme.com/gpu=1", "acme.com/nic=eth0", "acme.com/nic=eth1", "zeta.io/gpu=0");
    assertThat(r.vendors()).containsExactly("acme.com", "zeta.io");
    assertThat(r.classes()).containsExactly("gpu", "nic");
    assertThat(r.specs()).extracting(RegisteredSpec::path)
        .containsExactly(etc.resolve("b.yaml"), etc.resolve("z.yaml"), run.resolve("a.yaml"), run.resolve("c.json"));
    assertThat(r.specs("acme.com")).extracting(RegisteredSpec::path)
        .containsExactly(etc.resolve("b.yaml"), run.resolve("a.yaml"), run.resolve("c.json"));
    assertThat(r.specs("acme.com")).extracting(RegisteredSpec::priority).containsExactly(0, 1, 1);
    assertThat(r.specs("zeta.io")).singleElement().satisfies(s -> {
      assertThat(s.vendor()).isEqualTo("zeta.io");
      assertThat(s.className()).isEqualTo("gpu");
      assertThat(s.kind()).isEqualTo("zeta.io/gpu");
    });
    assertThat(r.specs("nobody.org")).isEmpty();
    assertThat(r.registeredDevices()).extracting(RegisteredDevice::qualifiedName).containsExactlyElementsOf(r.devices());
    assertThat(r.registeredDevices().get(0).spec().path()).isEqualTo(run.resolve("c.json"));
  }

  @Test
  void lookupIsExactWithoutNormalization() {
    Path dir = tmp.resolve("cdi");
    write(dir, "a.yaml", spec("vendor.com/gpu").device("g0", "G=0").yaml());
    Registry r = Registry.builder().specDirs(dir).build();

    assertThat(r.device("vendor.com/gpu=g0")).isPresent();
    assertThat(r.device("Vendor.com/gpu=g0")).isEmpty();
    assertThat(r.device("vendor.com/gpu=g0 ")).isEmpty();
    assertThat(r.device("g0")).isEmpty();
  }

  @Test
  void emptyRegistryListsNothing() {
    Registry r = Registry.builder().specDirs(tmp.resolve("none")).build();

    assertThat(r.devices()).isEmpty();
    assertThat(r.vendors()).isEmpty();
    assertThat(r.classes()).isEmpty();
    assertThat(r.specs()).isEmpty();
    assertThat(r.errors()).isEmpty();
  }
}
