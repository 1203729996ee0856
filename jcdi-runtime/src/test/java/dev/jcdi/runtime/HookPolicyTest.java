package dev.jcdi.runtime;

import static dev.jcdi.runtime.RegistryFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jcdi.oci.OciConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hook allowlist: which programs injected hooks may run (issue 9 item 7). */
class HookPolicyTest {
  @TempDir Path tmp;
  private Path dir;
  private Path hooked;
  private OciConfig config;

  @BeforeEach
  void specs() throws Exception {
    dir = tmp.resolve("cdi");
    hooked = write(dir, "hooked.json", "{\"cdiVersion\":\"0.5.0\",\"kind\":\"vendor.com/hooked\","
        + "\"containerEdits\":{\"hooks\":[{\"hookName\":\"createContainer\",\"path\":\"/usr/bin/spec-hook\"}]},"
        + "\"devices\":[{\"name\":\"a\",\"containerEdits\":{\"hooks\":[{\"hookName\":\"prestart\",\"path\":\"/opt/vendor/bin/dev-hook\"}]}},"
        + "{\"name\":\"b\",\"containerEdits\":{\"env\":[\"B=1\"]}}]}");
    write(dir, "plain.json", "{\"cdiVersion\":\"0.3.0\",\"kind\":\"vendor.com/plain\","
        + "\"devices\":[{\"name\":\"p\",\"containerEdits\":{\"env\":[\"P=1\"]}}]}");
    config = OciConfig.parse("{\"ociVersion\":\"1.2.0\",\"process\":{\"env\":[\"PATH=/bin\"]}}");
  }

  private Registry registry(HookPolicy policy) {
    return Registry.builder().specDirs(dir).hookPolicy(policy).build();
  }

  @Test
  void everyHookIsAllowedByDefaultAsTheReference() throws Exception {
    Registry r = Registry.builder().specDirs(dir).build();
    assertThat(r.hookPolicy()).isEqualTo(HookPolicy.allowAll());
    assertThat(HookPolicy.allowAll().allowsAll()).isTrue();
    OciConfig out = r.inject(config, "vendor.com/hooked=a");
    assertThat(out.hooks("createContainer")).extracting(OciConfig.HookEntry::path).containsExactly("/usr/bin/spec-hook");
  }

  @Test
  void devicesWhoseHooksAreAllowedAreInjected() throws Exception {
    Registry r = registry(HookPolicy.allowing("/usr/bin/*", "/opt/vendor/**"));
    OciConfig out = r.inject(config, "vendor.com/hooked=a", "vendor.com/plain=p");
    assertThat(out.hooks("prestart")).extracting(OciConfig.HookEntry::path).containsExactly("/opt/vendor/bin/dev-hook");
  }

  @Test
  void aDeviceHookOutsideTheAllowlistRefusesTheDeviceNamingSpecDeviceAndHook() {
    Registry r = registry(HookPolicy.allowing("/usr/bin/*"));
    String before = config.toJson();
    assertThatThrownBy(() -> r.inject(config, "vendor.com/plain=p", "vendor.com/hooked=a"))
        .isInstanceOfSatisfying(HookNotAllowedException.class, e -> {
          assertThat(e).isInstanceOf(InjectionException.class);
          assertThat(e.refusals()).containsExactly(new HookNotAllowedException.Refusal(
              "vendor.com/hooked=a", hooked, "prestart", "/opt/vendor/bin/dev-hook", "no allowed hook glob matches it"));
          assertThat(e.getMessage()).contains("vendor.com/hooked=a", hooked.toString(), "prestart", "/opt/vendor/bin/dev-hook");
        });
    assertThat(config.toJson()).isEqualTo(before);
  }

  @Test
  void theSpecsOwnHooksCountForEveryDeviceOfIt() {
    Registry r = registry(HookPolicy.allowing("/opt/vendor/**"));
    assertThatThrownBy(() -> r.inject(config, "vendor.com/hooked=b", "vendor.com/hooked=b"))
        .isInstanceOfSatisfying(HookNotAllowedException.class, e -> assertThat(e.refusals())
            .extracting(HookNotAllowedException.Refusal::device, HookNotAllowedException.Refusal::hookPath)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("vendor.com/hooked=b", "/usr/bin/spec-hook")));
  }

  @Test
  void anEmptyAllowlistAllowsNoHookButDevicesWithoutHooks() throws Exception {
    Registry r = registry(HookPolicy.allowing(List.of()));
    assertThat(r.inject(config, "vendor.com/plain=p").env()).contains("P=1");
    assertThatThrownBy(() -> r.inject(config, "vendor.com/hooked=a"))
        .isInstanceOf(HookNotAllowedException.class)
        .hasMessageContaining("the hook policy allows no hooks");
  }

  @ParameterizedTest(name = "{0} allows {1}: {2}")
  @CsvSource({
    "/usr/bin/*, /usr/bin/hook, true",
    "/usr/bin/*, /usr/bin/sub/hook, false",
    "/usr/bin/*, /usr/bin, false",
    "/usr/bin/nvidia-*, /usr/bin/nvidia-ctk, true",
    "/usr/bin/nvidia-*, /usr/bin/other, false",
    "/usr/bin/hook, /usr/bin/hook, true",
    "/usr/bin/hoo?, /usr/bin/hook, true",
    "/usr/[bs]bin/hook, /usr/sbin/hook, true",
    "/opt/vendor/**, /opt/vendor/hook, true",
    "/opt/vendor/**, /opt/vendor/bin/deep/hook, true",
    "/opt/vendor/**, /opt/vendor, false",
    "/opt/vendor/**, /opt/vendorx/hook, false",
    "/opt/*/**, /opt/a/b/c, true",
    "/opt/[a-z]/**, /opt/a/b/c, true",
    "/**, /anything/at/all, true",
    // not clean: the kernel resolves '..' after links, so a lexical match proves nothing
    "/usr/bin/**, /usr/bin/../../tmp/evil, false",
    "/usr/bin/*, /usr/bin/./hook, false",
    "/usr/bin/*, /usr//bin/hook, false",
  })
  void globsMatchPathsElementByElement(String glob, String path, boolean allowed) {
    assertThat(HookPolicy.allowing(glob).allows(path)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"usr/bin/*", "*", "/usr/**/hook", "/usr/bin**", "/usr/bin/[", "/usr/bin/\\"})
  void badGlobsAreRefusedNamingTheGlob(String glob) {
    assertThatThrownBy(() -> HookPolicy.allowing(glob))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid hook glob ");
  }

  @Test
  void overlongGlobsAndPathsAreRefusedQuickly() {
    assertThatThrownBy(() -> HookPolicy.allowing("/" + "*".repeat(20_000)))
        .hasMessageContaining("longer than 4096 characters");
    HookPolicy p = HookPolicy.allowing("/a/**");
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
      assertThat(p.allows("/a" + "/a".repeat(2_000))).isTrue();
      assertThat(p.allows("/a" + "/b".repeat(3_000))).isFalse();
      assertThat(HookPolicy.allowing("/" + "*a".repeat(1_000) + "/**").allows("/" + "a".repeat(3_000) + "b/x")).isFalse();
    });
  }

  @Test
  void policiesAreValues() {
    assertThat(HookPolicy.allowing("/a/*", "/b/**")).isEqualTo(HookPolicy.allowing(List.of("/a/*", "/b/**")));
    assertThat(HookPolicy.allowing("/a/*").globs()).containsExactly("/a/*");
    assertThat(HookPolicy.allowing("/a/*")).isNotEqualTo(HookPolicy.allowAll());
    assertThat(HookPolicy.allowing(List.of())).isNotEqualTo(HookPolicy.allowAll());
    assertThat(HookPolicy.allowAll().globs()).isEmpty();
  }
}
