package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeCommandLineTest {
  private static RuntimeCommandLine parse(Map<String, String> env, String... args) throws Exception {
    return RuntimeCommandLine.parse(List.of(args), env);
  }

  private static RuntimeCommandLine parse(String... args) throws Exception {
    return parse(Map.of(), args);
  }

  @Test
  void shimOptionsInBothFormsAreTakenAndRemovedForTheDelegate() throws Exception {
    RuntimeCommandLine cl = parse(
        "--cdi-spec-dir", "/a", "--root", "/run/x", "--cdi-spec-dir=/b", "--log=/l.json", "--cdi-delegate=/usr/sbin/crun",
        "--log-format", "json", "--systemd-cgroup", "-cdi-log", "/c.log", "create", "--bundle", "/bun", "id1");
    assertThat(cl.shim().specDirs()).containsExactly(Path.of("/a"), Path.of("/b"));
    assertThat(cl.shim().delegate()).isEqualTo("/usr/sbin/crun");
    assertThat(cl.shim().cdiLog()).isEqualTo(Path.of("/c.log"));
    assertThat(cl.delegateArgs()).containsExactly(
        "--root", "/run/x", "--log=/l.json", "--log-format", "json", "--systemd-cgroup", "create", "--bundle", "/bun", "id1");
    assertThat(cl.log()).isEqualTo(Path.of("/l.json"));
    assertThat(cl.jsonLog()).isTrue();
    assertThat(cl.subcommand()).isEqualTo("create");
    assertThat(cl.bundle()).isEqualTo(Path.of("/bun"));
    assertThat(cl.containerId()).isEqualTo("id1");
    assertThat(cl.creates()).isTrue();
  }

  @Test
  void booleanGlobalFlagsTakeNoValueSoTheSubcommandIsFound() throws Exception {
    RuntimeCommandLine cl = parse("--debug", "--systemd-cgroup=true", "state", "id");
    assertThat(cl.subcommand()).isEqualTo("state");
    assertThat(cl.creates()).isFalse();
    assertThat(cl.containerId()).isNull();
    assertThat(cl.delegateArgs()).containsExactly("--debug", "--systemd-cgroup=true", "state", "id");
  }

  @Test
  void createOptionsWithValuesAreSkippedToTheContainerId() throws Exception {
    RuntimeCommandLine cl = parse("run", "--console-socket", "/s.sock", "-d", "--pid-file=/p", "--preserve-fds", "2",
        "--no-pivot", "-b", "bundle dir", "c-1");
    assertThat(cl.bundle()).isEqualTo(Path.of("bundle dir"));
    assertThat(cl.containerId()).isEqualTo("c-1");
    assertThat(cl.configFile(Path.of("/work"))).isEqualTo(Path.of("/work/bundle dir/config.json"));
  }

  @Test
  void withoutABundleTheConfigIsInTheWorkingDirectoryAsRuncHasIt() throws Exception {
    RuntimeCommandLine cl = parse("create", "--bundle=/x", "--", "id");
    assertThat(cl.containerId()).isEqualTo("id");
    assertThat(parse("create", "id").configFile(Path.of("/cwd"))).isEqualTo(Path.of("/cwd/config.json"));
  }

  @Test
  void shimOptionsAfterTheSubcommandAreTheDelegatesBusiness() throws Exception {
    RuntimeCommandLine cl = parse("create", "--cdi-spec-dir", "/a", "id");
    assertThat(cl.shim().specDirs()).isEmpty();
    assertThat(cl.delegateArgs()).containsExactly("create", "--cdi-spec-dir", "/a", "id");
  }

  @Test
  void theEnvironmentFillsWhatTheCommandLineDoesNotGive() throws Exception {
    Map<String, String> env = Map.of("CDI_SPEC_DIRS", "/e1::/e2", "CDI_RUNTIME_DELEGATE", "/bin/crun");
    RuntimeCommandLine cl = parse(env, "create", "id");
    assertThat(cl.shim().specDirs()).containsExactly(Path.of("/e1"), Path.of("/e2"));
    assertThat(cl.shim().delegate()).isEqualTo("/bin/crun");
    RuntimeCommandLine given = parse(env, "--cdi-spec-dir", "/o", "--cdi-delegate", "runc", "create", "id");
    assertThat(given.shim().specDirs()).containsExactly(Path.of("/o"));
    assertThat(given.shim().delegate()).isEqualTo("runc");
  }

  @Test
  void anUnknownShimOptionOrAMissingValueIsAUsageError() {
    assertThatThrownBy(() -> parse("--cdi-spec-dirs", "/a", "create", "id"))
        .isInstanceOf(RuntimeCommandLine.UsageException.class)
        .hasMessageContaining("unknown option --cdi-spec-dirs");
    assertThatThrownBy(() -> parse("--cdi-log"))
        .isInstanceOf(RuntimeCommandLine.UsageException.class)
        .hasMessage("--cdi-log needs a value");
    assertThatThrownBy(() -> parse("--cdi-spec-dir=", "state", "x"))
        .hasMessage("--cdi-spec-dir needs a non-empty value");
  }

  @Test
  void aTrailingValueOptionIsPassedOnForTheDelegateToRefuse() throws Exception {
    RuntimeCommandLine cl = parse("--root");
    assertThat(cl.subcommand()).isNull();
    assertThat(cl.delegateArgs()).containsExactly("--root");
  }
}
