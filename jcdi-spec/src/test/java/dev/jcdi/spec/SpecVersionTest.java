package dev.jcdi.spec;

import static dev.jcdi.spec.Specs.bare;
import static dev.jcdi.spec.Specs.bareWithDevices;
import static dev.jcdi.spec.Specs.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jcdi.spec.Violation.Rule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec versions and the minimum version a spec needs (cdi-reference.md §2). */
class SpecVersionTest {

  private static final ContainerEdits NODE = ContainerEdits.builder().deviceNodes(DeviceNode.of("/dev/null")).build();

  private static ContainerEdits rdt(IntelRdt r) {
    return ContainerEdits.builder().intelRdt(r).build();
  }

  private static IntelRdt rdt(List<String> schemata, Boolean monitoring) {
    return new IntelRdt(null, null, null, Optional.ofNullable(schemata), Optional.ofNullable(monitoring), null, null);
  }

  private static ContainerEdits gids(long... g) {
    return ContainerEdits.builder().additionalGids(g).build();
  }

  private static ContainerEdits emptyGids() {
    return new ContainerEdits(null, null, null, null, null, null, List.of());
  }

  private static ContainerEdits mounts(Mount... m) {
    return ContainerEdits.builder().mounts(m).build();
  }

  private static ContainerEdits nodes(DeviceNode... n) {
    return ContainerEdits.builder().deviceNodes(n).build();
  }

  private static ContainerEdits net(NetDevice... n) {
    return ContainerEdits.builder().netDevices(n).build();
  }

  private static SpecVersion min(Spec s) {
    return SpecVersion.minimumRequired(s);
  }

  private static Spec spec(String kind, Map<String, String> annotations, ContainerEdits specEdits, Device... devices) {
    return new Spec("1.1.0", kind, annotations, List.of(devices), specEdits);
  }

  private static Device named(String name) {
    return device(name, NODE);
  }

  // ---- known versions ----

  @Test
  void allTenVersionsAreKnown() {
    assertThat(SpecVersion.all())
        .extracting(SpecVersion::toString)
        .containsExactly("0.1.0", "0.2.0", "0.3.0", "0.4.0", "0.5.0", "0.6.0", "0.7.0", "0.8.0", "1.0.0", "1.1.0");
    for (SpecVersion v : SpecVersion.values()) {
      assertThat(SpecVersion.parse(v.toString())).isSameAs(v);
    }
  }

  @Test
  void currentIsOneOneZeroAndEarliestIsZeroThree() {
    assertThat(SpecVersion.CURRENT).isEqualTo(SpecVersion.V1_1_0);
    assertThat(SpecVersion.EARLIEST).isEqualTo(SpecVersion.V0_3_0);
  }

  @Test
  void leadingVIsTolerated() {
    assertThat(SpecVersion.parse("v1.1.0")).isEqualTo(SpecVersion.V1_1_0);
    assertThat(SpecVersion.find("v0.3.0")).contains(SpecVersion.V0_3_0);
  }

  @Test
  void onlyOneLeadingLowercaseVIsTolerated() {
    assertThat(SpecVersion.find("vv1.1.0")).isEmpty();
    assertThat(SpecVersion.find("V1.1.0")).isEmpty();
    assertThat(SpecVersion.find(" 1.1.0")).isEmpty();
    assertThat(SpecVersion.find(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.0", "1.1", "0.0.0", "not-a-version", "1", "1.0", "v", "1.1.0 ", "1.1.0-rc1"})
  void invalidVersionsAreNotKnown(String v) {
    assertThat(SpecVersion.find(v)).isEmpty();
    assertThatThrownBy(() -> SpecVersion.parse(v))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid version \"" + v + "\"");
  }

  @Test
  void versionsAreOrderedOldestFirst() {
    assertThat(SpecVersion.V0_3_0).isLessThan(SpecVersion.V0_4_0);
    assertThat(SpecVersion.V0_8_0).isLessThan(SpecVersion.V1_0_0);
    assertThat(SpecVersion.V1_0_0).isLessThan(SpecVersion.V1_1_0);
    assertThat(SpecVersion.V0_7_0.isAtLeast(SpecVersion.V0_7_0)).isTrue();
    assertThat(SpecVersion.V0_7_0.isAtLeast(SpecVersion.V0_6_0)).isTrue();
    assertThat(SpecVersion.V0_6_0.isAtLeast(SpecVersion.V0_7_0)).isFalse();
    assertThat(SpecVersion.all()).isSorted();
  }

  // ---- minimum-version triggers, presence semantics ----

  @Test
  void nothingVersionSpecificNeedsV030() {
    assertThat(min(spec("vendor.com/gpu", null, null, named("dev")))).isEqualTo(SpecVersion.V0_3_0);
  }

  @Test
  void emptyIntelRdtNeedsV070() {
    assertThat(min(bare(rdt(IntelRdt.EMPTY)))).isEqualTo(SpecVersion.V0_7_0);
  }

  @Test
  void emptySchemataNeedsV110() {
    assertThat(min(bare(rdt(rdt(List.of(), null))))).isEqualTo(SpecVersion.V1_1_0);
  }

  @Test
  void absentSchemataDoesNotNeedV110() {
    assertThat(min(bare(rdt(rdt(null, null))))).isEqualTo(SpecVersion.V0_7_0);
  }

  @Test
  void enableMonitoringTrueNeedsV110() {
    assertThat(min(bare(rdt(rdt(null, true))))).isEqualTo(SpecVersion.V1_1_0);
  }

  @Test
  void enableMonitoringFalseDoesNotForceV110() {
    assertThat(min(bare(rdt(rdt(null, false))))).isEqualTo(SpecVersion.V0_7_0);
  }

  @Test
  void gidZeroNeedsV070() {
    assertThat(min(bare(gids(0)))).isEqualTo(SpecVersion.V0_7_0);
  }

  @Test
  void emptyGidsNeedV030() {
    assertThat(min(bare(emptyGids()))).isEqualTo(SpecVersion.V0_3_0);
  }

  @Test
  void emptyAnnotationsDoNotCount() {
    assertThat(min(spec("vendor.com/gpu", Map.of(), null, named("dev")))).isEqualTo(SpecVersion.V0_3_0);
    assertThat(min(spec("vendor.com/gpu", null, null, new Device("dev", Map.of(), NODE)))).isEqualTo(SpecVersion.V0_3_0);
  }

  @Test
  void specAnnotationsNeedV060() {
    assertThat(min(spec("vendor.com/gpu", Map.of("a", "b"), null, named("dev")))).isEqualTo(SpecVersion.V0_6_0);
  }

  @Test
  void deviceAnnotationsNeedV060() {
    assertThat(min(spec("vendor.com/gpu", null, null, new Device("dev", Map.of("a", "b"), NODE)))).isEqualTo(SpecVersion.V0_6_0);
  }

  @Test
  void dotInClassNeedsV060() {
    assertThat(min(spec("vendor.com/cl.ass", null, null, named("dev")))).isEqualTo(SpecVersion.V0_6_0);
  }

  @Test
  void dotInVendorDoesNotNeedV060() {
    assertThat(min(spec("ven.dor.com/class", null, null, named("dev")))).isEqualTo(SpecVersion.V0_3_0);
  }

  @Test
  void digitInitialDeviceNameNeedsV050() {
    assertThat(min(spec("vendor.com/gpu", null, null, named("0")))).isEqualTo(SpecVersion.V0_5_0);
    assertThat(min(spec("vendor.com/gpu", null, null, named("dev0")))).isEqualTo(SpecVersion.V0_3_0);
  }

  @Test
  void hostPathNeedsV050() {
    assertThat(min(bare(nodes(DeviceNode.of("/dev/a", "/dev/b"))))).isEqualTo(SpecVersion.V0_5_0);
    assertThat(min(bare(nodes(DeviceNode.of("/dev/a", ""))))).isEqualTo(SpecVersion.V0_3_0);
  }

  @Test
  void hostPathInADeviceNeedsV050() {
    assertThat(min(bareWithDevices(device("d", nodes(DeviceNode.of("/dev/a", "/dev/a")))))).isEqualTo(SpecVersion.V0_5_0);
  }

  @Test
  void mountTypeNeedsV040() {
    assertThat(min(bare(mounts(new Mount("/a", "/b", null, Optional.of("tmpfs")))))).isEqualTo(SpecVersion.V0_4_0);
    assertThat(min(bare(mounts(new Mount("/a", "/b", null, Optional.of("")))))).isEqualTo(SpecVersion.V0_3_0);
    assertThat(min(bare(mounts(new Mount("/a", "/b", List.of("ro"), null))))).isEqualTo(SpecVersion.V0_3_0);
  }

  @Test
  void netDevicesNeedV110() {
    assertThat(min(bare(net(NetDevice.of("eth0", "eth1"))))).isEqualTo(SpecVersion.V1_1_0);
    assertThat(min(bare(new ContainerEdits(null, null, List.of(), null, null, null, null)))).isEqualTo(SpecVersion.V0_3_0);
  }

  @Test
  void permissionsNoneHasNoVersionGate() {
    assertThat(min(bare(nodes(DeviceNode.of("/dev/a").withPermissions("none"))))).isEqualTo(SpecVersion.V0_3_0);
  }

  @Test
  void highestTriggerWins() {
    ContainerEdits edits =
        ContainerEdits.builder()
            .mounts(new Mount("/a", "/b", null, Optional.of("bind")))
            .deviceNodes(DeviceNode.of("/dev/a", "/dev/b"))
            .additionalGids(5)
            .build();
    assertThat(min(spec("vendor.com/cl.ass", Map.of("a", "b"), edits, named("0")))).isEqualTo(SpecVersion.V0_7_0);
    assertThat(min(spec("vendor.com/cl.ass", Map.of("a", "b"), edits, device("d", net(NetDevice.of("a", "b"))))))
        .isEqualTo(SpecVersion.V1_1_0);
  }

  // ---- the reference's specs-go TestMinimumRequiredVersion (13 cases at spec 1.1.0) ----

  static Stream<Arguments> referenceMinimumRequiredVersion() {
    return Stream.of(
        Arguments.of("no version-specific features", bare(null), "0.3.0"),
        Arguments.of("v0.4.0 mount type", bare(mounts(new Mount(null, null, null, Optional.of("bind")))), "0.4.0"),
        Arguments.of("v0.5.0 device node host path",
            bare(nodes(new DeviceNode(null, Optional.of("/dev/example"), null, null, null, null, null, null, null))), "0.5.0"),
        Arguments.of("v0.5.0 numeric device name", bareWithDevices(device("0example", null)), "0.5.0"),
        Arguments.of("v0.6.0 annotation", new Spec(null, null, Map.of("example.com/key", "value"), null, null), "0.6.0"),
        Arguments.of("v0.6.0 dot in class", new Spec(null, "example.com/example.class", null, null, null), "0.6.0"),
        Arguments.of("v0.7.0 additional GIDs", bare(gids(1)), "0.7.0"),
        Arguments.of("v0.7.0 Intel RDT", bare(rdt(rdt(null, null))), "0.7.0"),
        Arguments.of("v1.1.0 Intel RDT schemata", bare(rdt(rdt(List.of("L3:0=ff"), null))), "1.1.0"),
        Arguments.of("v1.1.0 Intel RDT monitoring", bare(rdt(rdt(null, true))), "1.1.0"),
        Arguments.of("v1.1.0 network device", bare(net(new NetDevice(null, null))), "1.1.0"),
        Arguments.of("device-scoped feature", bareWithDevices(device(null, gids(1))), "0.7.0"),
        Arguments.of("newest feature wins",
            new Spec(null, null, Map.of("example.com/key", "value"), null,
                ContainerEdits.builder().additionalGids(1).netDevices(new NetDevice(null, null)).build()),
            "1.1.0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void referenceMinimumRequiredVersion(String doc, Spec spec, String want) {
    assertThat(min(spec)).hasToString(want);
  }

  // ---- the reference's pkg/cdi TestRequiredVersion (18 cases) ----

  static Stream<Arguments> referenceRequiredVersion() {
    ContainerEdits hostPath = nodes(DeviceNode.of("/dev/foo", "/host/dev/foo"));
    ContainerEdits samePath = nodes(DeviceNode.of("/dev/foo", "/dev/foo"));
    ContainerEdits mountType = mounts(new Mount("/host", "/ctr", null, Optional.of("tmpfs")));
    Map<String, String> ann = Map.of("key", "value");
    ContainerEdits rdt = rdt(IntelRdt.ofClosId("clos"));
    ContainerEdits schemata = rdt(rdt(List.of("L3:0=ff"), null));
    ContainerEdits monitoring = rdt(rdt(null, true));
    return Stream.of(
        Arguments.of("empty spec", bare(null), "0.3.0"),
        Arguments.of("host path", bare(hostPath), "0.5.0"),
        Arguments.of("host path equal to path", bare(samePath), "0.5.0"),
        Arguments.of("mount type", bare(mountType), "0.4.0"),
        Arguments.of("newest required version is selected",
            new Spec(null, null, ann, null, ContainerEdits.builder().deviceNodes(DeviceNode.of("/dev/foo", "/host/dev/foo"))
                .mounts(new Mount("/host", "/ctr", null, Optional.of("tmpfs"))).build()), "0.6.0"),
        Arguments.of("device name starting with a digit", bareWithDevices(device("0foo", null)), "0.5.0"),
        Arguments.of("device name starting with a letter", bareWithDevices(device("foo0", null)), "0.3.0"),
        Arguments.of("spec annotations", new Spec(null, null, ann, null, null), "0.6.0"),
        Arguments.of("device annotations", bareWithDevices(new Device("foo", ann, null)), "0.6.0"),
        Arguments.of("dotted class", new Spec(null, "vendor.com/class.subclass", null, null, null), "0.6.0"),
        Arguments.of("spec intelRdt", bare(rdt), "0.7.0"),
        Arguments.of("device intelRdt", bareWithDevices(device("foo", rdt)), "0.7.0"),
        Arguments.of("spec additionalGids", bare(gids(5)), "0.7.0"),
        Arguments.of("device additionalGids", bareWithDevices(device("foo", gids(5))), "0.7.0"),
        Arguments.of("spec schemata", bare(schemata), "1.1.0"),
        Arguments.of("device schemata", bareWithDevices(device("foo", schemata)), "1.1.0"),
        Arguments.of("spec enableMonitoring", bare(monitoring), "1.1.0"),
        Arguments.of("device enableMonitoring", bareWithDevices(device("foo", monitoring)), "1.1.0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void referenceRequiredVersion(String doc, Spec spec, String want) {
    assertThat(min(spec)).hasToString(want);
  }

  // ---- the reference's specs-go TestValidateVersion (10 cases), through the validator ----

  static Stream<Arguments> referenceValidateVersion() {
    ContainerEdits gid = gids(1);
    return Stream.of(
        Arguments.of("current version", "1.1.0", null, null),
        Arguments.of("optional v prefix", "v1.1.0", null, null),
        Arguments.of("earliest supported version", "0.3.0", null, null),
        Arguments.of("known but unsupported v0.1.0", "0.1.0", null, "the spec version must be at least v0.3.0"),
        Arguments.of("known but unsupported v0.2.0", "v0.2.0", null, "the spec version must be at least v0.3.0"),
        Arguments.of("unknown version", "1.2.0", null, "invalid version \"1.2.0\""),
        Arguments.of("malformed version", "not-a-version", null, "invalid version \"not-a-version\""),
        Arguments.of("version too old for feature", "0.6.0", gid, "the spec version must be at least v0.7.0"),
        Arguments.of("minimum version for feature", "0.7.0", gid, null),
        Arguments.of("newer version for feature", "1.1.0", gid, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void referenceValidateVersion(String doc, String version, ContainerEdits specEdits, String wantErr) {
    Spec spec = Specs.minimal(version).containerEdits(specEdits).build();
    List<Violation> v = SpecValidator.validate(spec);
    if (wantErr == null) {
      assertThat(v).isEmpty();
    } else {
      assertThat(v).singleElement().satisfies(x -> {
        assertThat(x.path()).isEqualTo("cdiVersion");
        assertThat(x.isError()).isTrue();
        assertThat(x.message()).contains(wantErr);
      });
    }
  }

  // ---- version violations ----

  @Test
  void versionTooLowIsAViolationNamingTheMinimum() {
    Spec spec = Specs.minimal("0.6.0").containerEdits(gids(7)).build();
    assertThat(SpecValidator.validate(spec)).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo(Rule.VERSION_TOO_LOW);
      assertThat(v.severity()).isEqualTo(Violation.Severity.ERROR);
      assertThat(v.path()).isEqualTo("cdiVersion");
      assertThat(v.message()).contains("the spec version must be at least v0.7.0");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.1.0", "0.2.0", "v0.1.0"})
  void versionsBeforeV030AlwaysFail(String version) {
    assertThat(SpecValidator.validate(Specs.minimal(version).build())).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo(Rule.VERSION_TOO_LOW);
      assertThat(v.message()).contains("at least v0.3.0");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.0", "1.1", "0.0.0", "not-a-version", "1.0"})
  void unknownDeclaredVersionIsVersionUnknown(String version) {
    assertThat(SpecValidator.validate(Specs.minimal(version).build())).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo(Rule.VERSION_UNKNOWN);
      assertThat(v.path()).isEqualTo("cdiVersion");
      assertThat(v.message()).contains("invalid version \"" + version + "\"");
    });
  }

  @Test
  void specMayDeclareAnyKnownVersionAboveItsMinimum() {
    for (SpecVersion v : SpecVersion.values()) {
      boolean ok = v.isAtLeast(SpecVersion.V0_5_0);
      Spec spec = Specs.withDeviceEdits(v.toString(), nodes(DeviceNode.of("/dev/a", "/dev/b")));
      assertThat(SpecValidator.isValid(spec)).as("version %s", v).isEqualTo(ok);
    }
  }

  @Test
  void missingVersionIsARequiredField() {
    Spec spec = new Spec(null, Specs.KIND, null, List.of(device("d", NODE)), null);
    assertThat(SpecValidator.validate(Violations.asRead(spec))).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo(Rule.REQUIRED_FIELD);
      assertThat(v.path()).isEqualTo("cdiVersion");
    });
  }

  @Test
  void validateAcceptsAVersionAtOrAboveTheMinimumAndReturnsIt() {
    Spec gids = Specs.withDeviceEdits("0.7.0", gids(5));
    assertThat(SpecVersion.validate(gids)).isEqualTo(SpecVersion.V0_7_0);
    assertThat(SpecVersion.validate(Specs.withDeviceEdits("v1.1.0", gids(5)))).isEqualTo(SpecVersion.V1_1_0);
  }

  @Test
  void validateRejectsAVersionBelowTheMinimumLikeTheReference() {
    assertThatThrownBy(() -> SpecVersion.validate(Specs.withDeviceEdits("0.6.0", gids(5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the spec version must be at least v0.7.0");
    assertThatThrownBy(() -> SpecVersion.validate(Specs.withDeviceEdits("0.2.0", NODE)))
        .hasMessage("the spec version must be at least v0.3.0");
  }

  @Test
  void validateRejectsAnUnknownVersion() {
    assertThatThrownBy(() -> SpecVersion.validate(Specs.withDeviceEdits("1.2.0", NODE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid version \"1.2.0\"");
  }
}
