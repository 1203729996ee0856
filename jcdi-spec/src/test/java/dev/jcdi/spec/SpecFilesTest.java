package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jcdi.spec.SpecFiles.VersionPolicy;
import dev.jcdi.spec.SpecFiles.WriteOptions;
import dev.jcdi.spec.Violation.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The producer: atomic writes of valid specs with the lowest fitting version (cdi-reference.md §7). */
class SpecFilesTest {

  @TempDir Path dir;

  /** A spec that uses only device nodes, declared as the current version. */
  private static Spec nodeOnly(String kind) {
    return Spec.builder(kind).device("gpu0", ContainerEdits.builder().deviceNodes(DeviceNode.of("/dev/gpu0")).build()).build();
  }

  private static Spec read(Path p) throws IOException {
    return SpecReader.standard().read(p).spec();
  }

  private static final WriteOptions DEFAULT = WriteOptions.DEFAULT;

  // ---- version ----

  @Test
  void defaultWriteDeclaresTheMinimumVersion() throws IOException {
    Spec spec = nodeOnly("vendor.com/gpu");
    assertThat(spec.cdiVersion()).isEqualTo("1.1.0");
    Path p = SpecFiles.write(dir, spec);
    assertThat(p).isEqualTo(dir.resolve("vendor.com-gpu.yaml"));
    assertThat(Files.readString(p)).startsWith("---\ncdiVersion: \"0.3.0\"\n");
    assertThat(read(p)).isEqualTo(spec.withVersion(SpecVersion.V0_3_0));
  }

  @Test
  void minimumVersionFollowsTheFeaturesUsed() throws IOException {
    Spec spec = nodeOnly("vendor.com/gpu").toBuilder()
        .containerEdits(ContainerEdits.builder().mounts(new Mount("/a", "/b", null, Optional.of("bind"))).build()).build();
    assertThat(read(SpecFiles.write(dir, spec)).cdiVersion()).isEqualTo("0.4.0");
    Spec gids = nodeOnly("vendor.com/gpu").toBuilder().version("0.3.0")
        .containerEdits(ContainerEdits.builder().additionalGids(44).build()).build();
    // MINIMUM replaces a declared version that is too low
    assertThat(read(SpecFiles.write(dir, gids)).cdiVersion()).isEqualTo("0.7.0");
  }

  @Test
  void minimumPolicyReplacesAnUnknownDeclaredVersion() throws IOException {
    Spec spec = nodeOnly("vendor.com/gpu").toBuilder().version("not-a-version").build();
    assertThat(read(SpecFiles.write(dir, spec)).cdiVersion()).isEqualTo("0.3.0");
  }

  @Test
  void keepPolicyKeepsTheDeclaredVersion() throws IOException {
    Spec spec = nodeOnly("vendor.com/gpu").toBuilder().version("v1.0.0").build();
    Path p = SpecFiles.write(dir, spec, DEFAULT.withVersionPolicy(VersionPolicy.KEEP));
    assertThat(read(p).cdiVersion()).isEqualTo("v1.0.0");
  }

  @Test
  void keepPolicyRejectsAVersionTooLow() throws IOException {
    Spec spec = nodeOnly("vendor.com/gpu").toBuilder().version("0.6.0")
        .containerEdits(ContainerEdits.builder().additionalGids(44).build()).build();
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
        () -> SpecFiles.write(dir, spec, DEFAULT.withVersionPolicy(VersionPolicy.KEEP)));
    assertThat(e.violations()).extracting(Violation::rule).containsExactly(Rule.VERSION_TOO_LOW);
    assertThat(e.getMessage()).contains("the spec version must be at least v0.7.0");
    assertThat(Specs.list(dir)).isEmpty();
  }

  @Test
  void specWithOnlyWarningsIsWritten() throws IOException {
    Spec spec = Specs.withDeviceEdits("0.7.0", ContainerEdits.builder().intelRdt(new IntelRdt(Optional.of("c"), null, null, null, null, Optional.of(true), null)).build());
    Path p = SpecFiles.write(dir, spec, DEFAULT.withVersionPolicy(VersionPolicy.KEEP));
    assertThat(read(p).devices().get(0).containerEdits().intelRdt().orElseThrow().enableCMT()).contains(true);
  }

  // ---- mode ----

  @Test
  void defaultModeIs0644() throws IOException {
    Path p = SpecFiles.write(dir, nodeOnly("vendor.com/gpu"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-r--r--");
  }

  @Test
  void modeCanBeChosen() throws IOException {
    Path p = SpecFiles.write(dir, nodeOnly("vendor.com/gpu"), DEFAULT.withPermissions("rw-------"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
  }

  @Test
  void overwriteSetsTheModeOfTheNewFile() throws IOException {
    Path p = SpecFiles.write(dir, nodeOnly("vendor.com/gpu"), DEFAULT.withPermissions("rw-rw-rw-"));
    SpecFiles.write(dir, nodeOnly("vendor.com/gpu"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-r--r--");
  }

  // ---- names and formats ----

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"z, z.yaml", "z.yml, z.yml.yaml", "z.yaml, z.yaml", "z.json, z.json", "z.json.bak, z.json.bak.yaml", "z.JSON, z.JSON.yaml"})
  void yamlIsAppendedUnlessTheNameEndsInJsonOrYaml(String name, String file) throws IOException {
    Path p = SpecFiles.write(dir, nodeOnly("vendor.com/gpu"), DEFAULT.withFileName(name));
    assertThat(p).isEqualTo(dir.resolve(file));
    assertThat(Specs.list(dir)).containsExactly(file);
    assertThat(SpecFiles.withExtension(name)).isEqualTo(file);
  }

  @Test
  void jsonNameWritesJson() throws IOException {
    Path p = SpecFiles.write(dir, nodeOnly("vendor.com/gpu"), DEFAULT.withFileName("vendor.json"));
    assertThat(Files.readString(p)).startsWith("{\n  \"cdiVersion\": \"0.3.0\",");
    assertThat(SpecReader.standard().read(p).format()).isEqualTo(SpecFormat.JSON);
    assertThat(read(p).kind()).isEqualTo("vendor.com/gpu");
  }

  @Test
  void yamlNameWritesYaml() throws IOException {
    Path p = SpecFiles.write(dir, nodeOnly("vendor.com/gpu"), DEFAULT.withFileName("vendor"));
    assertThat(Files.readString(p)).startsWith("---\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "a/b", "../x", "/abs", ".yaml", ".json"})
  void fileNameMustBeAPlainName(String name) {
    assertThatThrownBy(() -> DEFAULT.withFileName(name)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingDirectoryIsCreated() throws IOException {
    Path sub = dir.resolve("run/cdi");
    Path p = SpecFiles.write(sub, nodeOnly("vendor.com/gpu"));
    assertThat(p).isEqualTo(sub.resolve("vendor.com-gpu.yaml")).isRegularFile();
  }

  @Test
  void specNameIsVendorDashClass() {
    assertThat(SpecFiles.specName(Kind.parse("vendor.com/gpu"))).isEqualTo("vendor.com-gpu");
    assertThat(SpecFiles.specName(nodeOnly("vendor.com/cl.ass"))).isEqualTo("vendor.com-cl.ass");
  }

  @Test
  void transientSpecNameAddsTheIdWithSlashesReplaced() {
    Kind k = Kind.parse("vendor.com/gpu");
    assertThat(SpecFiles.transientSpecName(k, "claim/1")).isEqualTo("vendor.com-gpu_claim_1");
    assertThat(SpecFiles.transientSpecName(k, "a/b/c")).isEqualTo("vendor.com-gpu_a_b_c");
    assertThat(SpecFiles.transientSpecName(k, "1")).isEqualTo("vendor.com-gpu_1");
  }

  @Test
  void transientSpecNameOfAnEmptyIdEndsInTheSeparatorAsTheReferenceDoes() {
    assertThat(SpecFiles.transientSpecName(Kind.parse("vendor.com/gpu"), "")).isEqualTo("vendor.com-gpu_");
    assertThatThrownBy(() -> SpecFiles.transientSpecName(Kind.parse("a/b"), null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void uniqueTransientSpecNameDiffersBetweenCalls() {
    Kind k = Kind.parse("vendor.com/gpu");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String n = SpecFiles.uniqueTransientSpecName(k);
      assertThat(n).startsWith("vendor.com-gpu_").doesNotContain("/");
      names.add(n);
    }
    assertThat(names).hasSize(100);
  }

  @Test
  void transientSpecsAreWrittenUnderTheirOwnNames() throws IOException {
    Kind k = Kind.parse("vendor.com/gpu");
    SpecFiles.write(dir, nodeOnly("vendor.com/gpu"), DEFAULT.withFileName(SpecFiles.transientSpecName(k, "claim/1")));
    SpecFiles.write(dir, nodeOnly("vendor.com/gpu"), DEFAULT.withFileName(SpecFiles.transientSpecName(k, "claim/2")));
    assertThat(Specs.list(dir)).containsExactly("vendor.com-gpu_claim_1.yaml", "vendor.com-gpu_claim_2.yaml");
  }

  // ---- invalid specs and failures leave nothing behind ----

  @Test
  void invalidSpecThrowsAndLeavesNoFile() throws IOException {
    Spec bad = Spec.builder("vendor.com/gpu").device("_bad", Specs.env("NOEQUALS")).build();
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> SpecFiles.write(dir, bad));
    assertThat(e.violations()).extracting(Violation::rule).containsExactly(Rule.DEVICE_NAME, Rule.ENV);
    assertThat(e.getMessage()).contains(dir.resolve("vendor.com-gpu.yaml").toString());
    assertThat(Specs.list(dir)).isEmpty();
  }

  @Test
  void specWithoutDevicesIsNotWritten() throws IOException {
    Spec bad = new Spec("1.1.0", "vendor.com/gpu", null, List.of(), null);
    assertThatThrownBy(() -> SpecFiles.write(dir, bad, DEFAULT.withFileName("x"))).isInstanceOf(InvalidSpecException.class);
    assertThat(Specs.list(dir)).isEmpty();
  }

  @Test
  void invalidKindThrowsInvalidSpecExceptionAndLeavesNoFile() throws IOException {
    Spec bad = nodeOnly("no-slash");
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> SpecFiles.write(dir, bad));
    assertThat(e.violations()).extracting(Violation::rule).containsExactly(Rule.KIND);
    Spec missingKind = nodeOnly("a/b").toBuilder().kind(null).build();
    assertThatThrownBy(() -> SpecFiles.write(dir, missingKind)).isInstanceOf(InvalidSpecException.class);
    assertThat(Specs.list(dir)).isEmpty();
  }

  @Test
  void overwriteFalseOnAnExistingFileFailsAndLeavesNoTempFile() throws IOException {
    Path p = SpecFiles.write(dir, nodeOnly("vendor.com/gpu"));
    String before = Files.readString(p);
    Spec other = nodeOnly("vendor.com/gpu").toBuilder().device("gpu1", Specs.env("X=1")).build();
    SpecWriteException e = catchThrowableOfType(SpecWriteException.class,
        () -> SpecFiles.write(dir, other, DEFAULT.withOverwrite(false)));
    assertThat(e.file()).isEqualTo(p);
    assertThat(e.getMessage()).contains("already exists");
    assertThat(Files.readString(p)).isEqualTo(before);
    assertThat(Specs.list(dir)).containsExactly("vendor.com-gpu.yaml");
  }

  @Test
  void overwriteFalseWritesANewFile() throws IOException {
    Path p = SpecFiles.write(dir, nodeOnly("vendor.com/gpu"), DEFAULT.withOverwrite(false));
    assertThat(read(p).kind()).isEqualTo("vendor.com/gpu");
    assertThat(Specs.list(dir)).containsExactly("vendor.com-gpu.yaml");
  }

  @Test
  void overwriteFalseNeverReplacesEvenWhatAppearsAfterTheCheck() throws IOException {
    // a dangling symlink passes the exists() check but is a name the no-replace link cannot take:
    // the failure comes after the temp file was written, and the temp file must go
    Path target = dir.resolve("vendor.com-gpu.yaml");
    Files.createSymbolicLink(target, dir.resolve("nowhere"));
    SpecWriteException e = catchThrowableOfType(SpecWriteException.class,
        () -> SpecFiles.write(dir, nodeOnly("vendor.com/gpu"), DEFAULT.withOverwrite(false)));
    assertThat(e.getMessage()).contains("already exists");
    assertThat(Specs.list(dir)).containsExactly("vendor.com-gpu.yaml");
    assertThat(Files.isSymbolicLink(target)).isTrue();
  }

  @Test
  void sameVendorsFileIsReplaced() throws IOException {
    SpecFiles.write(dir, nodeOnly("vendor.com/gpu"), DEFAULT.withFileName("shared"));
    Spec next = nodeOnly("vendor.com/nic");
    Path p = SpecFiles.write(dir, next, DEFAULT.withFileName("shared"));
    assertThat(read(p).kind()).isEqualTo("vendor.com/nic");
    assertThat(Specs.list(dir)).containsExactly("shared.yaml");
  }

  @Test
  void refusesToOverwriteAFileOfAnotherVendor() throws IOException {
    Path p = SpecFiles.write(dir, nodeOnly("other.com/gpu"), DEFAULT.withFileName("shared.yaml"));
    String before = Files.readString(p);
    SpecWriteException e = catchThrowableOfType(SpecWriteException.class,
        () -> SpecFiles.write(dir, nodeOnly("vendor.com/gpu"), DEFAULT.withFileName("shared.yaml")));
    assertThat(e.getMessage()).contains("belongs to vendor \"other.com\"").contains("\"vendor.com\"");
    assertThat(Files.readString(p)).isEqualTo(before);
    assertThat(Specs.list(dir)).containsExactly("shared.yaml");
  }

  @Test
  void unreadableExistingFileIsReplaced() throws IOException {
    Specs.write(dir, "vendor.com-gpu.yaml", "{{{ not yaml");
    Path p = SpecFiles.write(dir, nodeOnly("vendor.com/gpu"));
    assertThat(read(p).kind()).isEqualTo("vendor.com/gpu");
  }

  @Test
  void targetThatIsADirectoryFailsAndLeavesNoTempFile() throws IOException {
    Files.createDirectory(dir.resolve("vendor.com-gpu.yaml"));
    SpecWriteException e = catchThrowableOfType(SpecWriteException.class, () -> SpecFiles.write(dir, nodeOnly("vendor.com/gpu")));
    assertThat(e.getMessage()).contains("is a directory");
    assertThat(Specs.list(dir)).containsExactly("vendor.com-gpu.yaml");
    assertThat(dir.resolve("vendor.com-gpu.yaml")).isDirectory();
  }

  @Test
  void directoryPathThatIsAFileFailsAndCreatesNothing() throws IOException {
    Path notADir = Specs.write(dir, "plain-file", "x");
    assertThatThrownBy(() -> SpecFiles.write(notADir, nodeOnly("vendor.com/gpu"))).isInstanceOf(IOException.class);
    assertThat(Specs.list(dir)).containsExactly("plain-file");
    assertThat(Files.readString(notADir)).isEqualTo("x");
  }

  // ---- remove ----

  @Test
  void removeOfAMissingFileReturnsFalse() throws IOException {
    assertThat(SpecFiles.remove(dir, "absent")).isFalse();
    assertThat(SpecFiles.remove(dir.resolve("no-such-dir"), "absent.json")).isFalse();
  }

  @Test
  void removeDeletesTheFileWithTheSameNameRules() throws IOException {
    SpecFiles.write(dir, nodeOnly("vendor.com/gpu"), DEFAULT.withFileName("x"));
    SpecFiles.write(dir, nodeOnly("vendor.com/gpu"), DEFAULT.withFileName("y.json"));
    assertThat(SpecFiles.remove(dir, "x")).isTrue();
    assertThat(Specs.list(dir)).containsExactly("y.json");
    assertThat(SpecFiles.remove(dir, "y.json")).isTrue();
    assertThat(Specs.list(dir)).isEmpty();
    assertThat(SpecFiles.remove(dir, "y.json")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "../outside", "sub/x.yaml"})
  void removeTakesOnlyPlainFileNames(String name) throws IOException {
    Path outside = Specs.write(dir, "outside.yaml", "kept");
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Specs.write(sub, "x.yaml", "kept");
    assertThatThrownBy(() -> SpecFiles.remove(sub, name)).isInstanceOf(IllegalArgumentException.class);
    assertThat(outside).hasContent("kept");
    assertThat(sub.resolve("x.yaml")).hasContent("kept");
  }

  @Test
  void removeDoesNotDeleteADirectory() throws IOException {
    Files.createDirectory(dir.resolve("x.yaml"));
    assertThatThrownBy(() -> SpecFiles.remove(dir, "x")).isInstanceOf(SpecWriteException.class).hasMessageContaining("is a directory");
    assertThat(dir.resolve("x.yaml")).isDirectory();
  }

  // ---- concurrency ----

  @Test
  void concurrentWritersAlwaysLeaveACompleteValidFile() throws Exception {
    int writers = 8;
    int rounds = 25;
    List<Spec> specs = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      Spec.Builder b = Spec.builder("vendor.com/gpu");
      for (int d = 0; d <= w * 20; d++) {
        b.device("gpu" + d, Specs.env("WRITER=" + w, "PAD=" + "x".repeat(200)));
      }
      specs.add(b.build().withVersion(SpecVersion.V0_3_0));
    }
    Path target = dir.resolve("vendor.com-gpu.yaml");
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        Spec mine = specs.get(w);
        done.add(pool.submit((Callable<Void>) () -> {
          start.await();
          for (int r = 0; r < rounds; r++) {
            SpecFiles.write(dir, mine);
          }
          return null;
        }));
      }
      // a reader that checks every version of the file it sees while the writers run
      Future<Integer> reader = pool.submit(() -> {
        start.await();
        int seen = 0;
        while (writing.get()) {
          if (Files.exists(target)) {
            Spec s = read(target);
            assertThat(specs).contains(s);
            seen++;
          }
        }
        return seen;
      });
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      reader.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(specs).contains(read(target));
    assertThat(SpecValidator.validate(read(target))).isEmpty();
    assertThat(Specs.list(dir)).containsExactly("vendor.com-gpu.yaml");
  }
}
