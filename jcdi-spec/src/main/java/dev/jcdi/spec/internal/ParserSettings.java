package dev.jcdi.spec.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The immutable, thread-safe parser configuration of one reader, built once per format on first
 * use: building a JSON factory or YAML settings per file costs more than parsing a small spec, and
 * a process that reads only JSON files never loads the YAML library (nor the other way round).
 */
public final class ParserSettings {
  final Limits limits;
  /** Built on first use; two threads may both build one, which is harmless (both are equal). */
  private volatile JsonFactory json;
  /** YAML settings by buffer size: index i holds a buffer of 2^i characters, built on first use. */
  private final java.util.concurrent.atomic.AtomicReferenceArray<LoadSettings> yamlBySize =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(32);

  public ParserSettings(Limits limits) {
    this.limits = limits;
  }

  /** Returns the JSON factory, built on first use. */
  JsonFactory json() {
    JsonFactory f = json;
    if (f == null) {
      f =
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(limits.maxDepth() + 1)
                      .maxNumberLength(1000)
                      .build())
              .build();
      json = f;
    }
    return f;
  }

  /**
   * Returns YAML settings whose read buffer holds all of a text of {@code length} characters.
   * snakeyaml-engine 2.10 fails (IndexOutOfBoundsException) when a surrogate pair, such as an emoji,
   * straddles the edge of its buffer window; a window that holds the whole text has no such edge.
   * Beyond 2^30 characters (more than any limit allows) the library's default buffer is used.
   */
  LoadSettings yamlFor(int length) {
    int bits = Math.max(10, 32 - Integer.numberOfLeadingZeros(length + 1));
    int slot = Math.min(bits, 31);
    LoadSettings s = yamlBySize.get(slot);
    if (s == null) {
      var b =
          LoadSettings.builder()
              .setUseMarks(true)
              .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()))
              .setAllowDuplicateKeys(false);
      if (bits < 31) {
        b.setBufferSize(1 << bits);
      }
      s = b.build();
      yamlBySize.compareAndSet(slot, null, s);
    }
    return s;
  }
}
