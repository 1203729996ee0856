package dev.jcdi.runtime;

import dev.jcdi.oci.OciConfig;
import static dev.jcdi.runtime.TestConfigs.apply;
import static dev.jcdi.runtime.TestConfigs.assertApplies;
import static dev.jcdi.runtime.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jcdi.spec.ContainerEdits;
import org.junit.jupiter.api.Test;

class EnvEditsTest {

  private static ContainerEdits env(String... entries) {
    return ContainerEdits.builder().env(entries).build();
  }

  @Test
  void envIsAddedToAnEmptyConfigCreatingProcess() {
    assertApplies("{}", env("BAR=BARVALUE1"), "{'process':{'env':['BAR=BARVALUE1']}}");
  }

  @Test
  void newKeysAreAppendedInOrder() {
    assertApplies(
        "{'process':{'env':['PATH=/bin']}}",
        env("B=2", "A=1"),
        "{'process':{'env':['PATH=/bin','B=2','A=1']}}");
  }

  @Test
  void existingKeyIsReplacedInPlace() {
    assertApplies(
        "{'process':{'env':['A=1','FOO=old','B=2']}}",
        env("FOO=new"),
        "{'process':{'env':['A=1','FOO=new','B=2']}}");
  }

  @Test
  void duplicateKeysInTheEditsLastWinsAtTheFirstPosition() {
    assertApplies(
        "{'process':{'env':['X=0']}}",
        env("A=1", "B=1", "A=2"),
        "{'process':{'env':['X=0','A=2','B=1']}}");
  }

  @Test
  void onlyTheLastExistingOccurrenceOfAKeyIsReplaced() {
    assertApplies(
        "{'process':{'env':['A=1','B=1','A=2']}}",
        env("A=3"),
        "{'process':{'env':['A=1','B=1','A=3']}}");
  }

  @Test
  void theKeyIsTheTextBeforeTheFirstEqualsSign() {
    assertApplies(
        "{'process':{'env':['A=b=c','AB=1']}}",
        env("A=x=y"),
        "{'process':{'env':['A=x=y','AB=1']}}");
  }

  @Test
  void anExistingEntryWithoutEqualsSignIsItsOwnKey() {
    assertApplies(
        "{'process':{'env':['NOVALUE','A=1']}}",
        env("NOVALUE=now"),
        "{'process':{'env':['NOVALUE=now','A=1']}}");
  }

  @Test
  void envGoesAfterTheOtherProcessMembersWhichKeepTheirPlace() {
    assertApplies(
        "{'process':{'terminal':false,'cwd':'/'},'root':{'path':'rootfs'}}",
        env("A=1"),
        "{'process':{'terminal':false,'cwd':'/','env':['A=1']},'root':{'path':'rootfs'}}");
  }

  @Test
  void nullEnvIsTreatedAsAbsentAndReplacedInPlace() {
    assertApplies(
        "{'process':{'env':null,'cwd':'/'}}",
        env("A=1"),
        "{'process':{'env':['A=1'],'cwd':'/'}}");
  }

  @Test
  void noEnvEditsCreateNothing() {
    assertThat(apply("{}", ContainerEdits.builder().build()).toJson()).isEqualTo("{}\n");
    assertThat(apply("{}", new ContainerEdits(java.util.List.of(), null, null, null, null, null, null)).toJson())
        .isEqualTo("{}\n");
  }

  @Test
  void anEntryWithoutEqualsSignIsRejected() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), env("FOOBAR")))
        .isInstanceOf(InjectionException.class)
        .hasMessage("invalid container edits: invalid environment variable \"FOOBAR\"");
  }

  @Test
  void anEntryWithAnEmptyKeyIsRejected() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), env("=foo")))
        .isInstanceOf(InjectionException.class)
        .hasMessage("invalid container edits: invalid environment variable \"=foo\"");
  }

  @Test
  void theEnvViewListsTheResult() {
    OciConfig result = apply("{'process':{'env':['A=1']}}", env("B=2", "A=3"));
    assertThat(result.env()).containsExactly("A=3", "B=2");
  }
}
