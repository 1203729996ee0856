package dev.jcdi.oci;

import static dev.jcdi.oci.TestConfigs.config;
import static dev.jcdi.oci.TestConfigs.j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LosslessConfigTest {

  private static final String NUMBERS =
      "{'a':1.0,'b':1e3,'c':12345678901234567890,'d':-0,'e':1E400,'f':0.10,'g':-1.5e-7,'h':-0.0,"
          + "'i':123456789012345678901234567890.000000000000000000001,'j':9223372036854775807,'k':-2147483649}";

  @Test
  void numbersKeepTheirExactText() {
    OciConfig c = config(NUMBERS);
    String text = c.toJson();
    for (String n :
        new String[] {
          "\"a\": 1.0,", "\"b\": 1e3,", "\"c\": 12345678901234567890,", "\"d\": -0,", "\"e\": 1E400,", "\"f\": 0.10,",
          "\"g\": -1.5e-7,", "\"h\": -0.0,", "\"i\": 123456789012345678901234567890.000000000000000000001,",
          "\"j\": 9223372036854775807,", "\"k\": -2147483649\n"
        }) {
      assertThat(text).contains(n);
    }
    assertThat(c.tree().get("c").bigIntegerValue()).isEqualTo(new BigInteger("12345678901234567890"));
  }

  @Test
  void hugeExponentsAreKeptWithoutExpandingTheNumber() {
    OciConfig c = config("{'a':1e999999999,'b':-1e-999999999,'c':2.5}");
    assertThat(c.toJson()).contains("\"a\": 1e999999999,", "\"b\": -1e-999999999,");
    JsonNode t = c.tree();
    assertThat(t.get("a").longValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(t.get("a").canConvertToLong()).isFalse();
    assertThat(t.get("b").longValue()).isZero();
    assertThat(t.get("b").canConvertToLong()).isTrue();
    assertThat(t.get("c").intValue()).isEqualTo(2);
    assertThat(t.get("c").doubleValue()).isEqualTo(2.5);
    assertThatThrownBy(() -> OciConfig.parse(j("{'process':{'user':{'uid':1e999999999}}}")))
        .hasMessageContaining("process.user.uid: expected an integer");
  }

  @Test
  void theOutputIsIndentedByTwoSpacesWithEmptyContainersClosed() {
    String json = "{'a':[],'b':{},'c':[1,{'d':'e'}],'s':'é\\n\\'q\\'\\u0001'}".replace("\\'", "\\\"");
    assertThat(config(json).toJson())
        .isEqualTo(
            """
            {
              "a": [],
              "b": {},
              "c": [
                1,
                {
                  "d": "e"
                }
              ],
              "s": "é\\n\\"q\\"\\u0001"
            }
            """);
  }

  @Test
  void theEmptyConfigIsAnEmptyObject() {
    assertThat(OciConfig.empty().toJson()).isEqualTo("{}\n");
    assertThat(OciConfig.empty()).isEqualTo(config("{}"));
  }

  @Test
  void aDuplicateKeyIsRejectedWithItsLineAndColumn() {
    assertThatThrownBy(() -> OciConfig.parse("{\n  \"a\": 1,\n  \"a\": 2\n}"))
        .isInstanceOfSatisfying(
            OciConfigException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.column()).isEqualTo(3);
              assertThat(e.problem()).isEqualTo("duplicate key \"a\"");
            })
        .hasMessage("<input>:3:3: duplicate key \"a\"");
  }

  @Test
  void aDuplicateKeyDeepInsideIsRejected() {
    assertThatThrownBy(() -> OciConfig.parse(j("{'process':{'user':{'uid':1,'uid':2}}}")))
        .isInstanceOf(OciConfigException.class)
        .hasMessageContaining("duplicate key \"uid\" in process.user");
  }

  @Test
  void trailingContentIsRejected() {
    assertThatThrownBy(() -> OciConfig.parse("{}\n{}")).isInstanceOfSatisfying(OciConfigException.class, e -> assertThat(e.line()).isEqualTo(2))
        .hasMessageContaining("unexpected content after the config object");
    assertThatThrownBy(() -> OciConfig.parse("{} x")).isInstanceOf(OciConfigException.class);
  }

  @Test
  void malformedJsonReportsLineAndColumn() {
    assertThatThrownBy(() -> OciConfig.parse("{\n  \"a\": [1, 2,,]\n}"))
        .isInstanceOfSatisfying(
            OciConfigException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isPositive();
            });
  }

  @Test
  void emptyInputAndNonObjectRootsAreRejected() {
    assertThatThrownBy(() -> OciConfig.parse("  ")).isInstanceOf(OciConfigException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> OciConfig.parse("[]")).isInstanceOf(OciConfigException.class).hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> OciConfig.parse("null")).isInstanceOf(OciConfigException.class);
  }

  @Test
  void aFieldCdiEditsMustHaveItsOciType() {
    assertThatThrownBy(() -> OciConfig.parse(j("{'process':{'env':'A=1'}}")))
        .isInstanceOfSatisfying(OciConfigException.class, e -> assertThat(e.fieldPath()).isEqualTo("process.env"))
        .hasMessageContaining("process.env: expected an array, found a string");
    assertThatThrownBy(() -> OciConfig.parse(j("{'process':{'env':['A=1',2]}}")))
        .isInstanceOfSatisfying(OciConfigException.class, e -> assertThat(e.fieldPath()).isEqualTo("process.env[1]"));
    assertThatThrownBy(() -> OciConfig.parse(j("{'process':{'user':{'uid':-1}}}")))
        .hasMessageContaining("process.user.uid: expected an integer from 0 to 4294967295");
    assertThatThrownBy(() -> OciConfig.parse(j("{'linux':{'devices':[{'path':'/dev/x','major':1.5}]}}")))
        .hasMessageContaining("linux.devices[0].major");
    assertThatThrownBy(() -> OciConfig.parse(j("{'annotations':{'k':1}}"))).hasMessageContaining("annotations.k");
  }

  @Test
  void fieldsCdiDoesNotEditMayHoldAnything() {
    OciConfig c = config("{'process':{'args':{'odd':true},'rlimits':7},'linux':{'sysctl':[1]},'hooks':{'custom':5},'root':'x'}");
    assertThat(c.tree().at("/hooks/custom").asInt()).isEqualTo(5);
  }

  @Test
  void readNamesTheFileInErrors(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.json"), "{\"a\":}");
    assertThatThrownBy(() -> OciConfig.read(file)).isInstanceOf(OciConfigException.class).hasMessageStartingWith(file + ":1:");
    Path good = Files.writeString(dir.resolve("good.json"), j("{'process':{'env':['A=1']}}"));
    assertThat(OciConfig.read(good).env()).containsExactly("A=1");
  }

  @Test
  void treeReturnsACopy() {
    OciConfig c = config("{'process':{'env':['A=1']}}");
    ((ObjectNode) c.tree().get("process")).putArray("env").add("B=2");
    assertThat(c.env()).containsExactly("A=1");
  }

  @Test
  void ofCopiesTheTreeAndChecksIt() throws Exception {
    ObjectNode tree = (ObjectNode) config("{'process':{'env':['A=1']}}").tree();
    OciConfig c = OciConfig.of(tree);
    tree.putObject("process").putArray("env").add("B=2");
    assertThat(c.env()).containsExactly("A=1");
    tree.put("process", 3);
    assertThatThrownBy(() -> OciConfig.of(tree)).isInstanceOf(OciConfigException.class).hasMessageContaining("process: expected an object");
    ObjectNode pojo = (ObjectNode) config("{}").tree();
    pojo.set("x", new POJONode(new Object()));
    assertThatThrownBy(() -> OciConfig.of(pojo)).isInstanceOf(OciConfigException.class).hasMessageContaining("not a JSON value");
  }

  @Test
  void theViewsReadWhatCdiEdits() {
    OciConfig c =
        config(
            "{'process':{'env':['A=1'],'user':{'uid':5,'gid':6,'additionalGids':[7]}},"
                + "'linux':{'namespaces':[{'type':'user'}],'intelRdt':{'closID':'c'}},"
                + "'annotations':{'cdi.k8s.io/x':'v.com/c=d'}}");
    assertThat(c.user()).isEqualTo(new OciConfig.User(OptionalLong.of(5L), OptionalLong.of(6L), java.util.List.of(7L)));
    assertThat(c.hasUserNamespace()).isTrue();
    assertThat(c.intelRdt()).hasValueSatisfying(n -> assertThat(n.get("closID").asText()).isEqualTo("c"));
    assertThat(c.annotations()).containsExactly(java.util.Map.entry("cdi.k8s.io/x", "v.com/c=d"));
    assertThat(config("{}").user()).isEqualTo(new OciConfig.User(null, null, null));
    assertThat(config("{}").hooks("prestart")).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void inputThatIsNotAConfigFailsWithAConfigException() {
    for (byte[] bad : java.util.List.of(
        "{\"a\":1e2147483648}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        new byte[] {'{', 0, 0, 0, 0},
        new byte[] {'{', '"', 'a', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', ':', '1', '}'},
        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'})) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> OciConfig.parse(bad))
          .as(new String(bad, java.nio.charset.StandardCharsets.ISO_8859_1))
          .isInstanceOf(OciConfigException.class);
    }
  }

  @org.junit.jupiter.api.Test
  void aByteOrderMarkIsSkipped() throws OciConfigException {
    byte[] withBom = "\uFEFF{\"ociVersion\": \"1.0.2\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    org.assertj.core.api.Assertions.assertThat(OciConfig.parse(withBom).tree().get("ociVersion").asText()).isEqualTo("1.0.2");
  }


  @Test
  void nestingDeeperThanTheLimitIsAConfigException() {
    String deep = "{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}";
    assertThatThrownBy(() -> OciConfig.parse(deep)).isInstanceOf(OciConfigException.class).hasMessageContaining("nests deeper than 256 levels");
    String ok = "{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}";
    assertThat(config(ok).toJson()).startsWith("{\n  \"a\": [\n    [");
  }
}
