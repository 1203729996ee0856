package dev.jcdi.runtime;

import dev.jcdi.oci.OciConfig;
import static dev.jcdi.runtime.TestConfigs.apply;
import static dev.jcdi.runtime.TestConfigs.assertApplies;
import static dev.jcdi.runtime.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.NetDevice;
import org.junit.jupiter.api.Test;

class NetDeviceEditsTest {

  private static ContainerEdits net(NetDevice... devices) {
    return ContainerEdits.builder().netDevices(devices).build();
  }

  @Test
  void aNetDeviceIsKeyedByItsHostInterfaceName() {
    assertApplies(
        "{}",
        net(NetDevice.of("eth0", "ctr0"), NetDevice.of("eth1", "ctr1")),
        "{'linux':{'netDevices':{'eth0':{'name':'ctr0'},'eth1':{'name':'ctr1'}}}}");
  }

  @Test
  void theSameHostInterfaceIsOverwrittenInPlaceAndOthersKept() {
    assertApplies(
        "{'linux':{'netDevices':{'eth0':{'name':'old','extra':1},'eth9':{'name':'keep'}}}}",
        net(NetDevice.of("eth0", "new")),
        "{'linux':{'netDevices':{'eth0':{'name':'new'},'eth9':{'name':'keep'}}}}");
  }

  @Test
  void netDevicesGoAfterExistingLinuxMembers() {
    assertApplies(
        "{'linux':{'namespaces':[{'type':'network'}]}}",
        net(NetDevice.of("eth0", "ctr0")),
        "{'linux':{'namespaces':[{'type':'network'}],'netDevices':{'eth0':{'name':'ctr0'}}}}");
  }

  @Test
  void theViewMapsHostToContainerNames() {
    assertThat(apply("{}", net(NetDevice.of("eth0", "ctr0"))).netDevices()).containsExactly(java.util.Map.entry("eth0", "ctr0"));
  }

  @Test
  void mergedEditsRepeatingAHostInterfaceLetTheLastWin() throws Exception {
    // Uniqueness holds within one spec's edits list (the validator); two requested devices may
    // name the same interface, and the reference's map assignment lets the last one win.
    assertApplies(
        "{}",
        net(NetDevice.of("eth0", "a"), NetDevice.of("eth1", "x"), NetDevice.of("eth0", "b")),
        "{'linux':{'netDevices':{'eth0':{'name':'b'},'eth1':{'name':'x'}}}}");
  }

  @Test
  void registryInjectsTwoDevicesMovingTheSameInterface(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.writeString(
        dir.resolve("net.json"),
        "{\"cdiVersion\": \"1.1.0\", \"kind\": \"vendor.com/net\", \"devices\": ["
            + "{\"name\": \"a\", \"containerEdits\": {\"netDevices\": [{\"hostInterfaceName\": \"eth0\", \"name\": \"a0\"}]}},"
            + "{\"name\": \"b\", \"containerEdits\": {\"netDevices\": [{\"hostInterfaceName\": \"eth0\", \"name\": \"b0\"}]}}]}");
    try (Registry r = Registry.builder().specDirs(dir).build()) {
      assertThat(r.errors()).isEmpty();
      OciConfig out = r.inject(config("{}"), "vendor.com/net=a", "vendor.com/net=b");
      assertThat(out.netDevices()).containsExactly(java.util.Map.entry("eth0", "b0"));
    }
  }

  @Test
  void emptyNamesAreRejected() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), net(NetDevice.of("", "a"))))
        .hasMessage("invalid linux net device, empty HostInterfaceName");
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), net(NetDevice.of("eth0", ""))))
        .hasMessage("invalid linux net device, empty Name");
  }
}
