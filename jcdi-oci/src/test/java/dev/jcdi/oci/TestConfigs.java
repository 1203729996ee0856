package dev.jcdi.oci;

import com.fasterxml.jackson.databind.JsonNode;

/** Small helpers for config tests: JSON written with single quotes. */
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
}
