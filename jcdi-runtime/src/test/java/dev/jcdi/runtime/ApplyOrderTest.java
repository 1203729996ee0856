package dev.jcdi.runtime;

import dev.jcdi.oci.OciConfig;
import static dev.jcdi.runtime.TestConfigs.apply;
import static dev.jcdi.runtime.TestConfigs.assertApplies;
import static dev.jcdi.runtime.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.DeviceNode;
import dev.jcdi.spec.Hook;
import dev.jcdi.spec.IntelRdt;
import dev.jcdi.spec.Mount;
import dev.jcdi.spec.NetDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules that span the kinds of edits: no edits, the order of steps, all-or-nothing. */
class ApplyOrderTest {

  @Test
  void nullEditsReturnTheConfigUnchanged() throws Exception {
    OciConfig c = config("{'a':1}");
    assertThat(EditApplier.apply(c, null)).isSameAs(c);
  }

  @Test
  void emptyEditsChangeNothing() {
    assertThat(apply("{'b':[],'a':{}}", ContainerEdits.EMPTY).toJson()).isEqualTo(config("{'b':[],'a':{}}").toJson());
  }

  @Test
  void envAndADeviceInOneEdit() {
    assertApplies(
        "{}",
        ContainerEdits.builder().env("FOO=BAR").deviceNodes(new DeviceNode("/dev/null", null, Optional.of("c"), null, null, null, null, null, null)).build(),
        "{'process':{'env':['FOO=BAR']},'linux':{'devices':[{'path':'/dev/null','type':'c','major':1,'minor':3,'fileMode':438}],"
            + "'resources':{'devices':[{'allow':true,'type':'c','major':1,'minor':3,'access':'rwm'}]}}}");
  }

  @Test
  void missingContainersAreAddedInTheOrderOfTheSteps() {
    ContainerEdits all =
        ContainerEdits.builder()
            .additionalGids(9)
            .intelRdt(IntelRdt.ofClosId("c"))
            .hooks(Hook.of("poststop", "/bin/x"))
            .mounts(Mount.of("/h", "/m"))
            .netDevices(NetDevice.of("eth0", "n0"))
            .deviceNodes(DeviceNode.of("/dev/null"))
            .env("A=1")
            .build();
    JsonNode tree = apply("{'ociVersion':'1.2.0'}", all).tree();
    List<String> top = new ArrayList<>();
    tree.fieldNames().forEachRemaining(top::add);
    assertThat(top).containsExactly("ociVersion", "process", "linux", "mounts", "hooks");
    List<String> linux = new ArrayList<>();
    tree.get("linux").fieldNames().forEachRemaining(linux::add);
    assertThat(linux).containsExactly("devices", "resources", "netDevices", "intelRdt");
    List<String> process = new ArrayList<>();
    tree.get("process").fieldNames().forEachRemaining(process::add);
    assertThat(process).containsExactly("env", "user");
  }

  @Test
  void theUidOfDevicesIsReadFromTheConfigBeingEdited() {
    OciConfig result =
        apply("{'process':{'user':{'uid':7,'gid':8}}}", ContainerEdits.builder().env("A=1").deviceNodes(DeviceNode.of("/dev/zero")).build());
    assertThat(result.linuxDevices().get(0).uid()).hasValue(7);
    assertThat(result.linuxDevices().get(0).gid()).hasValue(8);
  }

  @Test
  void invalidEditsAreRejectedBeforeAnythingIsApplied() {
    OciConfig input = config("{}");
    ContainerEdits edits = ContainerEdits.builder().env("A=1").hooks(Hook.of("nope", "/bin/x")).build();
    assertThatThrownBy(() -> EditApplier.apply(input, edits)).isInstanceOf(InjectionException.class);
    assertThat(input.toJson()).isEqualTo("{}\n");
  }
}
