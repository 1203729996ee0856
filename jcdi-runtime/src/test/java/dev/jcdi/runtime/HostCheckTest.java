package dev.jcdi.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.DeviceNode;
import dev.jcdi.spec.Hook;
import dev.jcdi.spec.Mount;
import dev.jcdi.spec.Spec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCheckTest {
  @TempDir Path tmp;

  @Test
  void aNodeThatMatchesTheHostIsFineAndOneThatMovedIsNot() {
    Spec spec = Spec.builder("example.com/x")
        .device("good", ContainerEdits.builder().deviceNodes(DeviceNode.charDevice("/dev/null", 1, 3), DeviceNode.of("/dev/zero")).build())
        .device("moved", ContainerEdits.builder().deviceNodes(DeviceNode.charDevice("/dev/null", 1, 4)).build())
        .build();
    Map<String, List<HostCheck.Problem>> r = HostCheck.check(spec);
    assertThat(r.get("good")).isEmpty();
    assertThat(r.get("moved")).containsExactly(new HostCheck.Problem("devices[1].containerEdits.deviceNodes[0]",
        "device node /dev/null is 1:3 on the host, 1:4 in the spec (minor 4 moved to 3)"));
  }

  @Test
  void specWideProblemsCountForEveryDevice() {
    Spec spec = Spec.builder("example.com/x")
        .device("a", ContainerEdits.builder().env("A=1").build())
        .device("b", ContainerEdits.builder().env("B=1").build())
        .containerEdits(ContainerEdits.builder().mounts(Mount.bind(tmp + "/none", "/x")).hooks(Hook.of("prestart", tmp + "/hook")).build())
        .build();
    Map<String, List<HostCheck.Problem>> r = HostCheck.check(spec);
    assertThat(r.get("a")).extracting(HostCheck.Problem::field).containsExactly("containerEdits.mounts[0].hostPath", "containerEdits.hooks[0].path");
    assertThat(r.get("b")).isEqualTo(r.get("a"));
  }
}
