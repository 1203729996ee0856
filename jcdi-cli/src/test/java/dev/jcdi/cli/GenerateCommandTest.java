package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir Path tmp;

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  private static List<String> names(JsonNode spec) {
    List<String> out = new ArrayList<>();
    spec.path("devices").forEach(d -> out.add(d.path("name").asText()));
    return out;
  }

  private static JsonNode node(JsonNode spec, String device) {
    for (JsonNode d : spec.path("devices")) {
      if (d.path("name").asText().equals(device)) {
        return d.path("containerEdits").path("deviceNodes").get(0);
      }
    }
    throw new AssertionError("no device " + device + " in " + spec);
  }

  @Test
  void realDevNodesGetTheirTypeAndNumbersFromTheHost() throws Exception {
    CliRun r = CliRun.run("generate", "--kind", "example.com/dev", "/dev/null", "/dev/zero", "/dev/full", "/dev/tty", "--output", "json");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode spec = json(r.out());
    assertThat(spec.path("cdiVersion").asText()).isEqualTo("0.3.0");
    assertThat(names(spec)).containsExactly("null", "zero", "full", "tty", "all");
    assertThat(node(spec, "null").toString()).isEqualTo("{\"path\":\"/dev/null\",\"type\":\"c\",\"major\":1,\"minor\":3}");
    assertThat(node(spec, "zero").path("minor").asLong()).isEqualTo(5);
    assertThat(node(spec, "full").path("minor").asLong()).isEqualTo(7);
    assertThat(node(spec, "tty").path("major").asLong()).isEqualTo(5);
    assertThat(spec.path("devices").get(4).path("containerEdits").path("deviceNodes")).hasSize(4);
  }

  @Test
  void yamlIsTheDefaultAndReadsBackAsTheSameSpec() throws Exception {
    CliRun r = CliRun.run("generate", "-k", "example.com/dev", "/dev/null");
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("---\n");
    Spec spec = SpecReader.standard().parse(r.out(), dev.jcdi.spec.SpecFormat.YAML, "out").spec();
    assertThat(spec.device("null")).isPresent();
  }

  @Test
  void aFakeDevUnderDevRootGivesHostPathUnderItAndPathWithoutIt() throws Exception {
    DevNodes.requireRoot();
    Path card0 = DevNodes.mknod(tmp.resolve("dev/dri/card0"), 226, 0);
    DevNodes.mknod(tmp.resolve("dev/dri/card1"), 226, 1);
    DevNodes.mknod(tmp.resolve("dev/dri/renderD128"), 226, 128);
    Files.createDirectories(tmp.resolve("dev/dri/by-path"));
    Files.createSymbolicLink(tmp.resolve("dev/dri/by-path/pci-0000:00:02.0-card"), Path.of("../card0"));
    CliRun r = CliRun.run("generate", "--preset", "dri", "--dev-root", tmp.toString(), "--output", "json");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode spec = json(r.out());
    assertThat(spec.path("kind").asText()).isEqualTo("jcdi.dev/dri");
    assertThat(spec.path("cdiVersion").asText()).as("hostPath needs 0.5.0").isEqualTo("0.5.0");
    assertThat(names(spec)).containsExactly("card0", "card1", "renderD128", "pci-0000:00:02.0-card", "all");
    JsonNode n = node(spec, "card0");
    assertThat(n.path("path").asText()).isEqualTo("/dev/dri/card0");
    assertThat(n.path("hostPath").asText()).isEqualTo(card0.toRealPath().toString());
    assertThat(n.path("major").asLong()).isEqualTo(226);
    assertThat(node(spec, "pci-0000:00:02.0-card")).as("the PCI name is the card's node").isEqualTo(n);
    assertThat(node(spec, "renderD128").path("minor").asLong()).isEqualTo(128);
    assertThat(spec.path("devices").get(4).path("containerEdits").path("deviceNodes")).as("all holds each node once").hasSize(3);
  }

  @Test
  void everyPresetFindsItsNodes() throws Exception {
    DevNodes.requireRoot();
    DevNodes.mknod(tmp.resolve("dev/kfd"), 240, 0);
    DevNodes.mknod(tmp.resolve("dev/dri/renderD128"), 226, 128);
    DevNodes.mknod(tmp.resolve("dev/infiniband/uverbs0"), 231, 192);
    DevNodes.mknod(tmp.resolve("dev/infiniband/rdma_cm"), 10, 58);
    DevNodes.mknod(tmp.resolve("dev/infiniband/umad0"), 231, 0);
    DevNodes.mknod(tmp.resolve("dev/vfio/vfio"), 10, 196);
    DevNodes.mknod(tmp.resolve("dev/vfio/12"), 511, 0);
    DevNodes.mknod(tmp.resolve("dev/kvm"), 10, 232);
    DevNodes.mknod(tmp.resolve("dev/fuse"), 10, 229);
    DevNodes.mknod(tmp.resolve("dev/net/tun"), 10, 200);
    DevNodes.mknod(tmp.resolve("dev/snd/controlC0"), 116, 0);
    Files.createDirectories(tmp.resolve("dev/snd/by-path")); // a directory among the matches is no node
    DevNodes.mknod(tmp.resolve("dev/video0"), 81, 0);
    DevNodes.mknod(tmp.resolve("dev/accel/accel0"), 261, 0);
    DevNodes.mknod(tmp.resolve("dev/hidraw0"), 243, 0);
    DevNodes.mknod(tmp.resolve("dev/ttyUSB0"), 188, 0);
    Files.createDirectories(tmp.resolve("dev/serial/by-id"));
    Files.createSymbolicLink(tmp.resolve("dev/serial/by-id/usb-FTDI_FT232R-if00-port0"), Path.of("../../ttyUSB0"));
    DevNodes.mknod(tmp.resolve("dev/ttyACM0"), 166, 0);
    Files.createSymbolicLink(tmp.resolve("dev/serial/by-id/usb-Acme\\x20Modem+1-if00"), Path.of("../../ttyACM0"));
    String[][] expected = {
      {"kfd", "kfd", "renderD128"},
      {"rdma", "uverbs0", "rdma_cm", "umad0"},
      {"vfio", "vfio", "12"},
      {"kvm", "kvm"},
      {"fuse", "fuse"},
      {"tun", "tun"},
      {"snd", "controlC0"},
      {"video", "video0"},
      {"accel", "accel0"},
      {"hidraw", "hidraw0"},
      {"serial", "ttyUSB0", "ttyACM0", "usb-Acme_x20Modem_1-if00", "usb-FTDI_FT232R-if00-port0"},
    };
    for (String[] e : expected) {
      CliRun r = CliRun.run("generate", "-p", e[0], "--dev-root", tmp.toString(), "--output", "json", "--no-all");
      assertThat(r.status()).as("%s: %s", e[0], r.err()).isZero();
      assertThat(names(json(r.out()))).as(e[0]).containsExactly(java.util.Arrays.copyOfRange(e, 1, e.length));
    }
  }

  @Test
  void aPresetThatFindsNothingFails() {
    CliRun r = CliRun.run("generate", "--preset", "accel", "--dev-root", tmp.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("no device nodes of preset [accel] found");
  }

  @Test
  void usbBusNodesNeedATemplateForDistinctNames() throws Exception {
    DevNodes.requireRoot();
    DevNodes.mknod(tmp.resolve("dev/bus/usb/001/004"), 189, 3);
    DevNodes.mknod(tmp.resolve("dev/bus/usb/002/004"), 189, 131);
    CliRun clash = CliRun.run("generate", "-k", "example.com/usb", "--dev-root", tmp.toString(), "/dev/bus/usb/*/*");
    assertThat(clash.status()).isEqualTo(1);
    assertThat(clash.err()).contains("device name \"004\"").contains("--name-template");
    CliRun r = CliRun.run("generate", "-k", "example.com/usb", "--dev-root", tmp.toString(), "--name-template", "usb-{parent}-{name}",
        "--output", "json", "/dev/bus/usb/*/*");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(names(json(r.out()))).containsExactly("usb-001-004", "usb-002-004", "all");
    assertThat(node(json(r.out()), "usb-002-004").path("path").asText()).isEqualTo("/dev/bus/usb/002/004");
    CliRun path = CliRun.run("generate", "-k", "example.com/usb", "--dev-root", tmp.toString(), "--name-template", "{path}", "--no-all",
        "--output", "json", "dev/bus/usb/001/004");
    assertThat(names(json(path.out()))).containsExactly("dev-bus-usb-001-004");
  }

  @Test
  void containerRootEnvAndMountsAreApplied() throws Exception {
    CliRun r = CliRun.run("generate", "-k", "example.com/dev", "--container-root", "/host", "--env", "A=1", "-e", "B=2",
        "--mount", "/tmp:/data:ro,nosuid", "-m", "/etc/hostname:/etc/h", "--output", "json", "/dev/null");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode spec = json(r.out());
    assertThat(node(spec, "null").path("path").asText()).isEqualTo("/host/dev/null");
    assertThat(node(spec, "null").path("hostPath").asText()).isEqualTo("/dev/null");
    JsonNode edits = spec.path("containerEdits");
    assertThat(edits.path("env").toString()).isEqualTo("[\"A=1\",\"B=2\"]");
    assertThat(edits.path("mounts").get(0).toString())
        .isEqualTo("{\"hostPath\":\"/tmp\",\"containerPath\":\"/data\",\"options\":[\"bind\",\"ro\",\"nosuid\"]}");
    assertThat(edits.path("mounts").get(1).path("options").toString()).isEqualTo("[\"bind\"]");
  }

  @Test
  void writeUsesTheProducerAndTheResultPassesTheSchema() throws Exception {
    Path dir = tmp.resolve("cdi");
    CliRun r = CliRun.run("generate", "-k", "example.com/dev", "--write", dir.toString(), "/dev/null", "/dev/zero");
    assertThat(r.status()).as(r.err()).isZero();
    Path file = dir.resolve("example.com-dev.yaml");
    assertThat(r.out().trim()).isEqualTo(file.toString());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    assertThat(Files.readString(file)).contains("cdiVersion: \"0.3.0\"");
    CliRun v = CliRun.run("validate", "--schema", dir.toString());
    assertThat(v.status()).as(v.out() + v.err()).isZero();

    CliRun json = CliRun.run("generate", "-k", "example.com/dev", "--write", dir.toString(), "--output", "json", "/dev/null");
    assertThat(json.status()).isZero();
    assertThat(dir.resolve("example.com-dev.json")).exists();

    Files.writeString(dir.resolve("example.com-dev.yaml"), "cdiVersion: 0.3.0\nkind: other.com/dev\ndevices:\n- name: x\n  containerEdits:\n    env: [A=1]\n");
    CliRun refused = CliRun.run("generate", "-k", "example.com/dev", "--write", dir.toString(), "/dev/null");
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err()).contains("belongs to vendor \"other.com\"");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(CliRun.run("generate").status()).isEqualTo(2);
    assertThat(CliRun.run("generate", "/dev/null").status()).as("no kind").isEqualTo(2);
    assertThat(CliRun.run("generate", "-k", "bad", "/dev/null").status()).isEqualTo(2);
    assertThat(CliRun.run("generate", "-p", "nosuch").err()).contains("unknown preset \"nosuch\"");
    assertThat(CliRun.run("generate", "-k", "example.com/dev", "-m", "relative:/x", "/dev/null").status()).isEqualTo(2);
    assertThat(CliRun.run("generate", "-k", "example.com/dev", "-e", "NOEQUALS", "/dev/null").status()).isEqualTo(2);
    assertThat(CliRun.run("generate", "-k", "example.com/dev", "--container-root", "rel", "/dev/null").status()).isEqualTo(2);
  }

  @Test
  void aPathThatIsNotADeviceNodeOrMatchesNothingFails() throws Exception {
    Files.writeString(tmp.resolve("file"), "x");
    CliRun notNode = CliRun.run("generate", "-k", "example.com/dev", tmp.resolve("file").toString());
    assertThat(notNode.status()).isEqualTo(1);
    assertThat(notNode.err()).contains("not a device node");
    CliRun none = CliRun.run("generate", "-k", "example.com/dev", "--dev-root", tmp.toString(), "/dev/nothing*");
    assertThat(none.status()).isEqualTo(1);
    assertThat(none.err()).contains("/dev/nothing*").contains("no device node matches");
  }

  @Test
  void helpNamesEveryOption() {
    CliRun r = CliRun.run("generate", "--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("--kind", "--preset", "--name-template", "--dev-root", "--container-root", "--env", "--mount", "--write",
        "--output", "--no-all", "hidraw");
  }
}
