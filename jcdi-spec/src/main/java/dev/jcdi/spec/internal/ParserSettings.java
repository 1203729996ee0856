package dev.jcdi.spec.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The immutable, thread-safe parser configuration of one reader, built once: building a JSON
 * factory or YAML settings per file costs more than parsing a small spec.
 */
public final class ParserSettings {
  final Limits limits;
  final JsonFactory json;
  final LoadSettings yaml;
  /** YAML settings by buffer size: index i holds a buffer of 2^i characters, built on first use. */
  private final java.util.concurrent.atomic.AtomicReferenceArray<LoadSettings> yamlBySize =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(32);

  public ParserSettings(Limits limits) {
    this.limits = limits;
    this.json =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth() + 1)
                    .maxNumberLength(1000)
                    .build())
            .build();
    this.yaml =
        LoadSettings.builder()
            .setUseMarks(true)
            .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()))
            .setAllowDuplicateKeys(false)
            .build();
  }

  /**
   * Returns YAML settings whose read buffer holds all of a text of {@code length} characters.
   * snakeyaml-engine 2.10 fails (IndexOutOfBoundsException) when a surrogate pair, such as an emoji,
   * straddles the edge of its buffer window; a window that holds the whole text has no such edge.
   */
  LoadSettings yamlFor(int length) {
    int bits = Math.max(10, 32 - Integer.numberOfLeadingZeros(length + 1));
    if (bits >= 31) {
      return yaml;
    }
    LoadSettings s = yamlBySize.get(bits);
    if (s == null) {
      s = LoadSettings.builder()
          .setUseMarks(true)
          .setCodePointLimit(yaml.getCodePointLimit())
          .setAllowDuplicateKeys(false)
          .setBufferSize(1 << bits)
          .build();
      yamlBySize.compareAndSet(bits, null, s);
    }
    return s;
  }
}
