package dev.jcdi.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's standalone example is this module's test source AddCacheMount.java, compiled and run here. */
class ReadmeExampleTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path EXAMPLE = Path.of("src", "test", "java", "AddCacheMount.java");

  @Test
  void theReadmeShowsTheExampleThatCompilesHere() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String example = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    assertThat(readme).contains("## jcdi-oci for any JVM container tool");
    assertThat(readme).contains("```java\n" + example + "```\n");
  }

  @Test
  void theExampleAddsTheEnvEntryAndTheMountAndKeepsTheRest(@TempDir Path bundle) throws Exception {
    Path config = bundle.resolve("config.json");
    String before =
        TestConfigs.j(
            "{'ociVersion':'1.2.0','process':{'env':['PATH=/bin','CACHE_DIR=/old'],'x-tool':{'n':1.50}},"
                + "'mounts':[{'destination':'/proc','type':'proc','source':'proc'}],'x-last':true}");
    Files.writeString(config, before);

    Method main = Class.forName("AddCacheMount").getMethod("main", String[].class);
    main.invoke(null, (Object) new String[] {bundle.toString()});

    OciConfig after = OciConfig.read(config);
    assertThat(after.env()).containsExactly("PATH=/bin", "CACHE_DIR=/cache");
    assertThat(after.mounts())
        .containsExactly(
            new OciConfig.MountEntry("/proc", Optional.of("proc"), Optional.of("proc"), null),
            new OciConfig.MountEntry("/cache", Optional.of("bind"), Optional.of("/var/cache/app"), List.of("rbind", "ro")));
    assertThat(after.toJson()).contains("\"n\": 1.50").endsWith("\"x-last\": true\n}\n");
    try (var files = Files.list(bundle)) {
      assertThat(files).containsExactly(config);
    }
  }
}
