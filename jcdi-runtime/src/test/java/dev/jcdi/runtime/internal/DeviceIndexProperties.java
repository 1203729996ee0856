package dev.jcdi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.runtime.RegisteredDevice;
import dev.jcdi.runtime.RegisteredSpec;
import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.Device;
import dev.jcdi.spec.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The per-name index gives what the reference's whole-scan algorithm gives (cdi-reference.md §5),
 * after any sequence of file changes: the same winners and the same conflict errors on each file.
 */
class DeviceIndexProperties {
  private static final List<Path> DIRS = List.of(Path.of("/etc/cdi"), Path.of("/var/run/cdi"), Path.of("/run/x"));
  private static final List<String> FILES = List.of("a.json", "b.yaml", "c.json");
  private static final List<String> NAMES = List.of("d1", "d2", "d3", "d4");

  /** One change: file {@code file} of directory {@code dir} now defines {@code devices} (empty = removed). */
  record Change(int dir, String file, List<String> devices) {}

  @Provide
  Arbitrary<List<Change>> changes() {
    Arbitrary<Change> change =
        Combinators.combine(
                Arbitraries.integers().between(0, DIRS.size() - 1),
                Arbitraries.of(FILES),
                Arbitraries.of(NAMES).set().ofMaxSize(3).map(ArrayList::new))
            .as((d, f, n) -> new Change(d, f, List.copyOf(n)));
    return change.list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 300)
  void indexAgreesWithTheReferenceScanAfterEveryChange(@ForAll("changes") List<Change> changes) {
    DeviceIndex index = new DeviceIndex();
    Map<Path, CachedSpecFile> files = new HashMap<>();
    for (Change c : changes) {
      Path path = DIRS.get(c.dir()).resolve(c.file());
      CachedSpecFile now = c.devices().isEmpty() ? null : file(c.dir(), path, c.devices());
      CachedSpecFile old = now == null ? files.remove(path) : files.put(path, now);
      index.replace(old, now);
      index.resolveTouched();

      Map<String, Path> expectedWinners = new TreeMap<>();
      Map<Path, List<String>> expectedErrors = new HashMap<>();
      referenceScan(files, expectedWinners, expectedErrors);

      Map<String, Path> winners = new TreeMap<>();
      index.winners().forEach((n, d) -> winners.put(n, d.spec().path()));
      assertThat(winners).isEqualTo(expectedWinners);
      assertThat(index.winners().sortedNames()).isEqualTo(List.copyOf(expectedWinners.keySet()));
      Map<Path, Set<String>> errors = new HashMap<>();
      for (Path p : index.filesInConflict()) {
        errors.put(p, new LinkedHashSet<>(index.conflictErrors(p)));
        assertThat(index.conflictErrors(p)).hasSameSizeAs(expectedErrors.get(p));
      }
      Map<Path, Set<String>> expected = new HashMap<>();
      expectedErrors.forEach((p, l) -> expected.put(p, new LinkedHashSet<>(l)));
      assertThat(errors).isEqualTo(expected);
    }
  }

  /** The reference's refresh: files in scan order, later priority replaces, equal priority conflicts. */
  private static void referenceScan(Map<Path, CachedSpecFile> files, Map<String, Path> winnersOut, Map<Path, List<String>> errors) {
    List<CachedSpecFile> ordered = new ArrayList<>(files.values());
    ordered.sort(Comparator.comparingInt((CachedSpecFile f) -> f.spec.priority())
        .thenComparing(f -> f.path.getFileName().toString(), SpecCache.NAME_ORDER));
    Map<String, RegisteredDevice> winners = new HashMap<>();
    Set<String> conflicts = new LinkedHashSet<>();
    for (CachedSpecFile f : ordered) {
      for (RegisteredDevice d : f.devices) {
        RegisteredDevice old = winners.get(d.qualifiedName());
        if (old == null || old.spec().priority() < d.spec().priority()) {
          winners.put(d.qualifiedName(), d);
        } else if (old.spec().priority() == d.spec().priority()) {
          String m = "conflicting device \"" + d.qualifiedName() + "\" (specs \"" + f.path + "\", \"" + old.spec().path() + "\")";
          errors.computeIfAbsent(f.path, k -> new ArrayList<>()).add(m);
          errors.computeIfAbsent(old.spec().path(), k -> new ArrayList<>()).add(m);
          conflicts.add(d.qualifiedName());
        }
      }
    }
    winners.keySet().removeAll(conflicts);
    winners.forEach((n, d) -> winnersOut.put(n, d.spec().path()));
  }

  private static CachedSpecFile file(int priority, Path path, List<String> names) {
    Spec.Builder b = Spec.builder("vendor.com/class").version("0.3.0");
    for (String n : names) {
      b.device(Device.of(n, ContainerEdits.builder().env("X=" + n).build()));
    }
    Spec spec = b.build();
    RegisteredSpec rs = new RegisteredSpec(path, priority, spec, "vendor.com", "class");
    List<RegisteredDevice> devices = new ArrayList<>();
    for (Device d : spec.devices()) {
      devices.add(new RegisteredDevice("vendor.com/class=" + d.name(), d, rs));
    }
    return new CachedSpecFile(path, null, 0, null, rs, devices, List.of());
  }
}
