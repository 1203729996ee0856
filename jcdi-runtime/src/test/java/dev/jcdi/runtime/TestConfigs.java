package dev.jcdi.runtime;

import dev.jcdi.oci.OciConfig;
import dev.jcdi.oci.OciConfigException;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcdi.spec.ContainerEdits;

/** Small helpers for edit tests: JSON written with single quotes, apply, compare trees. */
final class TestConfigs {
  private TestConfigs() {}

  /** Returns {@code json} with every {@code '} turned into {@code "}, for readable literals. */
  static String j(String json) {
    return json.replace('\'', '"');
  }

  /** Parses a config written with single quotes. */
  static OciConfig config(String json) {
    try {
      return OciConfig.parse(j(json));
    } catch (OciConfigException e) {
      throw new AssertionError(e);
    }
  }

  /** Returns the tree of a config written with single quotes. */
  static JsonNode tree(String json) {
    return config(json).tree();
  }

  /** Applies {@code edits} to the config {@code json}, failing the test on an exception. */
  static OciConfig apply(String json, ContainerEdits edits) {
    OciConfig before = config(json);
    String text = before.toJson();
    try {
      OciConfig after = EditApplier.apply(before, edits);
      assertThat(before.toJson()).as("the input config is never changed").isEqualTo(text);
      return after;
    } catch (InjectionException e) {
      throw new AssertionError(e);
    }
  }

  /** Asserts that applying {@code edits} to {@code json} gives exactly {@code expected}. */
  static void assertApplies(String json, ContainerEdits edits, String expected) {
    OciConfig result = apply(json, edits);
    assertThat(result.tree()).isEqualTo(tree(expected));
    // the text too: member order is part of the result
    assertThat(result.toJson()).isEqualTo(config(expected).toJson());
  }
}
