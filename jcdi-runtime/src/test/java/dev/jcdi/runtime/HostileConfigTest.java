package dev.jcdi.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jcdi.oci.OciConfig;
import dev.jcdi.oci.OciConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No config makes jcdi overflow its stack or slow (issue 9 item 4): nesting is bounded with a clear
 * error, and annotation parsing is linear. The timeouts guard against a hang, not a speed target.
 */
class HostileConfigTest {
  private static final Duration HANG = Duration.ofSeconds(60);
  @TempDir Path tmp;

  @Test
  void aDeeplyNestedArrayIsAClearErrorNotAStackOverflow() throws Exception {
    Path config = Files.writeString(tmp.resolve("config.json"),
        "{\"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}");
    assertThatThrownBy(() -> OciConfig.read(config))
        .isInstanceOfSatisfying(OciConfigException.class, e -> {
          assertThat(e.problem()).isEqualTo("the config nests deeper than 256 levels of objects and arrays");
          assertThat(e.source()).isEqualTo(config.toString());
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.column()).isEqualTo(262); // the 256th [ is level 257
        });
  }

  @Test
  void aDeeplyNestedObjectIsAClearErrorToo() {
    String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
    assertThatThrownBy(() -> OciConfig.parse(deep))
        .isInstanceOf(OciConfigException.class)
        .hasMessageContaining("nests deeper than 256 levels")
        .hasMessageNotContaining("StreamReadConstraints");
  }

  @Test
  void nestingUpToTheLimitIsKeptAndWrittenBack() throws Exception {
    // the root object is level 1
    String deep = "{\"x\": " + "[".repeat(255) + "]".repeat(255) + "}";
    OciConfig c = OciConfig.parse(deep);
    assertThat(c.toJson().replaceAll("\\s", "")).isEqualTo(deep.replaceAll("\\s", ""));
  }

  @Test
  void longAnnotationValuesParseInLinearTime() {
    String many = String.join(",", java.util.Collections.nCopies(200_000, "vendor.com/gpu=g1"));
    ParsedAnnotations parsed = assertTimeoutPreemptively(HANG,
        () -> Annotations.parse(Map.of(Annotations.PREFIX + "many", many)));
    assertThat(parsed.devices()).hasSize(200_000);
    String bad = "vendor.com/gpu=" + "a".repeat(1_000_000) + "!";
    assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> Annotations.parse(Map.of(Annotations.PREFIX + "bad", bad)))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith("invalid CDI device name"));
  }
}
