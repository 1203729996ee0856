package dev.jcdi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.oci.OciConfig;
import dev.jcdi.runtime.Registry;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {
  @TempDir Path tmp;

  @Test
  void gpuNodesHaveTheShapeOfDesignMdAndLoadWithoutErrors() throws Exception {
    List<Path> files = Corpus.gpuNodes(tmp.resolve("gpu"));

    assertThat(files).hasSize(20);
    assertThat(files.stream().filter(f -> f.toString().endsWith(".json"))).hasSize(10);
    Spec spec = SpecReader.standard().read(files.get(3)).spec();
    assertThat(spec.devices()).hasSize(9);
    assertThat(spec.containerEdits().mounts()).hasSize(40)
        .allSatisfy(m -> assertThat(m.hostPath()).matches("/usr/lib/x86_64-linux-gnu/lib.*\\.so\\.[0-9.]+"));
    assertThat(spec.containerEdits().hooks()).hasSize(3);
    assertThat(spec.devices()).allSatisfy(d -> assertThat(d.containerEdits().deviceNodes())
        .allSatisfy(n -> assertThat(n.type()).contains("c")));

    try (Registry r = Registry.builder().specDirs(tmp.resolve("gpu")).build()) {
      assertThat(r.errors()).isEmpty();
      assertThat(r.devices()).hasSize(180).containsAll(Corpus.gpuNodeDevices(19));
      assertThat(r.vendors()).hasSize(20);
      // what InjectBenchmark does
      OciConfig config = OciConfig.parse(InjectBenchmark.runcDefaultConfig());
      OciConfig out = r.inject(config, InjectBenchmark.DEVICES);
      assertThat(out.mounts()).hasSize(config.mounts().size() + 40);
      assertThat(out.linuxDevices()).hasSize(6);
    }
  }

  @Test
  void transientSpecsAreDeterministicOneDeviceEachAndLoadWithoutErrors() throws Exception {
    List<Path> a = Corpus.transientSpecs(tmp.resolve("a"), 40);
    List<Path> b = Corpus.transientSpecs(tmp.resolve("b"), 40);

    List<String> names = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).getFileName()).isEqualTo(b.get(i).getFileName());
      assertThat(Files.readAllBytes(a.get(i))).isEqualTo(Files.readAllBytes(b.get(i)));
      names.add(a.get(i).getFileName().toString());
    }
    assertThat(names.get(0)).startsWith("k8s.dra.example.com-claim_").endsWith(".json");
    assertThat(names.get(1)).endsWith(".yaml");
    try (Registry r = Registry.builder().specDirs(tmp.resolve("a")).build()) {
      assertThat(r.errors()).isEmpty();
      assertThat(r.devices()).hasSize(40).contains(Corpus.transientDevice(7));
    }
  }
}
