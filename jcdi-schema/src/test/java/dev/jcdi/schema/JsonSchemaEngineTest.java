package dev.jcdi.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.jcdi.spec.SpecFormat;
import dev.jcdi.spec.SpecParseException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The draft-07 keywords, references and schema loading, each with a value that passes and one that fails. */
class JsonSchemaEngineTest {
  @TempDir Path dir;

  private SpecSchema schema(String json) throws IOException, SchemaException {
    Path p = Files.writeString(dir.resolve("s" + System.nanoTime() + ".json"), json);
    return SpecSchema.load(p);
  }

  private static List<String> check(SpecSchema s, String instance) throws SpecParseException {
    return s.validate(instance, SpecFormat.JSON, "i.json").stream().map(SchemaViolation::toString).toList();
  }

  @ParameterizedTest(name = "{0}: {1} passes, {2} fails")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      {"type":"integer"}                                   | 3                  | 3.5
      {"type":"integer"}                                   | 3.0                | "3"
      {"type":["string","null"]}                           | null               | 1
      {"enum":[1,"a",[true]]}                              | [true]             | "b"
      {"const":{"a":[1]}}                                  | {"a":[1.0]}        | {"a":[1],"b":2}
      {"minimum":2,"maximum":4}                            | 4                  | 4.01
      {"exclusiveMinimum":2}                               | 2.5                | 2
      {"minimum":2,"exclusiveMinimum":true}                | 3                  | 2
      {"exclusiveMaximum":2}                               | 1                  | 2
      {"multipleOf":0.5}                                   | 2.5                | 2.25
      {"minLength":2,"maxLength":3}                        | "\\ud83d\\ude00x"  | "\\ud83d\\ude00"
      {"pattern":"b+"}                                     | "abbc"             | "ac"
      {"items":{"type":"integer"},"minItems":1}            | [1,2]              | [1,"x"]
      {"items":[{"type":"string"}],"additionalItems":false} | ["a"]              | ["a",1]
      {"maxItems":1}                                       | []                 | [1,2]
      {"uniqueItems":true}                                 | [1,"1",[1]]        | [{"a":1},{"a":1.0}]
      {"contains":{"const":3}}                             | [1,3]              | [1,2]
      {"required":["a"],"properties":{"a":{"type":"string"}}} | {"a":"x"}       | {"a":1}
      {"patternProperties":{"^x-":{"type":"integer"}},"additionalProperties":false} | {"x-a":1} | {"y":1}
      {"additionalProperties":{"type":"boolean"}}          | {"a":true}         | {"a":"true"}
      {"propertyNames":{"maxLength":2}}                    | {"ab":1}           | {"abc":1}
      {"minProperties":1,"maxProperties":1}                | {"a":1}            | {}
      {"dependencies":{"a":["b"]}}                         | {"a":1,"b":2}      | {"a":1}
      {"dependencies":{"a":{"required":["c"]}}}            | {"a":1,"c":2}      | {"a":1}
      {"allOf":[{"type":"integer"},{"minimum":3}]}         | 3                  | 2
      {"anyOf":[{"type":"string"},{"minimum":3}]}          | "x"                | 2
      {"oneOf":[{"type":"integer"},{"minimum":3}]}         | 2                  | 4
      {"not":{"type":"string"}}                            | 1                  | "x"
      {"if":{"type":"integer"},"then":{"minimum":3},"else":{"type":"string"}} | "x" | 2
      {"properties":{"a":false}}                           | {"b":1}            | {"a":1}
      {"$ref":"#/definitions/a~1b","definitions":{"a/b":{"type":"integer"}}} | 1 | "x"
      {"$ref":"#/definitions/a%20b","definitions":{"a b":{"type":"integer"}}} | 1 | "x"
      {"definitions":{"x":{"$id":"#pos","minimum":0}},"items":{"$ref":"#pos"}} | [1] | [-1]
      {"type":"object","properties":{"kids":{"type":"array","items":{"$ref":"#"}}},"additionalProperties":false} | {"kids":[{"kids":[]}]} | {"kids":[{"kid":[]}]}
      """)
  void keywordPassesAndFails(String schema, String good, String bad) throws Exception {
    SpecSchema s = schema(schema);
    assertThat(check(s, good)).isEmpty();
    assertThat(check(s, bad)).isNotEmpty();
  }

  @Test
  void draft07IgnoresKeywordsBesideRefAndLaterDraftsDoNot() throws Exception {
    String body = "\"$ref\":\"#/definitions/i\",\"minimum\":5,\"definitions\":{\"i\":{\"type\":\"integer\"}}}";
    assertThat(check(schema("{\"$schema\":\"http://json-schema.org/draft-07/schema#\"," + body), "1")).isEmpty();
    assertThat(check(schema("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"," + body), "1")).hasSize(1);
  }

  @Test
  void referenceCycleThatConsumesNothingEnds() throws Exception {
    assertThat(check(schema("{\"$ref\":\"#\"}"), "1")).isEmpty();
    assertThat(check(schema("{\"definitions\":{\"a\":{\"$ref\":\"#/definitions/b\"},\"b\":{\"$ref\":\"#/definitions/a\"}},\"$ref\":\"#/definitions/a\"}"), "1")).isEmpty();
  }

  @Test
  void relativeReferenceLoadsTheFileBesideTheSchema() throws Exception {
    Files.writeString(dir.resolve("defs.json"), "{\"definitions\":{\"u8\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":255}}}");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/more.json"), "{\"definitions\":{\"name\":{\"type\":\"string\",\"pattern\":\"^[a-z]+$\"}}}");
    SpecSchema s = schema("{\"properties\":{\"n\":{\"$ref\":\"defs.json#/definitions/u8\"},\"s\":{\"$ref\":\"sub/more.json#/definitions/name\"}}}");
    assertThat(check(s, "{\"n\":255,\"s\":\"ab\"}")).isEmpty();
    assertThat(check(s, "{\"n\":256,\"s\":\"Ab\"}"))
        .containsExactly("at /n: 256 is more than the maximum of 255", "at /s: \"Ab\" does not match the pattern \"^[a-z]+$\"");
  }

  @Test
  void idChangesTheBaseOfRelativeReferences() throws Exception {
    Files.createDirectories(dir.resolve("lib"));
    Files.writeString(dir.resolve("lib/t.json"), "{\"type\":\"boolean\"}");
    SpecSchema s = schema("{\"properties\":{\"b\":{\"$id\":\"lib/\",\"properties\":{\"c\":{\"$ref\":\"t.json\"}}}}}");
    assertThat(check(s, "{\"b\":{\"c\":true}}")).isEmpty();
    assertThat(check(s, "{\"b\":{\"c\":1}}")).containsExactly("at /b/c: expected boolean, got integer");
  }

  @Test
  void everyViolationIsReportedInDocumentOrder() throws Exception {
    SpecSchema s = schema("{\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}},\"required\":[\"c\"]}");
    assertThat(check(s, "{\n\"b\": 1,\n\"a\": 2\n}"))
        .containsExactly("missing property \"c\"", "at /b: expected string, got integer", "at /a: expected string, got integer");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      {"type":"integr"}                          | unknown type "integr"
      {"pattern":"("}                            | is not a regular expression
      {"$ref":"#/definitions/nope"}              | points at nothing
      {"$ref":"missing.json"}                    | no such file
      {"allOf":[]}                               | allOf must be a non-empty array of schemas
      {"properties":{"a":3}}                     | a schema must be an object or a boolean
      {"minLength":-1}                           | minLength must be a non-negative integer
      {"required":"a"}                           | required must be an array of strings
      {"type":"string",}                         | s
      """)
  void unusableSchemaIsRejectedWhenLoaded(String schema, String message) {
    assertThatThrownBy(() -> schema(schema)).isInstanceOf(SchemaException.class).hasMessageContaining(message);
  }

  @Test
  void loadErrorNamesTheDocumentAndPlace() throws IOException {
    Path p = Files.writeString(dir.resolve("bad.json"), "{\n  \"properties\": {\n    \"a\": {\"pattern\": \"[\"}\n  }\n}");
    assertThatThrownBy(() -> SpecSchema.load(p))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith(p.toUri() + ":3:").hasMessageContaining("#/properties/a/pattern");
  }

  @Test
  void loadByNameFollowsTheReference() throws Exception {
    assertThat(SpecSchema.load("builtin")).isSameAs(SpecSchema.builtin());
    assertThat(SpecSchema.load(" none ").isNone()).isTrue();
    assertThat(SpecSchema.load("").isNone()).isTrue();
    Path p = Files.writeString(dir.resolve("x.json"), "{\"type\":\"object\"}");
    assertThat(SpecSchema.load(p.toString()).name()).isEqualTo(p.toUri().toString());
    assertThat(SpecSchema.load(p.toUri().toString()).isNone()).isFalse();
    assertThatThrownBy(() -> SpecSchema.load("ftp://example.com/s.json")).isInstanceOf(SchemaException.class);
    for (String odd : List.of("file:rel.json", "file://host/x", "http://", "https:///x.json")) {
      assertThatThrownBy(() -> SpecSchema.load(odd)).as(odd).isInstanceOf(SchemaException.class);
    }
  }

  @Test
  void schemaIsFetchedOverHttpWithItsReferences() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    Map<String, String> served = Map.of(
        "/cdi/schema.json", "{\"properties\":{\"n\":{\"$ref\":\"defs.json#/definitions/n\"}}}",
        "/cdi/defs.json", "{\"definitions\":{\"n\":{\"type\":\"integer\"}}}");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      requests.incrementAndGet();
      String body = served.get(ex.getRequestURI().getPath());
      byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/cdi/";
      SpecSchema s = SpecSchema.load(base + "schema.json");
      assertThat(requests.get()).isEqualTo(2);
      assertThat(check(s, "{\"n\":1}")).isEmpty();
      assertThat(check(s, "{\"n\":\"1\"}")).containsExactly("at /n: expected integer, got string");
      assertThat(requests.get()).as("validation fetches nothing").isEqualTo(2);
      assertThatThrownBy(() -> SpecSchema.load(base + "gone.json"))
          .isInstanceOf(SchemaException.class).hasMessageContaining("HTTP status 404");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void oneSchemaIsSharedSafelyBetweenThreads() throws Exception {
    SpecSchema s = SpecSchema.builtin();
    String good = "{\"cdiVersion\":\"0.3.0\",\"kind\":\"vendor.com/gpu\",\"devices\":[{\"name\":\"d\",\"containerEdits\":{\"env\":[\"A=1\"]}}]}";
    String bad = good.replace("\"A=1\"", "\"=1\"");
    List<Thread> threads = new java.util.ArrayList<>();
    java.util.concurrent.ConcurrentLinkedQueue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (int t = 0; t < 8; t++) {
      Thread th = new Thread(() -> {
        try {
          for (int i = 0; i < 500; i++) {
            if (!check(s, good).isEmpty() || check(s, bad).size() != 1) {
              failures.add("wrong result");
            }
          }
        } catch (Exception e) {
          failures.add(e.toString());
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void anIdDefinesADocumentThatIsNeverFetched() throws Exception {
    SpecSchema s = schema("{\"$id\":\"https://example.invalid/cdi/schema.json\",\"properties\":{\"a\":{\"$ref\":\"#/definitions/n\"},"
        + "\"b\":{\"$ref\":\"other.json#/definitions/s\"}},\"definitions\":{\"n\":{\"type\":\"integer\"},"
        + "\"o\":{\"$id\":\"other.json\",\"definitions\":{\"s\":{\"type\":\"string\"}}}}}");
    assertThat(check(s, "{\"a\":1,\"b\":\"x\"}")).isEmpty();
    assertThat(check(s, "{\"a\":\"1\",\"b\":2}")).hasSize(2);
  }

  @Test
  void aReferenceOutsideTheKeywordsIsCheckedAndUsed() throws Exception {
    SpecSchema s = schema("{\"properties\":{\"a\":{\"$ref\":\"#/components/s\"}},\"components\":{\"s\":{\"pattern\":\"^a\"}}}");
    assertThat(check(s, "{\"a\":\"ab\"}")).isEmpty();
    assertThat(check(s, "{\"a\":\"ba\"}")).hasSize(1);
    assertThatThrownBy(() -> schema("{\"properties\":{\"a\":{\"$ref\":\"#/required\"}},\"required\":[\"a\"]}"))
        .isInstanceOf(SchemaException.class).hasMessageContaining("a schema must be an object or a boolean");
  }

  @Test
  void idsWithSpacesAndPointersBelowAnIdResolveAgainstThatId() throws Exception {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/t.json"), "{\"type\":\"boolean\"}");
    SpecSchema s = schema("{\"properties\":{\"x\":{\"$id\":\"my item.json\",\"type\":\"string\"},"
        + "\"y\":{\"$ref\":\"#/definitions/in/properties/z\"}},"
        + "\"definitions\":{\"in\":{\"$id\":\"sub/\",\"properties\":{\"z\":{\"$ref\":\"t.json\"}}}}}");
    assertThat(check(s, "{\"x\":\"ok\",\"y\":true}")).isEmpty();
    assertThat(check(s, "{\"x\":1,\"y\":1}")).hasSize(2);
  }

  @Test
  void hugeNumbersAreNumbersThatNoBoundCanHold() throws Exception {
    assertThat(check(schema("{\"uniqueItems\":true}"), "[1e99999,2,1e99999]")).hasSize(1);
    assertThat(check(schema("{\"type\":\"number\"}"), "1e99999")).singleElement().asString().contains("out of range");
  }

  @Test
  void dollarEndsTheTextAsInEcmaScript() throws Exception {
    SpecSchema s = schema("{\"pattern\":\"^[a-z]+$\"}");
    assertThat(check(s, "\"abc\"")).isEmpty();
    assertThat(check(s, "\"abc\\n\"")).hasSize(1);
    assertThat(check(schema("{\"pattern\":\"^[$]x\\\\$$\"}"), "\"$x$\"")).isEmpty();
  }

  @Test
  void urnBaseUrisResolveFragmentsAndPointers() throws Exception {
    SpecSchema s = schema("{\"$id\":\"urn:uuid:deadbeef-1234-0000-0000-4321feebdaed\","
        + "\"properties\":{\"a\":{\"$ref\":\"#/definitions/s\"},\"b\":{\"$ref\":\"urn:uuid:deadbeef-1234-0000-0000-4321feebdaed#n\"}},"
        + "\"definitions\":{\"s\":{\"type\":\"string\"},\"n\":{\"$id\":\"#n\",\"type\":\"number\"}}}");
    assertThat(check(s, "{\"a\":\"x\",\"b\":1}")).isEmpty();
    assertThat(check(s, "{\"a\":1,\"b\":\"x\"}")).hasSize(2);
  }

  @Test
  void aPathCannotBeResolvedAgainstAUrnAndSaysSo() {
    assertThatThrownBy(() -> schema("{\"$id\":\"urn:example:root\",\"properties\":{\"a\":{\"$ref\":\"other.json\"}}}"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("\"other.json\" cannot be resolved against the base URI urn:example:root")
        .message().doesNotContain("null").doesNotContain("Exception");
  }

  @Test
  void anIdBesideARefDoesNotChangeTheRefsBase() throws Exception {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("t.json"), "{\"type\":\"integer\"}");
    Files.writeString(dir.resolve("sub/t.json"), "{\"type\":\"string\"}");
    SpecSchema s = schema("{\"allOf\":[{\"$id\":\"sub/\",\"$ref\":\"t.json\"}]}");
    assertThat(check(s, "1")).isEmpty();
    assertThat(check(s, "\"x\"")).containsExactly("expected integer, got string");
  }

  @Test
  void theDraft07MetaSchemaIsBundledAndNeverFetched() throws Exception {
    SpecSchema meta = schema("{\"$ref\":\"http://json-schema.org/draft-07/schema#\"}");
    assertThat(check(meta, "{\"type\":\"object\",\"properties\":{\"a\":{\"minLength\":1}}}")).isEmpty();
    assertThat(check(meta, "{\"type\":\"objekt\",\"minLength\":-1}")).isNotEmpty();
    assertThat(SpecSchema.load("http://json-schema.org/draft-07/schema").isNone()).isFalse();
  }

  @Test
  void aFailedFetchSaysWhyWithoutJavaNames() throws Exception {
    int port;
    try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/schema.json";
    assertThatThrownBy(() -> SpecSchema.load(url))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("cannot load JSON schema " + url + ": connection refused")
        .message().doesNotContain("null").doesNotContain("Exception");
  }

  @ParameterizedTest(name = "{0}: {1} passes, {2} fails")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      date                  | "2024-02-29"                   | "2023-02-29"
      time                  | "23:59:60Z"                    | "23:58:60Z"
      date-time             | "2024-01-01T08:30:06.5+01:00"  | "2024-01-01 08:30:06"
      email                 | "a.b@example.com"              | "a..b@example.com"
      hostname              | "xn--4dbc5h.example"           | "-host.example"
      idn-hostname          | "실례.테스트"                    | "a\u00b7b"
      ipv4                  | "192.168.0.1"                  | "192.168.0.01"
      ipv6                  | "1::d6:192.168.0.1"            | "1::d6::42"
      uri                   | "urn:example:x"                | "/relative"
      uri-reference         | "../a?b#c"                     | "a b"
      iri                   | "http://ƒøø.ßår/"              | "http://[::1"
      uri-template          | "/d/{term:1}/{+path}"          | "/d/{term"
      json-pointer          | "/a~1b/0"                      | "/a~2"
      relative-json-pointer | "1/a"                          | "01/a"
      regex                 | "^[a-z]\\\\s+$"                | "(?i)abc"
      made-up               | "anything"                     | 1
      """)
  void knownFormatsAreAssertedAndOthersIgnored(String format, String good, String bad) throws Exception {
    SpecSchema s = schema("{\"format\":\"" + format + "\"}");
    assertThat(check(s, good)).isEmpty();
    assertThat(check(s, "12")).as("a format constrains strings only").isEmpty();
    if (!format.equals("made-up")) {
      assertThat(check(s, bad)).singleElement().asString().endsWith("is not of the format \"" + format + "\"");
    }
  }

  @Test
  void patternsAreEcmaScript() throws Exception {
    assertThat(check(schema("{\"pattern\":\"^\\\\s$\"}"), "\"\\u00a0\"")).as("\\s takes a no-break space").isEmpty();
    assertThat(check(schema("{\"pattern\":\"^\\\\S$\"}"), "\"\\u2028\"")).hasSize(1);
    assertThat(check(schema("{\"pattern\":\"^\\\\p{Letter}+$\"}"), "\"\u00e9t\u00e9\"")).isEmpty();
    assertThat(check(schema("{\"pattern\":\"^\\\\cc$\"}"), "\"\\u0003\"")).isEmpty();
    assertThat(check(schema("{\"pattern\":\"^[^]$\"}"), "\"\\n\"")).isEmpty();
    assertThat(check(schema("{\"pattern\":\"[]\"}"), "\"x\"")).hasSize(1);
  }
}
