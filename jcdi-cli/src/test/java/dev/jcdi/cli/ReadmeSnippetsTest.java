package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of the README compiles as shown: its imports are complete, and what it
 * calls exists with the types it uses. A block is either a whole compilation unit (it declares a
 * class) or imports followed by statements, which are compiled as the body of a method that may
 * throw anything.
 */
class ReadmeSnippetsTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyJavaBlockOfTheReadmeCompiles() throws IOException {
    List<String> blocks = javaBlocks(Files.readString(readme(), StandardCharsets.UTF_8));
    assertThat(blocks).as("java blocks in README.md").isNotEmpty();
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      String block = blocks.get(i);
      int n = i + 1;
      String first = block.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
      tests.add(DynamicTest.dynamicTest("block " + n + ": " + first, () -> assertCompiles(n, block)));
    }
    return tests.stream();
  }

  /** The README at the repository root, found from the module directory the tests run in. */
  private static Path readme() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("README.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a README.md above %s", Path.of("").toAbsolutePath()).isNotNull();
    return dir.resolve("README.md");
  }

  static List<String> javaBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    for (String line : markdown.split("\n", -1)) {
      if (current == null && line.strip().equals("```java")) {
        current = new StringBuilder();
      } else if (current != null && line.strip().equals("```")) {
        blocks.add(current.toString());
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return blocks;
  }

  private void assertCompiles(int n, String block) throws IOException, URISyntaxException {
    String name = "Snippet" + n;
    String unit;
    if (block.lines().anyMatch(l -> l.matches("(public )?(final )?(class|record|interface) .*"))) {
      unit = block;
      String declared = block.lines()
          .filter(l -> l.matches("(public )?(final )?(class|record|interface) .*"))
          .findFirst().orElseThrow()
          .replaceAll("^(public )?(final )?(class|record|interface) ", "")
          .split("[ {<(]")[0];
      name = declared;
    } else {
      StringBuilder imports = new StringBuilder();
      StringBuilder body = new StringBuilder();
      for (String line : block.split("\n", -1)) {
        (line.startsWith("import ") ? imports : body).append(line).append('\n');
      }
      unit = imports + "\nclass " + name + " {\n  static void run() throws Exception {\n" + body + "  }\n}\n";
    }
    Path src = Files.createDirectories(tmp.resolve("src" + n)).resolve(name + ".java");
    Files.writeString(src, unit);
    Path out = Files.createDirectories(tmp.resolve("out" + n));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    List<String> args = List.of(
        "-proc:none", "-classpath", classPath(), "-d", out.toString());
    boolean ok = javac.getTask(diagnostics, null, null, args, null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
            .getJavaFileObjects(src.toFile()))
        .call();
    assertThat(ok).as("README java block %d does not compile:%n%s%n%s", n, diagnostics, unit).isTrue();
  }

  /** The jcdi modules and their dependencies, from where their classes were loaded. */
  private static String classPath() throws URISyntaxException {
    Set<String> entries = new LinkedHashSet<>();
    for (String marker : List.of(
        "dev.jcdi.spec.Spec",
        "dev.jcdi.runtime.Registry",
        "dev.jcdi.schema.SpecSchema",
        "dev.jcdi.oci.OciConfig",
        "com.fasterxml.jackson.core.JsonParser",
        "com.fasterxml.jackson.databind.JsonNode")) {
      try {
        Class<?> c = Class.forName(marker);
        entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (ClassNotFoundException e) {
        throw new AssertionError("not on the test class path: " + marker, e);
      }
    }
    // Any other jcdi module on the test class path (e.g. one that jcdi-runtime depends on).
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (entry.contains("jcdi")) {
        entries.add(entry);
      }
    }
    return entries.stream().collect(Collectors.joining(java.io.File.pathSeparator));
  }
}
