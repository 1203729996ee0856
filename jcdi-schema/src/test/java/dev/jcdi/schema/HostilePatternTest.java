package dev.jcdi.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jcdi.spec.SpecFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's schema may hold a regular expression that backtracks catastrophically, and a spec may
 * hold a long string: evaluation is bounded and says so (issue 9 item 4). The timeouts guard
 * against a hang; they are not a speed target.
 */
class HostilePatternTest {
  private static final Duration HANG = Duration.ofSeconds(60);
  @TempDir Path dir;

  private List<String> check(String schema, String instance) throws Exception {
    Path p = Files.writeString(dir.resolve("s" + System.nanoTime() + ".json"), schema);
    return SpecSchema.load(p).validate(instance, SpecFormat.JSON, "i.json").stream().map(SchemaViolation::toString).toList();
  }

  @Test
  void aCatastrophicPatternGivesUpWithAClearViolation() {
    // Java memoizes simple nested loops such as ^(a+)+$; a repetition count defeats that
    String value = "a".repeat(40);
    List<String> found = assertTimeoutPreemptively(HANG,
        () -> check("{\"properties\":{\"s\":{\"pattern\":\"(.*a){20}!\"}}}", "{\"s\":\"" + value + "\"}"));
    assertThat(found).containsExactly("at /s: the pattern \"(.*a){20}!\" could not be evaluated on this value within its step budget"
        + " (the pattern backtracks too much or the value is too long); counted as not matching");
  }

  @Test
  void theBudgetLeavesOrdinaryPatternsAlone() throws Exception {
    String schema = "{\"properties\":{\"s\":{\"pattern\":\"^(a+)+$\"}}}";
    assertThat(check(schema, "{\"s\":\"" + "a".repeat(40) + "\"}")).isEmpty();
    assertThat(check(schema, "{\"s\":\"ab\"}")).containsExactly("at /s: \"ab\" does not match the pattern \"^(a+)+$\"");
    // a linear pattern over a long value: many reads, all within the budget that grows with the text
    String longValue = "x".repeat(1_000_000);
    assertThat(check("{\"properties\":{\"s\":{\"pattern\":\"^x+$\"}}}", "{\"s\":\"" + longValue + "\"}")).isEmpty();
  }

  @Test
  void aPatternThatExhaustsTheStackIsUndecidedNotAFalseVerdict() {
    // Java's matcher recurses once per repetition of a group: a long value overflows the stack
    String value = "ab".repeat(200_000);
    List<String> found = assertTimeoutPreemptively(HANG,
        () -> check("{\"properties\":{\"s\":{\"pattern\":\"^(a|b)*$\"}}}", "{\"s\":\"" + value + "\"}"));
    assertThat(found).singleElement().asString().contains("could not be evaluated on this value");
  }

  @Test
  void aCatastrophicPatternPropertyGivesUpToo() {
    String key = "a".repeat(40);
    List<String> found = assertTimeoutPreemptively(HANG,
        () -> check("{\"patternProperties\":{\"^(a{1,2}){1,40}!\":{\"type\":\"integer\"}}}", "{\"" + key + "\":\"x\"}"));
    assertThat(found).singleElement().asString()
        .startsWith("at /" + key + ": the pattern \"^(a{1,2}){1,40}!\" could not be evaluated");
  }

  @Test
  void aSchemaWhoseAlternativesMultiplyStopsWithAClearViolation() {
    // level i is anyOf [level i+1, level i+1] with a failing leaf: 2^40 evaluations if unbounded
    StringBuilder defs = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      defs.append("\"l").append(i).append("\":{\"anyOf\":[{\"$ref\":\"#/definitions/l").append(i + 1)
          .append("\"},{\"$ref\":\"#/definitions/l").append(i + 1).append("\"}]},");
    }
    defs.append("\"l40\":{\"type\":\"string\"}");
    String schema = "{\"definitions\":{" + defs + "},\"$ref\":\"#/definitions/l0\"}";
    List<String> found = assertTimeoutPreemptively(HANG, () -> check(schema, "1"));
    assertThat(found).last().asString().contains("could not be evaluated on this document").contains("1000100 evaluation steps");
  }

  @Test
  void aLongChainOfReferencesIsAViolationNotAStackOverflow() {
    int n = 25_000;
    StringBuilder defs = new StringBuilder();
    for (int i = 0; i < n; i++) {
      defs.append("\"d").append(i).append("\":{\"$ref\":\"#/definitions/d").append(i + 1).append("\"},");
    }
    defs.append("\"d").append(n).append("\":{\"type\":\"string\"}");
    String schema = "{\"definitions\":{" + defs + "},\"$ref\":\"#/definitions/d0\"}";
    List<String> found = assertTimeoutPreemptively(HANG, () -> check(schema, "1"));
    assertThat(found).singleElement().asString().contains("its references nest too deeply");
  }
}
