package dev.jcdi.runtime;

import dev.jcdi.oci.OciConfig;
import static dev.jcdi.runtime.TestConfigs.apply;
import static dev.jcdi.runtime.TestConfigs.assertApplies;
import static dev.jcdi.runtime.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.Mount;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MountEditsTest {

  private static final String USERNS = "'linux':{'namespaces':[{'type':'pid'},{'type':'user'}]}";

  private static ContainerEdits mounts(Mount... mounts) {
    return ContainerEdits.builder().mounts(mounts).build();
  }

  private static List<String> destinations(OciConfig c) {
    return c.mounts().stream().map(OciConfig.MountEntry::destination).toList();
  }

  @Test
  void aMountWithoutTypeOrOptionsHasOnlyDestinationAndSource() {
    assertApplies(
        "{}",
        mounts(Mount.of("/dev/host-vendorctl", "/dev/cntr-vendorctl")),
        "{'mounts':[{'destination':'/dev/cntr-vendorctl','source':'/dev/host-vendorctl'}]}");
  }

  @Test
  void aMountIsWrittenAsDestinationTypeSourceOptions() {
    assertApplies(
        "{}",
        mounts(new Mount("/host/lib", "/usr/lib/x", List.of("ro", "nosuid"), Optional.of("bind"))),
        "{'mounts':[{'destination':'/usr/lib/x','type':'bind','source':'/host/lib','options':['ro','nosuid']}]}");
  }

  @Test
  void onlyTheFirstMountWithTheSameDestinationIsReplaced() {
    OciConfig result =
        apply(
            "{'mounts':[{'destination':'/x','source':'first'},{'destination':'/x','source':'second'}]}",
            mounts(Mount.of("third", "/x")));
    assertThat(result.mounts()).extracting(m -> m.source().orElseThrow()).containsExactly("second", "third");
  }

  @Test
  void theDestinationMustMatchExactly() {
    OciConfig result = apply("{'mounts':[{'destination':'/x/','source':'old'}]}", mounts(Mount.of("new", "/x")));
    assertThat(result.mounts()).extracting(m -> m.source().orElseThrow()).containsExactly("old", "new");
  }

  @Test
  void aNewShallowerMountGoesFirst() {
    OciConfig result = apply("{'mounts':[{'destination':'/a/b','source':'s'}]}", mounts(Mount.of("s", "/c")));
    assertThat(destinations(result)).containsExactly("/c", "/a/b");
  }

  @Test
  void aNewMountGoesAfterExistingMountsOfTheSameDepth() {
    OciConfig result =
        apply("{'mounts':[{'destination':'/b','source':'s'},{'destination':'/a','source':'s'}]}", mounts(Mount.of("s", "/c")));
    assertThat(destinations(result)).containsExactly("/b", "/a", "/c");
  }

  @Test
  void allMountsAreSortedStablyByDepth() {
    OciConfig result =
        apply(
            "{'mounts':[{'destination':'/a/b/c'},{'destination':'/proc'},{'destination':'/b/c'},{'destination':'/dev'}]}",
            mounts(Mount.of("s", "/z")));
    assertThat(destinations(result)).containsExactly("/proc", "/dev", "/z", "/b/c", "/a/b/c");
  }

  @Test
  void depthCountsTheSeparatorsOfTheCleanedDestination() {
    OciConfig result =
        apply("{}", mounts(Mount.of("s", "/a/b/c"), Mount.of("s", "/x/../y/z"), Mount.of("s", "/q//"), Mount.of("s", "rel"), Mount.of("s", "/")));
    assertThat(destinations(result)).containsExactly("rel", "/q//", "/", "/x/../y/z", "/a/b/c");
  }

  @Test
  void mountsAreNotSortedWhenTheEditsHaveNone() {
    OciConfig result =
        apply("{'mounts':[{'destination':'/a/b/c'},{'destination':'/a'}]}", ContainerEdits.builder().env("A=1").build());
    assertThat(destinations(result)).containsExactly("/a/b/c", "/a");
  }

  @Test
  void unknownMembersOfUntouchedMountsSurviveTheSort() {
    assertApplies(
        "{'mounts':[{'destination':'/a/b','source':'s','x-keep':[1,2]}]}",
        mounts(Mount.of("h", "/c")),
        "{'mounts':[{'destination':'/c','source':'h'},{'destination':'/a/b','source':'s','x-keep':[1,2]}]}");
  }

  @Test
  void underAUserNamespaceABindMountGetsIdmap() {
    assertApplies(
        "{" + USERNS + "}",
        mounts(new Mount("/h", "/c", null, Optional.of("bind"))),
        "{" + USERNS + ",'mounts':[{'destination':'/c','type':'bind','source':'/h','options':['idmap']}]}");
  }

  @Test
  void underAUserNamespaceAnRbindOptionGetsRidmap() {
    OciConfig result = apply("{" + USERNS + "}", mounts(new Mount("/h", "/c", List.of("rbind"), Optional.of("bind"))));
    assertThat(result.mounts().get(0).options()).containsExactly("rbind", "ridmap");
  }

  @Test
  void underAUserNamespaceABindOptionWithoutTypeGetsIdmap() {
    OciConfig result = apply("{" + USERNS + "}", mounts(new Mount("/h", "/c", List.of("bind", "ro"), null)));
    assertThat(result.mounts().get(0).options()).containsExactly("bind", "ro", "idmap");
  }

  @Test
  void underAUserNamespaceTheLastBindOrRbindOptionDecides() {
    OciConfig result = apply("{" + USERNS + "}", mounts(new Mount("/h", "/c", List.of("rbind", "bind"), null)));
    assertThat(result.mounts().get(0).options()).containsExactly("rbind", "bind", "idmap");
  }

  @Test
  void underAUserNamespaceATmpfsMountIsUnchanged() {
    OciConfig result = apply("{" + USERNS + "}", mounts(new Mount("tmpfs", "/tmp", List.of("nosuid"), Optional.of("tmpfs"))));
    assertThat(result.mounts().get(0).options()).containsExactly("nosuid");
  }

  @Test
  void underAUserNamespaceAnExistingIdmapOptionIsLeftAlone() {
    OciConfig result =
        apply("{" + USERNS + "}", mounts(new Mount("/h", "/c", List.of("idmap", "rbind"), Optional.of("bind")), new Mount("/h", "/d", List.of("ridmap"), Optional.of("bind"))));
    assertThat(result.mounts()).extracting(OciConfig.MountEntry::options).containsExactly(List.of("idmap", "rbind"), List.of("ridmap"));
  }

  @Test
  void mountsAlreadyInTheConfigGetNoIdmap() {
    OciConfig result =
        apply("{" + USERNS + ",'mounts':[{'destination':'/old','type':'bind','source':'/o'}]}", mounts(new Mount("/h", "/c", null, Optional.of("bind"))));
    assertThat(result.mounts()).extracting(OciConfig.MountEntry::options).containsExactly(List.of(), List.of("idmap"));
  }

  @Test
  void withoutAUserNamespaceABindMountIsUnchanged() {
    OciConfig result = apply("{'linux':{'namespaces':[{'type':'mount'}]}}", mounts(new Mount("/h", "/c", List.of("rbind"), Optional.of("bind"))));
    assertThat(result.mounts().get(0).options()).containsExactly("rbind");
    assertThat(result.hasUserNamespace()).isFalse();
  }

  @Test
  void emptyPathsAreRejected() {
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), mounts(Mount.of("", "/c"))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("invalid mount, empty host path");
    assertThatThrownBy(() -> EditApplier.apply(config("{}"), mounts(Mount.of("/h", ""))))
        .isInstanceOf(InjectionException.class)
        .hasMessage("invalid mount, empty container path");
  }
}
