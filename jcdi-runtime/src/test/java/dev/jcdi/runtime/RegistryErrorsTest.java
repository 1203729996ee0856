package dev.jcdi.runtime;

import static dev.jcdi.runtime.RegistryFiles.spec;
import static dev.jcdi.runtime.RegistryFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that cannot be loaded is an error for its path and contributes nothing (cdi-reference.md §5). */
class RegistryErrorsTest {
  @TempDir Path tmp;

  @Test
  void unparsableFileIsRecordedWithItsPositionAndContributesNothing() {
    Path dir = tmp.resolve("cdi");
    write(dir, "bad.json", "{\"cdiVersion\": \"0.5.0\", \"kind\": \"vendor.com/gpu\",\n \"devices\": [ \n");
    write(dir, "good.yaml", spec("vendor.com/nic").device("n0", "N=0").yaml());

    Registry r = Registry.builder().specDirs(dir).build();

    assertThat(r.devices()).containsExactly("vendor.com/nic=n0");
    assertThat(r.vendors()).containsExactly("vendor.com");
    assertThat(r.classes()).containsExactly("nic");
    assertThat(r.errors()).containsOnlyKeys(dir.resolve("bad.json"));
    assertThat(r.errors().get(dir.resolve("bad.json"))).singleElement().asString().startsWith(dir.resolve("bad.json") + ":");
  }

  @Test
  void invalidSpecIsRecordedWithEveryErrorAndContributesNothing() {
    Path dir = tmp.resolve("cdi");
    // Parses, but breaks two rules: a device name with a space and an env entry without '='.
    write(dir, "invalid.yaml", spec("vendor.com/gpu").device("bad name", "NOEQUALS").device("ok", "A=1").yaml());

    Registry r = Registry.builder().specDirs(dir).build();

    assertThat(r.devices()).isEmpty();
    assertThat(r.specs()).isEmpty();
    assertThat(r.vendors()).isEmpty();
    List<String> errors = r.errors().get(dir.resolve("invalid.yaml"));
    assertThat(errors).hasSizeGreaterThanOrEqualTo(2);
    assertThat(errors).allSatisfy(e -> assertThat(e).matches(java.util.regex.Pattern.quote(dir.resolve("invalid.yaml").toString()) + ":\\d+:\\d+: .*"));
  }

  @Test
  void unknownFieldIsAnErrorNotIgnored() {
    Path dir = tmp.resolve("cdi");
    write(dir, "x.json", "{\"cdiVersion\":\"0.5.0\",\"kind\":\"vendor.com/gpu\",\"devices\":[{\"name\":\"g\",\"containerEdits\":{\"env\":[\"A=1\"]}}],\"extra\":1}");

    Registry r = Registry.builder().specDirs(dir).build();

    assertThat(r.devices()).isEmpty();
    assertThat(r.errors()).containsOnlyKeys(dir.resolve("x.json"));
  }

  @Test
  void fixingAFileClearsItsErrorAtTheNextRefresh() {
    Path dir = tmp.resolve("cdi");
    write(dir, "x.yaml", "devices: [");
    Registry r = Registry.builder().specDirs(dir).build();
    assertThat(r.errors()).containsOnlyKeys(dir.resolve("x.yaml"));

    write(dir, "x.yaml", spec("vendor.com/gpu").device("g", "A=1").yaml());
    r.refresh();

    assertThat(r.errors()).isEmpty();
    assertThat(r.devices()).containsExactly("vendor.com/gpu=g");
  }

  @Test
  void returnedViewsAreImmutable() {
    Path dir = tmp.resolve("cdi");
    write(dir, "x.yaml", "devices: [");
    write(dir, "y.yaml", spec("vendor.com/gpu").device("g", "A=1").yaml());
    Registry r = Registry.builder().specDirs(dir).build();

    assertThatThrownBy(() -> r.devices().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.errors().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.errors().get(dir.resolve("x.yaml")).clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.specs().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.specs("vendor.com").clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.vendors().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.classes().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aDirectoryListedTwiceReportsEachErrorOncePerListingAndClearsThemTogether() throws Exception {
    Path dir = tmp.resolve("cdi");
    Path bad = write(dir, "bad.json", "{");
    write(dir, "good.yaml", spec("vendor.com/nic").device("n0", "N=0").yaml());
    try (Registry r = Registry.builder().specDirs(dir, dir).build()) {
      assertThat(r.errors().get(bad)).hasSize(2); // as the reference's cache, which scans it twice
      write(dir, "bad.json", spec("vendor.com/gpu").device("g0", "G=0").json());
      r.refresh();
      assertThat(r.errors()).isEmpty();
      assertThat(r.devices()).containsExactly("vendor.com/gpu=g0", "vendor.com/nic=n0");
      write(dir, "bad.json", "[");
      r.refresh(List.of(bad));
      assertThat(r.errors().get(bad)).hasSize(2);
      java.nio.file.Files.delete(bad);
      r.refresh();
      assertThat(r.errors()).isEmpty();
    }
  }
}
