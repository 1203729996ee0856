package dev.jcdi.runtime;

import static dev.jcdi.runtime.RegistryFiles.spec;
import static dev.jcdi.runtime.RegistryFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names are bytes: a spec file whose name has no Java text that names it (invalid UTF-8 here,
 * any non-ASCII name under the C locale, see the CLI's HostileHostTest) is one error for that file,
 * never an exception out of build() or refresh, and never skipped silently.
 */
class RegistryFileNamesTest {
  @TempDir Path tmp;

  private static void rename(Path dir, String from, String printfName) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "cd '" + dir + "' && mv '" + from + "' \"$(printf '" + printfName + "')\"")
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
  }

  @Test
  void aNameWithInvalidUtf8IsOneErrorForThatFile() throws Exception {
    Path dir = tmp.resolve("cdi");
    write(dir, "ok.json", spec("vendor.com/ok").device("d", "A=1").json());
    write(dir, "bad.tmpl", spec("vendor.com/bad").device("d", "B=1").json());
    write(dir, "worse.tmpl", spec("vendor.com/worse").device("d", "C=1").json());
    rename(dir, "bad.tmpl", "bad\\377.json");
    rename(dir, "worse.tmpl", "bad\\376.json"); // the same Java text as the other: still two files, two errors

    Registry r = Registry.builder().specDirs(dir).build();

    assertThat(r.devices()).containsExactly("vendor.com/ok=d");
    Map<Path, List<String>> errors = r.errors();
    assertThat(errors).hasSize(2);
    assertThat(errors.values()).flatExtracting(l -> l)
        .anyMatch(e -> e.contains("file name \"bad\\xff.json\" is not valid in the file name encoding"))
        .anyMatch(e -> e.contains("file name \"bad\\xfe.json\" is not valid in the file name encoding"));
    errors.forEach((path, list) -> assertThat(list).hasSize(1).allMatch(e -> e.startsWith(path + ": ")));

    r.refresh(); // unchanged: same errors, nothing thrown
    assertThat(r.errors()).isEqualTo(errors);
    try (var s = Files.newDirectoryStream(dir, "bad*")) {
      for (Path p : s) {
        Files.delete(p); // the listed path holds the bytes
      }
    }
    r.refresh();
    assertThat(r.errors()).isEmpty();
  }
}
