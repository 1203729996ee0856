package dev.jcdi.oci;

import static dev.jcdi.oci.TestConfigs.config;
import static dev.jcdi.oci.TestConfigs.j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalLong;
import dev.jcdi.oci.OciConfig.DeviceRule;
import dev.jcdi.oci.OciConfig.HookEntry;
import dev.jcdi.oci.OciConfig.IdMapping;
import dev.jcdi.oci.OciConfig.IntelRdt;
import dev.jcdi.oci.OciConfig.LinuxDevice;
import dev.jcdi.oci.OciConfig.MountEntry;
import dev.jcdi.oci.OciConfig.Namespace;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ConfigEditorTest {

  private static final String BASE =
      "{'ociVersion':'1.2.0','x-a':[1.0,-0],"
          + "'process':{'x-p':1,'args':['sh'],'env':['PATH=/bin','A=1','B=2','A=3'],'cwd':'/','user':{'uid':0,'gid':0}},"
          + "'root':{'path':'rootfs','x-r':true},"
          + "'mounts':[{'destination':'/proc','type':'proc','source':'proc','x-m':1},{'destination':'/a/b','source':'s'}],"
          + "'linux':{'namespaces':[{'type':'pid'},{'type':'mount'}],'x-l':{},'devices':[{'path':'/dev/x','type':'c','major':1,'minor':2,'x-d':1}]},"
          + "'annotations':{'k1':'v1','k2':'v2'},'x-z':'end'}";

  /** Applies {@code change} to BASE and returns the result as text. */
  private static String edited(Consumer<ConfigEditor> change) {
    ConfigEditor e = config(BASE).edit();
    change.accept(e);
    return e.toConfig().toJson();
  }

  /** BASE with {@code from} replaced by {@code to} in its canonical text: the expected output. */
  private static String baseWith(String from, String to) {
    String base = config(BASE).toJson();
    assertThat(base).contains(from);
    return base.replace(from, to);
  }

  @Test
  void anEditThatChangesNothingWritesTheSameBytes() throws Exception {
    byte[] bytes = config(BASE).toJsonBytes();
    ConfigEditor e = OciConfig.parse(bytes).edit();
    e.process().env();
    e.process().user().additionalGids();
    e.linux().devices().list();
    e.hooks().list("prestart");
    e.annotations().map();
    e.linux().intelRdt();
    assertThat(e.toConfig().toJsonBytes()).isEqualTo(bytes);
  }

  @Test
  void theConfigEditedFromNeverChangesAndAnEditorIsUsedOnce() {
    OciConfig before = config(BASE);
    String text = before.toJson();
    ConfigEditor e = before.edit();
    e.process().setEnv("C=1");
    OciConfig after = e.toConfig();
    assertThat(before.toJson()).isEqualTo(text);
    assertThat(after.env()).endsWith("C=1");
    assertThatThrownBy(e::toConfig).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> e.process().setEnv("D=1")).isInstanceOf(IllegalStateException.class);
    assertThat(after.env()).doesNotContain("D=1");
  }

  @Test
  void setEnvReplacesTheLastEntryWithItsKeyInPlaceElseAppends() {
    assertThat(edited(e -> e.process().setEnv("A=9").setEnv("C=4")))
        .isEqualTo(baseWith("\"A=3\"\n", "\"A=9\",\n      \"C=4\"\n"));
    OciConfig c = config(BASE);
    assertThat(c.env("A")).hasValue("3");
    assertThat(c.env("PAT")).isEmpty();
    ConfigEditor e = c.edit();
    e.process().setEnv(List.of("N=1", "N=2"));
    assertThat(e.process().env()).containsExactly("PATH=/bin", "A=1", "B=2", "A=3", "N=2");
  }

  @Test
  void unsetEnvRemovesEveryEntryWithTheKey() {
    ConfigEditor e = config(BASE).edit();
    assertThat(e.process().unsetEnv("A")).isTrue();
    assertThat(e.process().unsetEnv("A")).isFalse();
    assertThat(e.process().unsetEnv("PATH=/bin")).isFalse();
    assertThat(e.toConfig().env()).containsExactly("PATH=/bin", "B=2");
    ConfigEditor empty = OciConfig.empty().edit();
    assertThat(empty.process().unsetEnv("A")).isFalse();
    assertThat(empty.toConfig().toJson()).as("removing adds nothing").isEqualTo("{}\n");
  }

  @Test
  void argsAndCwdAreSetInPlace() {
    assertThat(edited(e -> e.process().setArgs(List.of("a", "b")).setCwd("/w")))
        .isEqualTo(baseWith("\"args\": [\n      \"sh\"\n    ]", "\"args\": [\n      \"a\",\n      \"b\"\n    ]")
            .replace("\"cwd\": \"/\"", "\"cwd\": \"/w\""));
    assertThat(config(BASE).args()).containsExactly("sh");
    assertThat(config(BASE).cwd()).hasValue("/");
  }

  @Test
  void aMissingProcessIsAddedAtTheEndOnTheFirstWrite() {
    ConfigEditor e = config("{'ociVersion':'1.2.0','linux':{}}").edit();
    assertThat(e.process().env()).isEmpty();
    assertThat(e.process().user().uid()).isEmpty();
    e.process().user().setUid(1000).setGid(1000).addAdditionalGid(44);
    assertThat(e.toConfig().tree())
        .isEqualTo(TestConfigs.tree("{'ociVersion':'1.2.0','linux':{},'process':{'user':{'uid':1000,'gid':1000,'additionalGids':[44]}}}"));
  }

  @Test
  void userIdsMustBeUnsigned32BitIntegers() {
    ConfigEditor.UserView user = OciConfig.empty().edit().process().user();
    assertThatThrownBy(() -> user.setUid(-1)).isInstanceOf(IllegalArgumentException.class).hasMessage("uid -1 is out of range for an unsigned 32-bit integer");
    assertThatThrownBy(() -> user.setGid(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> user.addAdditionalGid(-5)).isInstanceOf(IllegalArgumentException.class);
    user.setUid(4294967295L).addAdditionalGid(5).addAdditionalGid(6).addAdditionalGid(5);
    assertThat(user.get()).isEqualTo(new OciConfig.User(OptionalLong.of(4294967295L), null, List.of(5L, 6L, 5L)));
    assertThat(user.removeAdditionalGid(5)).isTrue();
    assertThat(user.additionalGids()).containsExactly(6L);
  }

  @Test
  void rootIsSetInPlaceKeepingItsOtherMembers() {
    assertThat(edited(e -> e.root().setPath("/r").setReadonly(true)))
        .isEqualTo(baseWith("\"path\": \"rootfs\",\n    \"x-r\": true\n", "\"path\": \"/r\",\n    \"x-r\": true,\n    \"readonly\": true\n"));
    assertThat(config(BASE).root()).isEqualTo(new OciConfig.Root(Optional.of("rootfs"), null));
  }

  @Test
  void mountsAreAddedReplacedRemovedAndSortedAsWholeEntries() {
    ConfigEditor e = config(BASE).edit();
    ConfigEditor.Entries<MountEntry> mounts = e.mounts();
    assertThat(mounts.indexOf("/a/b")).isEqualTo(1);
    mounts.add(new MountEntry("/c", Optional.of("bind"), Optional.of("/host/c"), List.of("rbind")));
    assertThat(mounts.removeFirst("/a/b")).isTrue();
    assertThat(mounts.removeFirst("/nowhere")).isFalse();
    mounts.sortByKey(d -> d.equals("/c") ? 0 : 1);
    OciConfig c = e.toConfig();
    assertThat(c.mounts())
        .containsExactly(new MountEntry("/c", Optional.of("bind"), Optional.of("/host/c"), List.of("rbind")), new MountEntry("/proc", Optional.of("proc"), Optional.of("proc"), null));
    assertThat(c.toJson()).contains("\"x-m\": 1").doesNotContain("\"s\"");
  }

  @Test
  void setReplacesAnEntryInPlaceAndIndicesAreChecked() {
    ConfigEditor e = config(BASE).edit();
    e.linux().devices().set(0, new LinuxDevice("/dev/y", "b", OptionalLong.of(8L), OptionalLong.of(0L), OptionalLong.of(0660L), null, null));
    assertThat(e.linux().devices().list()).containsExactly(new LinuxDevice("/dev/y", "b", OptionalLong.of(8L), OptionalLong.of(0L), OptionalLong.of(432L), null, null));
    assertThatThrownBy(() -> e.linux().devices().set(1, new LinuxDevice("/dev/z", "c", OptionalLong.of(1L), OptionalLong.of(1L), null, null, null)))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> e.linux().deviceRules().remove(0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> e.linux().deviceRules().indexOf("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.linux().devices().add(new LinuxDevice("/dev/z", "c", OptionalLong.of(1L), OptionalLong.of(1L), OptionalLong.of(-1L), null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fileMode -1");
  }

  @Test
  void deviceRulesAreAddedUnderAResourcesObjectMadeWhenMissing() {
    ConfigEditor e = config(BASE).edit();
    e.linux().deviceRules().add(new DeviceRule(Optional.of(false), Optional.of("a"), null, null, Optional.of("rwm"))).add(new DeviceRule(Optional.of(true), Optional.of("c"), OptionalLong.of(1L), OptionalLong.of(3L), null));
    assertThat(e.toConfig().toJson())
        .isEqualTo(
            baseWith(
                "\"x-d\": 1\n      }\n    ]\n  },",
                "\"x-d\": 1\n      }\n    ],\n    \"resources\": {\n      \"devices\": [\n        {\n          \"allow\": false,\n"
                    + "          \"type\": \"a\",\n          \"access\": \"rwm\"\n        },\n        {\n          \"allow\": true,\n"
                    + "          \"type\": \"c\",\n          \"major\": 1,\n          \"minor\": 3\n        }\n      ]\n    }\n  },"));
  }

  @Test
  void namespacesAndIdMappings() {
    ConfigEditor e = config(BASE).edit();
    assertThat(e.linux().hasNamespace("user")).isFalse();
    e.linux().namespaces().add(new Namespace("user", null)).add(new Namespace("network", Optional.of("/var/run/netns/x")));
    e.linux().namespaces().removeFirst("pid");
    e.linux().uidMappings().add(new IdMapping(OptionalLong.of(0L), OptionalLong.of(100000L), OptionalLong.of(65536L)));
    e.linux().gidMappings().add(new IdMapping(OptionalLong.of(0L), OptionalLong.of(100000L), OptionalLong.of(65536L)));
    assertThatThrownBy(() -> e.linux().uidMappings().add(new IdMapping(OptionalLong.of(0L), OptionalLong.of(-1L), OptionalLong.of(1L)))).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.linux().hasNamespace("user")).isTrue();
    OciConfig c = e.toConfig();
    assertThat(c.namespaces())
        .containsExactly(new Namespace("mount", null), new Namespace("user", null), new Namespace("network", Optional.of("/var/run/netns/x")));
    assertThat(c.hasUserNamespace()).isTrue();
    assertThat(c.uidMappings()).containsExactly(new IdMapping(OptionalLong.of(0L), OptionalLong.of(100000L), OptionalLong.of(65536L)));
    assertThat(c.gidMappings()).containsExactly(new IdMapping(OptionalLong.of(0L), OptionalLong.of(100000L), OptionalLong.of(65536L)));
    assertThat(c.toJson()).contains("\"containerID\": 0,\n        \"hostID\": 100000,\n        \"size\": 65536");
  }

  @Test
  void hooksAreAddedByKindAndUnknownKindsAreRefused() {
    ConfigEditor e = config(BASE).edit();
    e.hooks().kind("createContainer").add(new HookEntry("/bin/h", List.of("h", "-v"), null, OptionalLong.of(5L)));
    e.hooks().kind("prestart").add(new HookEntry("/bin/p", null, List.of("A=1"), null));
    assertThatThrownBy(() -> e.hooks().kind("preStart")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"preStart\"");
    OciConfig c = e.toConfig();
    assertThat(c.hooks("createContainer")).containsExactly(new HookEntry("/bin/h", List.of("h", "-v"), null, OptionalLong.of(5L)));
    assertThat(c.hooks("prestart")).containsExactly(new HookEntry("/bin/p", null, List.of("A=1"), null));
    assertThat(c.toJson()).endsWith("\"x-z\": \"end\",\n  \"hooks\": {\n    \"createContainer\": [\n      {\n        \"path\": \"/bin/h\",\n"
        + "        \"args\": [\n          \"h\",\n          \"-v\"\n        ],\n        \"timeout\": 5\n      }\n    ],\n"
        + "    \"prestart\": [\n      {\n        \"path\": \"/bin/p\",\n        \"env\": [\n          \"A=1\"\n        ]\n      }\n    ]\n  }\n}\n");
  }

  @Test
  void intelRdtIsReplacedAsAWholeAndRemoved() {
    ConfigEditor e = config("{'linux':{'intelRdt':{'closID':'old','x':1},'y':2}}").edit();
    e.linux().setIntelRdt(new IntelRdt(Optional.of("new"), null, Optional.of("MB:0=50"), List.of("L3:0=f"), Optional.of(true)));
    assertThat(e.linux().intelRdt()).hasValueSatisfying(n -> assertThat(n).isEqualTo(
        TestConfigs.tree("{'closID':'new','memBwSchema':'MB:0=50','schemata':['L3:0=f'],'enableMonitoring':true}")));
    assertThat(e.linux().removeIntelRdt()).isTrue();
    assertThat(e.linux().removeIntelRdt()).isFalse();
    assertThat(e.toConfig().toJson()).isEqualTo(config("{'linux':{'y':2}}").toJson());
  }

  @Test
  void netDevicesArePutAndRemovedByHostName() {
    ConfigEditor e = config("{'linux':{'netDevices':{'eth0':{'name':'x','extra':1},'eth1':{'name':'y'}}}}").edit();
    e.linux().netDevices().put("eth0", "ctr0").put("eth2", "ctr2");
    assertThat(e.linux().netDevices().remove("eth1")).isTrue();
    assertThat(e.linux().netDevices().map()).containsExactly(Map.entry("eth0", "ctr0"), Map.entry("eth2", "ctr2"));
    assertThat(e.toConfig().tree()).isEqualTo(TestConfigs.tree("{'linux':{'netDevices':{'eth0':{'name':'ctr0'},'eth2':{'name':'ctr2'}}}}"));
  }

  @Test
  void aNetDeviceWithoutAStringNameMapsToTheEmptyString() {
    OciConfig c = config("{'linux':{'netDevices':{'eth0':{},'eth1':{'name':null},'eth2':{'name':'n'}}}}");
    assertThat(c.netDevices()).containsExactly(Map.entry("eth0", ""), Map.entry("eth1", ""), Map.entry("eth2", "n"));
    assertThat(c.edit().linux().netDevices().map()).isEqualTo(c.netDevices());
  }

  @Test
  void annotationsArePutInPlaceOrAtTheEnd() {
    assertThat(edited(e -> e.annotations().put("k1", "new").put("k3", "v3")))
        .isEqualTo(baseWith("\"k1\": \"v1\",\n    \"k2\": \"v2\"\n", "\"k1\": \"new\",\n    \"k2\": \"v2\",\n    \"k3\": \"v3\"\n"));
    ConfigEditor e = config(BASE).edit();
    assertThat(e.annotations().remove("k1")).isTrue();
    assertThat(e.annotations().remove("k1")).isFalse();
    assertThat(e.toConfig().annotations()).containsExactly(Map.entry("k2", "v2"));
  }

  @Test
  void aMemberOfAnotherTypeReadsAsAbsentAndAWriteReplacesItInPlace() {
    ConfigEditor e = config("{'process':{'args':'sh','cwd':7},'root':'x','z':1}").edit();
    assertThat(e.process().args()).isEmpty();
    assertThat(e.process().cwd()).isEmpty();
    assertThat(e.root().get()).isEqualTo(new OciConfig.Root(null, null));
    e.process().setArgs(List.of("sh"));
    e.root().setPath("rootfs");
    assertThat(e.toConfig().toJson()).isEqualTo(config("{'process':{'args':['sh'],'cwd':7},'root':{'path':'rootfs'},'z':1}").toJson());
  }

  @Test
  void nullContainersAreReplacedInPlace() {
    ConfigEditor e = config("{'mounts':null,'linux':null,'hooks':null,'z':1}").edit();
    e.mounts().add(new MountEntry("/m", null, Optional.of("/s"), null));
    e.linux().devices().add(new LinuxDevice("/dev/n", "c", OptionalLong.of(1L), OptionalLong.of(3L), null, null, null));
    e.hooks().kind("poststop").add(new HookEntry("/bin/x", null, null, null));
    assertThat(e.toConfig().toJson())
        .isEqualTo(config(j("{'mounts':[{'destination':'/m','source':'/s'}],'linux':{'devices':[{'path':'/dev/n','type':'c','major':1,'minor':3}]},"
            + "'hooks':{'poststop':[{'path':'/bin/x'}]},'z':1}")).toJson());
  }

  @Test
  void removeIfAndIndexOfByPredicate() {
    ConfigEditor e = config(BASE).edit();
    assertThat(e.mounts().indexOf(m -> m.type().equals(Optional.of("proc")))).isZero();
    assertThat(e.mounts().removeIf(m -> m.type().isEmpty())).isTrue();
    assertThat(e.mounts().size()).isEqualTo(1);
    assertThat(e.toConfig().mounts()).extracting(MountEntry::destination).containsExactly("/proc");
  }
}
