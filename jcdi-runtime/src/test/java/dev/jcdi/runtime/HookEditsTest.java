package dev.jcdi.runtime;

import dev.jcdi.oci.OciConfig;
import static dev.jcdi.runtime.TestConfigs.apply;
import static dev.jcdi.runtime.TestConfigs.assertApplies;
import static dev.jcdi.runtime.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.Hook;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HookEditsTest {

  private static ContainerEdits hooks(Hook... hooks) {
    return ContainerEdits.builder().hooks(hooks).build();
  }

  @Test
  void everyKindIsAppendedToItsOwnList() {
    assertApplies(
        "{}",
        hooks(
            new Hook("prestart", "/usr/local/bin/prestart-vendor-hook", List.of("--verbose"), List.of("VENDOR_ENV1=value1"), null),
            new Hook("createRuntime", "/usr/local/bin/cr-vendor-hook", List.of("--debug"), List.of("VENDOR_ENV2=value2"), null),
            new Hook("createContainer", "/usr/local/bin/cc-vendor-hook", List.of("--create"), List.of("VENDOR_ENV3=value3"), null),
            new Hook("startContainer", "/usr/local/bin/sc-vendor-hook", List.of("--start"), List.of("VENDOR_ENV4=value4"), null),
            new Hook("poststart", "/usr/local/bin/poststart-vendor-hook", null, List.of("VENDOR_ENV5=value5"), null),
            new Hook("poststop", "/usr/local/bin/poststop-vendor-hook", null, null, null)),
        "{'hooks':{"
            + "'prestart':[{'path':'/usr/local/bin/prestart-vendor-hook','args':['--verbose'],'env':['VENDOR_ENV1=value1']}],"
            + "'createRuntime':[{'path':'/usr/local/bin/cr-vendor-hook','args':['--debug'],'env':['VENDOR_ENV2=value2']}],"
            + "'createContainer':[{'path':'/usr/local/bin/cc-vendor-hook','args':['--create'],'env':['VENDOR_ENV3=value3']}],"
            + "'startContainer':[{'path':'/usr/local/bin/sc-vendor-hook','args':['--start'],'env':['VENDOR_ENV4=value4']}],"
            + "'poststart':[{'path':'/usr/local/bin/poststart-vendor-hook','env':['VENDOR_ENV5=value5']}],"
            + "'poststop':[{'path':'/usr/local/bin/poststop-vendor-hook'}]}}");
  }

  @Test
  void hooksAreAppendedAfterExistingOnesOfTheSameKind() {
    assertApplies(
        "{'hooks':{'poststop':[{'path':'/old','x':1}],'prestart':[{'path':'/p0'}]}}",
        hooks(Hook.of("prestart", "/p1"), Hook.of("prestart", "/p2"), Hook.of("createRuntime", "/c1")),
        "{'hooks':{'poststop':[{'path':'/old','x':1}],'prestart':[{'path':'/p0'},{'path':'/p1'},{'path':'/p2'}],"
            + "'createRuntime':[{'path':'/c1'}]}}");
  }

  @Test
  void theTimeoutIsWrittenAndTheHookNameIsNot() {
    OciConfig result = apply("{}", hooks(new Hook("poststart", "/bin/x", List.of("x", "-v"), null, OptionalLong.of(5L))));
    assertThat(result.hooks("poststart")).containsExactly(new OciConfig.HookEntry("/bin/x", List.of("x", "-v"), null, OptionalLong.of(5L)));
    assertThat(result.tree().at("/hooks/poststart/0/hookName").isMissingNode()).isTrue();
  }

  @Test
  void emptyArgsAndEnvAreOmitted() {
    assertApplies("{}", hooks(new Hook("poststop", "/bin/x", List.of(), List.of(), null)), "{'hooks':{'poststop':[{'path':'/bin/x'}]}}");
  }

  @Test
  void anUnknownHookNameIsRejected() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), hooks(Hook.of("misCreateRuntime", "/bin/x"))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("invalid hook name \"misCreateRuntime\"");
  }

  @Test
  void anEmptyPathIsRejected() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), hooks(Hook.of("prestart", ""))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("invalid hook \"prestart\" with empty path");
  }

  @Test
  void invalidHookEnvIsRejected() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), hooks(new Hook("poststart", "/bin/x", null, List.of("=value2"), null))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("invalid hook \"poststart\": invalid environment variable \"=value2\"");
  }
}
