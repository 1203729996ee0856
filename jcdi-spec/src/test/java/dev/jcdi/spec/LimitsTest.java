package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jcdi.spec.SpecReader.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reader's limits against hostile or broken files: size, nesting, aliases, values. */
class LimitsTest {

  @TempDir Path dir;

  private static final String SPEC = "cdiVersion: 0.3.0\nkind: vendor.com/gpu\ndevices: [{name: d, containerEdits: {env: [A=1]}}]\n";

  private static SpecParseException.Problem problem(Throwable t) {
    assertThat(t).isInstanceOf(SpecParseException.class);
    SpecParseException e = (SpecParseException) t;
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  private static Throwable parse(SpecReader r, String text, SpecFormat f) {
    return catchThrowable(() -> r.parse(text, f, "t" + f.extension()));
  }

  private static String repeat(String s, int n) {
    return s.repeat(n);
  }

  @Test
  void defaultsAreGenerousButBounded() {
    Limits d = SpecReader.standard().limits();
    assertThat(d).isEqualTo(Limits.DEFAULT);
    assertThat(d.maxBytes()).isEqualTo(8L << 20);
    assertThat(d.maxDepth()).isEqualTo(32);
    assertThat(d.maxAliases()).isEqualTo(256);
    assertThat(d.maxNodes()).isEqualTo(1_000_000);
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> new Limits(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limits(1, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limits(1, 1, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limits(1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- size ----

  @Test
  void fileOverMaxBytesIsRejected() throws IOException {
    SpecReader r = SpecReader.withLimits(new Limits(SPEC.length(), 32, 256, 1000));
    Path ok = Specs.write(dir, "ok.yaml", SPEC);
    assertThat(r.read(ok).spec().kind()).isEqualTo("vendor.com/gpu");
    Path big = Specs.write(dir, "big.yaml", SPEC + "#");
    SpecParseException.Problem p = problem(catchThrowable(() -> r.read(big)));
    assertThat(p.message()).isEqualTo("file larger than the limit of " + SPEC.length() + " bytes");
    assertThat(p.position()).isEqualTo(new SourcePosition(1, 1));
  }

  @Test
  void fileFarOverMaxBytesIsRejected() throws IOException {
    SpecReader r = SpecReader.withLimits(new Limits(1024, 32, 256, 1000));
    Path big = dir.resolve("huge.json");
    Files.write(big, new byte[4 << 20]);
    assertThat(problem(catchThrowable(() -> r.read(big))).message()).contains("larger than the limit of 1024 bytes");
  }

  @Test
  void bytesOverMaxBytesAreRejected() {
    SpecReader r = SpecReader.withLimits(new Limits(10, 32, 256, 1000));
    Throwable t = catchThrowable(() -> r.parse("{\"kind\": \"a/b\"}".getBytes(StandardCharsets.UTF_8), SpecFormat.JSON, "mem"));
    assertThat(problem(t).message()).contains("larger than");
  }

  @ParameterizedTest
  @EnumSource(SpecFormat.class)
  void textOverMaxBytesIsRejected(SpecFormat format) {
    SpecReader r = SpecReader.withLimits(new Limits(20, 32, 256, 1000));
    String text = format == SpecFormat.JSON ? "{\"kind\": \"vendor.com/gpu\"}" : "kind: vendor.com/gpu-is-long";
    assertThat(problem(parse(r, text, format)).message()).contains("larger than");
  }

  @Test
  void sizeCountsUtf8BytesNotCharacters() {
    // 8 characters, 16 bytes
    SpecReader r = SpecReader.withLimits(new Limits(12, 32, 256, 1000));
    String text = "{\"kind\": \"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\"}";
    assertThat(problem(parse(r, text, SpecFormat.JSON)).message()).contains("larger than");
  }

  // ---- nesting ----

  @ParameterizedTest
  @EnumSource(SpecFormat.class)
  void tenThousandOpenBracketsDoNotOverflowTheStack(SpecFormat format) {
    SpecParseException.Problem p = problem(parse(SpecReader.standard(), repeat("[", 10_000), format));
    assertThat(p.message()).isEqualTo("nesting deeper than 32 levels");
    assertThat(p.position()).isEqualTo(new SourcePosition(1, 33));
  }

  @Test
  void deeplyNestedJsonObjectsAreRejected() {
    String text = repeat("{\"a\":", 5000) + "1" + repeat("}", 5000);
    assertThat(problem(parse(SpecReader.standard(), text, SpecFormat.JSON)).message()).isEqualTo("nesting deeper than 32 levels");
  }

  @Test
  void deeplyNestedYamlFlowMapsAreRejected() {
    String text = repeat("{a: ", 5000) + "1" + repeat("}", 5000);
    assertThat(problem(parse(SpecReader.standard(), text, SpecFormat.YAML)).message()).isEqualTo("nesting deeper than 32 levels");
  }

  @Test
  void deeplyNestedYamlBlocksAreRejected() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      b.append(" ".repeat(i)).append("a:\n");
    }
    SpecParseException.Problem p = problem(parse(SpecReader.standard(), b.toString(), SpecFormat.YAML));
    assertThat(p.message()).isEqualTo("nesting deeper than 32 levels");
    // the map that starts on line n is n levels deep
    assertThat(p.position().line()).isEqualTo(33);
  }

  @ParameterizedTest
  @EnumSource(SpecFormat.class)
  void nestingUpToMaxDepthIsAccepted(SpecFormat format) throws SpecParseException {
    // spec map > devices list > device map > edits map > env list > string: 6 levels
    String text = format == SpecFormat.JSON
        ? "{\"devices\": [{\"containerEdits\": {\"env\": [\"A=1\"]}}]}"
        : "devices:\n- containerEdits:\n    env:\n    - A=1\n";
    assertThat(SpecReader.withLimits(new Limits(1000, 6, 0, 100)).parse(text, format, "t").spec().devices()).hasSize(1);
    assertThat(problem(parse(SpecReader.withLimits(new Limits(1000, 5, 0, 100)), text, format)).message())
        .isEqualTo("nesting deeper than 5 levels");
  }

  @ParameterizedTest
  @EnumSource(SpecFormat.class)
  void extremeNestingUnderAHighLimitFailsAsAParseProblem(SpecFormat format) {
    SpecReader lax = SpecReader.withLimits(new Limits(1L << 30, Integer.MAX_VALUE - 2, 256, Long.MAX_VALUE));
    Throwable t = parse(lax, repeat("[", 200_000) + repeat("]", 200_000), format);
    // never a StackOverflowError: either the depth or the shape is reported
    assertThat(t).isInstanceOf(SpecParseException.class);
  }

  // ---- aliases ----

  private static String billionLaughs() {
    StringBuilder b = new StringBuilder("annotations: {}\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      String prev = "*a" + (i - 1);
      b.append("x").append(i).append(": &a").append(i).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, prev))).append("]\n");
    }
    return b.toString();
  }

  @Test
  void yamlAliasBombIsRejectedWithAClearError() {
    SpecParseException.Problem p = problem(parse(SpecReader.standard(), billionLaughs(), SpecFormat.YAML));
    assertThat(p.message()).isEqualTo("more than 1000000 values in one file (after expanding aliases)");
    assertThat(p.position().line()).isBetween(2, 11);
  }

  @Test
  void aliasCountIsLimited() throws SpecParseException {
    String text = "containerEdits: &e {env: [A=1]}\ndevices:\n- {name: a, containerEdits: *e}\n- {name: b, containerEdits: *e}\n- {name: c, containerEdits: *e}\n";
    SpecReader two = SpecReader.withLimits(new Limits(10_000, 32, 2, 1000));
    SpecParseException.Problem p = problem(parse(two, text, SpecFormat.YAML));
    assertThat(p.message()).isEqualTo("more than 2 YAML aliases");
    assertThat(p.position()).isEqualTo(new SourcePosition(5, 29));
    SpecReader three = SpecReader.withLimits(new Limits(10_000, 32, 3, 1000));
    assertThat(three.parse(text, SpecFormat.YAML, "t").spec().devices()).hasSize(3);
  }

  @Test
  void noAliasesAtAllCanBeRequired() {
    SpecReader none = SpecReader.withLimits(new Limits(10_000, 32, 0, 1000));
    assertThat(problem(parse(none, "containerEdits: &e {}\ndevices: [{containerEdits: *e}]\n", SpecFormat.YAML)).message())
        .isEqualTo("more than 0 YAML aliases");
  }

  @Test
  void recursiveAliasIsRejected() {
    assertThat(problem(parse(SpecReader.standard(), "devices: &d [*d]\n", SpecFormat.YAML)).message())
        .isEqualTo("unknown or recursive alias *d");
  }

  @Test
  void aLongAliasNameIsQuotedInAMessageByItsStartAndLength() { // a fuzzing finding
    String name = "a".repeat(5000);
    assertThat(problem(parse(SpecReader.standard(), "devices: [*" + name + "]\n", SpecFormat.YAML)).message())
        .isEqualTo("unknown or recursive alias *aaaaaaaaaaaaaaaaaaaa... (5000 characters)");
  }

  @Test
  void aliasExpansionCountsTowardsMaxNodes() {
    // the root, 5 values behind the anchor, a list and 3 aliases worth 5 each: 22 values in all
    String text = "annotations: &a {a: 1, b: 2, c: 3, d: 4}\ncontainerEdits: [*a, *a, *a]\n";
    SpecReader tight = SpecReader.withLimits(new Limits(10_000, 32, 10, 21));
    SpecParseException.Problem p = problem(parse(tight, text, SpecFormat.YAML));
    assertThat(p.message()).isEqualTo("more than 21 values in one file (after expanding aliases)");
    assertThat(p.position()).isEqualTo(new SourcePosition(2, 26));
    // with room for exactly 22 the file reads, and fails only at binding ("containerEdits" is no list)
    SpecReader enough = SpecReader.withLimits(new Limits(10_000, 32, 10, 22));
    assertThat(problem(parse(enough, text, SpecFormat.YAML)).message()).isEqualTo("containerEdits must be a map, not a list");
  }

  // ---- value count ----

  @Test
  void jsonValueCountIsLimited() {
    String text = "{\"containerEdits\": {\"env\": [" + String.join(",", java.util.Collections.nCopies(200, "\"A=1\"")) + "]}}";
    SpecReader r = SpecReader.withLimits(new Limits(100_000, 32, 0, 100));
    assertThat(problem(parse(r, text, SpecFormat.JSON)).message()).isEqualTo("more than 100 values in one file");
  }
}
