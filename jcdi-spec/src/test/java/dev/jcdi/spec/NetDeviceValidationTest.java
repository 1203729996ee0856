package dev.jcdi.spec;

import static dev.jcdi.spec.Violations.asRead;
import static dev.jcdi.spec.Violations.assertOnlyError;
import static dev.jcdi.spec.Violations.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.Violation.Rule;
import org.junit.jupiter.api.Test;

/** netDevices: both names required; unique within one edit list (cdi-reference.md §1). */
class NetDeviceValidationTest {

  private static final String AT = "devices[0].containerEdits.netDevices";

  private static ContainerEdits net(NetDevice... d) {
    return ContainerEdits.builder().netDevices(d).build();
  }

  private static Spec spec(NetDevice... d) {
    return Specs.withDeviceEdits("1.1.0", net(d));
  }

  @Test
  void hostAndContainerNamesAreEnough() {
    assertValid(spec(NetDevice.of("eth0", "ctr0"), NetDevice.of("eth1", "ctr1")));
  }

  @Test
  void sameHostAndContainerNameIsValid() {
    assertValid(spec(NetDevice.of("eth0", "eth0")));
  }

  @Test
  void emptyHostInterfaceNameIsInvalid() {
    Violation v = assertOnlyError(spec(NetDevice.of("", "ctr0")), AT + "[0].hostInterfaceName", Rule.NET_DEVICE_NAME);
    assertThat(v.message()).contains("empty hostInterfaceName");
  }

  @Test
  void missingHostInterfaceNameIsARequiredField() {
    assertOnlyError(asRead(spec(NetDevice.of(null, "ctr0"))), AT + "[0].hostInterfaceName", Rule.REQUIRED_FIELD);
  }

  @Test
  void emptyNameIsInvalid() {
    Violation v = assertOnlyError(spec(NetDevice.of("eth0", "")), AT + "[0].name", Rule.NET_DEVICE_NAME);
    assertThat(v.message()).contains("empty name");
  }

  @Test
  void missingNameIsARequiredField() {
    assertOnlyError(asRead(spec(NetDevice.of("eth0", null))), AT + "[0].name", Rule.REQUIRED_FIELD);
  }

  @Test
  void duplicateHostInterfaceNameInOneListIsInvalid() {
    Violation v =
        assertOnlyError(spec(NetDevice.of("eth0", "a"), NetDevice.of("eth1", "b"), NetDevice.of("eth0", "c")),
            AT + "[2].hostInterfaceName", Rule.NET_DEVICE_DUPLICATE);
    assertThat(v.message()).contains("\"eth0\"").contains(AT + "[0]");
  }

  @Test
  void duplicateContainerNameInOneListIsInvalid() {
    Violation v = assertOnlyError(spec(NetDevice.of("eth0", "a"), NetDevice.of("eth1", "a")), AT + "[1].name", Rule.NET_DEVICE_DUPLICATE);
    assertThat(v.message()).contains("duplicate name \"a\"");
  }

  @Test
  void namesMayRepeatAcrossEditLists() {
    Spec spec =
        Spec.builder(Specs.KIND).version("1.1.0")
            .containerEdits(net(NetDevice.of("eth0", "a")))
            .device("d1", net(NetDevice.of("eth0", "a")))
            .device("d2", net(NetDevice.of("eth0", "a")))
            .build();
    assertValid(spec);
  }

  @Test
  void netDevicesNeedV110() {
    assertOnlyError(Specs.withDeviceEdits("1.0.0", net(NetDevice.of("eth0", "a"))), "cdiVersion", Rule.VERSION_TOO_LOW);
  }
}
