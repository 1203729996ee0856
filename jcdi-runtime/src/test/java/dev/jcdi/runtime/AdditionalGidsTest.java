package dev.jcdi.runtime;

import dev.jcdi.oci.OciConfig;
import static dev.jcdi.runtime.TestConfigs.apply;
import static dev.jcdi.runtime.TestConfigs.assertApplies;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.ContainerEdits;
import org.junit.jupiter.api.Test;

class AdditionalGidsTest {

  private static ContainerEdits gids(long... gids) {
    return ContainerEdits.builder().additionalGids(gids).build();
  }

  @Test
  void gidsAreAddedCreatingProcessUser() {
    assertApplies("{}", gids(5, 6), "{'process':{'user':{'additionalGids':[5,6]}}}");
  }

  @Test
  void existingDuplicatesAreKeptAndNewOnesAddedOnce() {
    assertApplies(
        "{'process':{'user':{'uid':1,'gid':2,'additionalGids':[7,7]}}}",
        gids(7, 0, 8, 8),
        "{'process':{'user':{'uid':1,'gid':2,'additionalGids':[7,7,8]}}}");
  }

  @Test
  void gidZeroIsSkippedAndCreatesNothing() {
    assertThat(apply("{}", gids(0, 0)).toJson()).isEqualTo("{}\n");
  }

  @Test
  void aGidAlreadyPresentIsNotAddedAgain() {
    assertApplies("{'process':{'user':{'additionalGids':[3]}}}", gids(3), "{'process':{'user':{'additionalGids':[3]}}}");
  }

  @Test
  void theLargestUnsignedGidIsWrittenAsANumber() {
    OciConfig result = apply("{}", gids(4294967295L));
    assertThat(result.user().additionalGids()).containsExactly(4294967295L);
    assertThat(result.toJson()).contains("4294967295");
  }

  @Test
  void editsBuiltInCodeWithValuesOutOfRangeAreRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EditApplier.apply(TestConfigs.config("{}"), ContainerEdits.builder().additionalGids(-1L).build()))
        .isInstanceOf(InjectionException.class).hasMessageContaining("out of range");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EditApplier.apply(TestConfigs.config("{}"),
            ContainerEdits.builder().deviceNodes(dev.jcdi.spec.DeviceNode.charDevice("/dev/x", 1, 1).withFileMode(1L << 40)).build()))
        .isInstanceOf(InjectionException.class).hasMessageContaining("fileMode");
  }
}
