package dev.jcdi.runtime;

import static dev.jcdi.runtime.TestConfigs.apply;
import static dev.jcdi.runtime.TestConfigs.assertApplies;
import static dev.jcdi.runtime.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.IntelRdt;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntelRdtEditsTest {

  private static ContainerEdits rdt(IntelRdt rdt) {
    return ContainerEdits.builder().intelRdt(rdt).build();
  }

  @Test
  void everyOciFieldIsWrittenAndTheRemovedOnesAreNot() {
    assertApplies(
        "{}",
        rdt(new IntelRdt(Optional.of("clos-1"), Optional.of("L3:0=ff"), Optional.of("MB:0=50"), Optional.ofNullable(List.of("L3:0=f", "MB:0=20")), Optional.of(true), Optional.of(true), Optional.of(true))),
        "{'linux':{'intelRdt':{'closID':'clos-1','l3CacheSchema':'L3:0=ff','memBwSchema':'MB:0=50',"
            + "'schemata':['L3:0=f','MB:0=20'],'enableMonitoring':true}}}");
  }

  @Test
  void anExistingIntelRdtIsReplacedEntirelyInPlace() {
    assertApplies(
        "{'linux':{'intelRdt':{'closID':'old','memBwSchema':'MB:0=50','x':1},'sysctl':{}}}",
        rdt(IntelRdt.ofClosId("new")),
        "{'linux':{'intelRdt':{'closID':'new'},'sysctl':{}}}");
  }

  @Test
  void theLastIntelRdtInMergedEditsWins() {
    ContainerEdits merged = rdt(IntelRdt.ofClosId("first")).append(ContainerEdits.builder().env("A=1").build()).append(rdt(IntelRdt.ofClosId("last")));
    assertThat(apply("{}", merged).intelRdt()).hasValueSatisfying(n -> assertThat(n.toString()).isEqualTo("{\"closID\":\"last\"}"));
  }

  @Test
  void emptyMembersAreOmittedLikeTheOciStruct() {
    assertApplies("{}", rdt(new IntelRdt(null, Optional.of(""), null, Optional.ofNullable(List.of()), Optional.of(false), null, null)), "{'linux':{'intelRdt':{}}}");
  }

  @Test
  void theRootClassIsAccepted() {
    assertApplies("{}", rdt(IntelRdt.ofClosId("/")), "{'linux':{'intelRdt':{'closID':'/'}}}");
  }

  @Test
  void anInvalidClosIdIsRejected() {
    for (String bad : List.of("foo/bar", ".", "..", "a\nb", "x".repeat(4096))) {
      assertThatThrownBy(() -> EditApplier.apply(config("{}"), rdt(IntelRdt.ofClosId(bad))))
          .as(bad)
          .isInstanceOf(InjectionException.class)
          .hasMessageStartingWith("invalid ClosID");
    }
  }
}
