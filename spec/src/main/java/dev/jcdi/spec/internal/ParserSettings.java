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
}
