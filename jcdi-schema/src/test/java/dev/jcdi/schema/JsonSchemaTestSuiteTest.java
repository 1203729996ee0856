package dev.jcdi.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jcdi.spec.SpecFormat;
import dev.jcdi.spec.internal.JsonTreeParser;
import dev.jcdi.spec.internal.Limits;
import dev.jcdi.spec.internal.ParserSettings;
import dev.jcdi.spec.internal.Tree;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official JSON Schema Test Suite, draft-07 part (see {@code json-schema-test-suite/SOURCE.md} in
 * the test resources), run against jcdi's engine through the public API: each group's schema is
 * written to a file and loaded with {@link SpecSchema#load(Path)}, each test's data is validated as
 * JSON text. The documents the suite names as {@code http://localhost:1234/...} are served from its
 * {@code remotes/} folder by a real HTTP server on the loopback address, port 1234, as the suite
 * asks; the draft-07 meta-schema is never fetched (jcdi bundles it).
 *
 * <p>Every required test ({@code tests/draft7/*.json}) must pass. The optional ones ({@code
 * optional/}, formats included) are run too; one that fails is reported as skipped (aborted) with the
 * reason, and the pass rates of both are printed when the class ends.
 */
class JsonSchemaTestSuiteTest {
  private static final String SUITE = "/json-schema-test-suite/";
  private static final int REMOTE_PORT = 1234;
  private static final ParserSettings PARSER = new ParserSettings(new Limits(64L << 20, 256, 0, 10_000_000));
  /** What a message that reaches a user must never carry: Java's null, or an exception's class name. */
  private static final Pattern LEAK = Pattern.compile("(?<![\"\\w])null(?![\"\\w])(?!,| or| and)|Exception|Error\\b|java\\.");

  @TempDir static Path dir;
  private static HttpServer server;
  private static final AtomicInteger counter = new AtomicInteger();
  private static final Map<String, int[]> tally = new ConcurrentHashMap<>();
  private static final List<String> optionalFailures = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void serveRemotes() throws Exception {
    Path remotes = suite().resolve("remotes");
    server = bindPort1234();
    server.createContext("/", ex -> {
      try (ex) {
        String path = ex.getRequestURI().getPath();
        Path file = remotes.resolve(path.substring(1)).normalize();
        boolean found = file.startsWith(remotes) && Files.isRegularFile(file);
        byte[] body = found ? Files.readAllBytes(file) : "not found".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", found ? "application/json" : "text/plain");
        ex.sendResponseHeaders(found ? 200 : 404, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
  }

  /** Binds 127.0.0.1:1234, waiting a while for another build that holds it (the suite's URLs fix the port). */
  private static HttpServer bindPort1234() throws IOException, InterruptedException {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), REMOTE_PORT);
    for (int attempt = 0; ; attempt++) {
      try {
        return HttpServer.create(address, 0);
      } catch (BindException e) {
        if (attempt == 120) {
          throw new IOException("the suite's remotes must be served on " + address + ", which stays in use", e);
        }
        Thread.sleep(500);
      }
    }
  }

  @AfterAll
  static void report() {
    if (server != null) {
      server.stop(0);
    }
    List<String> lines = new ArrayList<>();
    tally.forEach((kind, n) -> lines.add(String.format("JSON Schema Test Suite, draft-07, %s: %d of %d tests pass", kind, n[0], n[1])));
    optionalFailures.stream().sorted().forEach(f -> lines.add("  optional, fails: " + f));
    System.out.println(String.join(System.lineSeparator(), lines));
  }

  private static Path suite() throws URISyntaxException {
    return Path.of(JsonSchemaTestSuiteTest.class.getResource(SUITE + "LICENSE").toURI()).getParent();
  }

  @TestFactory
  Stream<DynamicNode> required() throws Exception {
    return files(suite().resolve("tests/draft7"), false);
  }

  @TestFactory
  Stream<DynamicNode> optional() throws Exception {
    return files(suite().resolve("tests/draft7/optional"), true);
  }

  private static Stream<DynamicNode> files(Path folder, boolean optional) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> s = optional ? Files.walk(folder) : Files.list(folder)) {
      s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(found::add);
    }
    assertThat(found).as("suite files in " + folder).isNotEmpty();
    return found.stream().map(f -> DynamicContainer.dynamicContainer(folder.relativize(f).toString(), f.toUri(), groups(f, optional)));
  }

  private static Stream<DynamicNode> groups(Path file, boolean optional) {
    Tree.ListNode groups;
    try {
      groups = (Tree.ListNode) new JsonTreeParser(PARSER).parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(file + " does not parse", e);
    }
    String kind = optional ? "optional" : "required";
    String name = file.getParent().getFileName() + "/" + file.getFileName();
    return groups.items().stream().map(g -> {
      Map<String, Tree.Node> group = ((Tree.MapNode) g).values();
      String schema = json(group.get("schema"));
      Lazy loaded = new Lazy(schema);
      Stream<DynamicNode> tests = ((Tree.ListNode) group.get("tests")).items().stream().map(t -> {
        Map<String, Tree.Node> test = ((Tree.MapNode) t).values();
        String data = json(test.get("data"));
        boolean valid = test.get("valid") instanceof Tree.ScalarNode v && v.text().equals("true");
        tally.computeIfAbsent(kind, k -> new int[2]);
        synchronized (tally) {
          tally.get(kind)[1]++;
        }
        return DynamicTest.dynamicTest(text(test.get("description")), () -> {
          String failure = check(loaded, data, valid);
          if (failure == null) {
            synchronized (tally) {
              tally.get(kind)[0]++;
            }
            return;
          }
          if (optional) {
            optionalFailures.add(name + " / " + text(group.get("description")) + " / " + text(test.get("description")) + ": " + failure);
            Assumptions.abort("optional test fails: " + failure);
          }
          throw new AssertionError(failure + "\nschema: " + schema + "\ndata: " + data);
        });
      });
      return (DynamicNode) DynamicContainer.dynamicContainer(text(group.get("description")), tests);
    });
  }

  /** Returns why the test fails, or null when it passes. */
  private static String check(Lazy loaded, String data, boolean valid) throws Exception {
    SpecSchema schema;
    try {
      schema = loaded.get();
    } catch (SchemaException e) {
      assertThat(e.getMessage()).as("a load error a user reads").doesNotContainPattern(LEAK);
      return "the schema does not load: " + e.getMessage();
    }
    List<SchemaViolation> violations = schema.validate(data, SpecFormat.JSON, "data.json");
    for (SchemaViolation v : violations) {
      assertThat(v.message()).as("a violation a user reads").doesNotContain("Exception").doesNotContain("java.");
    }
    if (violations.isEmpty() == valid) {
      return null;
    }
    return valid ? "valid data rejected: " + violations : "invalid data accepted";
  }

  /** A group's schema, loaded once by the first of its tests that runs. */
  private static final class Lazy {
    private final String json;
    private SpecSchema schema;
    private SchemaException failure;

    Lazy(String json) {
      this.json = json;
    }

    synchronized SpecSchema get() throws SchemaException, IOException {
      if (schema == null && failure == null) {
        Path file = Files.writeString(dir.resolve("schema-" + counter.incrementAndGet() + ".json"), json);
        try {
          schema = SpecSchema.load(file);
        } catch (SchemaException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return schema;
    }
  }

  private static String text(Tree.Node n) {
    return ((Tree.ScalarNode) n).text();
  }

  /** Writes a parsed value back as JSON text (numbers exactly as written). */
  static String json(Tree.Node n) {
    StringBuilder b = new StringBuilder();
    json(n, b);
    return b.toString();
  }

  private static void json(Tree.Node n, StringBuilder b) {
    if (n instanceof Tree.MapNode m) {
      b.append('{');
      String sep = "";
      for (Map.Entry<String, Tree.Node> e : m.values().entrySet()) {
        b.append(sep);
        string(e.getKey(), b);
        b.append(':');
        json(e.getValue(), b);
        sep = ",";
      }
      b.append('}');
    } else if (n instanceof Tree.ListNode l) {
      b.append('[');
      for (int i = 0; i < l.items().size(); i++) {
        b.append(i == 0 ? "" : ",");
        json(l.items().get(i), b);
      }
      b.append(']');
    } else {
      Tree.ScalarNode s = (Tree.ScalarNode) n;
      if (s.style() == Tree.Style.STRING) {
        string(s.text(), b);
      } else {
        b.append(s.style() == Tree.Style.NULL ? "null" : s.text());
      }
    }
  }

  private static void string(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('"');
  }
}
