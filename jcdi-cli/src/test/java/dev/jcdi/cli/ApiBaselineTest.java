package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The public API of each published module, as a sorted text of its public types and their public and
 * protected members, is the one recorded in {@code api/ARTIFACT.api} at the repository root. A change
 * to the API fails this test until the baseline is updated with it
 * ({@code mvn verify -Djcdi.api.update=true}), so every API change shows in review as a diff of that
 * file.
 */
class ApiBaselineTest {
  /** Each published module and its one exported package. */
  static final Map<String, String> MODULES = new LinkedHashMap<>();

  static {
    MODULES.put("jcdi-spec", "dev.jcdi.spec");
    MODULES.put("jcdi-oci", "dev.jcdi.oci");
    MODULES.put("jcdi-runtime", "dev.jcdi.runtime");
    MODULES.put("jcdi-schema", "dev.jcdi.schema");
  }

  @TestFactory
  Stream<DynamicTest> publicApiIsTheRecordedBaseline() {
    return MODULES.entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())));
  }

  private static void check(String artifact, String pkg) throws Exception {
    String actual = dump(pkg);
    Path baseline = root().resolve("api").resolve(artifact + ".api");
    if (Boolean.getBoolean("jcdi.api.update")) {
      Files.createDirectories(baseline.getParent());
      Files.writeString(baseline, actual, StandardCharsets.UTF_8);
    }
    assertThat(baseline).as("API baseline of %s (create it with -Djcdi.api.update=true)", artifact).isRegularFile();
    assertThat(actual)
        .as("the public API of %s differs from %s; if the change is meant, update the baseline with "
            + "mvn verify -Djcdi.api.update=true and review its diff", artifact, baseline)
        .isEqualTo(Files.readString(baseline, StandardCharsets.UTF_8));
  }

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("README.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).isNotNull();
    return dir;
  }

  /** The public API of the classes of {@code pkg} (not its sub-packages), one line per member. */
  static String dump(String pkg) throws IOException, URISyntaxException, ClassNotFoundException {
    List<String> lines = new ArrayList<>();
    for (String name : classNames(pkg)) {
      Class<?> c = Class.forName(name, false, ApiBaselineTest.class.getClassLoader());
      if (!isApi(c)) {
        continue;
      }
      lines.add(typeLine(c));
      TreeSet<String> members = new TreeSet<>();
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (isApi(k)) {
          members.add("  " + k.toGenericString());
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (isApi(m) && !m.isSynthetic() && !m.isBridge()) {
          members.add("  " + m.toGenericString());
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (isApi(f) && !f.isSynthetic()) {
          members.add("  " + f.toGenericString());
        }
      }
      lines.addAll(members);
    }
    return String.join("\n", lines) + "\n";
  }

  private static String typeLine(Class<?> c) {
    StringBuilder b = new StringBuilder(Modifier.toString(c.getModifiers() & ~Modifier.STATIC & ~Modifier.INTERFACE));
    b.append(b.length() == 0 ? "" : " ")
        .append(c.isRecord() ? "record" : c.isEnum() ? "enum" : c.isAnnotation() ? "@interface" : c.isInterface() ? "interface" : "class")
        .append(' ')
        .append(c.getName());
    if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && !c.isEnum() && !c.isRecord()) {
      b.append(" extends ").append(c.getGenericSuperclass().getTypeName());
    }
    if (c.getGenericInterfaces().length > 0) {
      b.append(c.isInterface() ? " extends " : " implements ");
      b.append(String.join(", ", Stream.of(c.getGenericInterfaces()).map(java.lang.reflect.Type::getTypeName).toList()));
    }
    return b.toString();
  }

  /** Public, or protected in a type that can be extended; nested types count when all enclosing ones do. */
  private static boolean isApi(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isApi(Member m) {
    int mod = m.getModifiers();
    return Modifier.isPublic(mod)
        || (Modifier.isProtected(mod) && !Modifier.isFinal(m.getDeclaringClass().getModifiers()));
  }

  /** The binary names of every class in {@code pkg}, from the directory or jar it was loaded from. */
  private static List<String> classNames(String pkg) throws IOException, URISyntaxException, ClassNotFoundException {
    Path location = Path.of(Class.forName(anyClassOf(pkg)).getProtectionDomain().getCodeSource().getLocation().toURI());
    String dir = pkg.replace('.', '/');
    TreeSet<String> names = new TreeSet<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.list(location.resolve(dir))) {
        files.map(p -> p.getFileName().toString())
            .filter(f -> f.endsWith(".class") && !f.equals("module-info.class") && !f.equals("package-info.class"))
            .forEach(f -> names.add(pkg + "." + f.substring(0, f.length() - 6)));
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
          String n = e.nextElement().getName();
          if (n.startsWith(dir + "/") && n.endsWith(".class") && n.indexOf('/', dir.length() + 1) < 0
              && !n.endsWith("module-info.class") && !n.endsWith("package-info.class")) {
            names.add(n.substring(0, n.length() - 6).replace('/', '.'));
          }
        }
      }
    }
    return List.copyOf(names);
  }

  private static String anyClassOf(String pkg) {
    return switch (pkg) {
      case "dev.jcdi.spec" -> "dev.jcdi.spec.Spec";
      case "dev.jcdi.runtime" -> "dev.jcdi.runtime.Registry";
      case "dev.jcdi.schema" -> "dev.jcdi.schema.SpecSchema";
      case "dev.jcdi.oci" -> "dev.jcdi.oci.OciConfig";
      default -> throw new IllegalArgumentException("no known class in " + pkg);
    };
  }
}
