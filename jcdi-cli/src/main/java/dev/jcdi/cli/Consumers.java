package dev.jcdi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcdi.spec.Kind;
import dev.jcdi.spec.SpecDocument;
import dev.jcdi.spec.SpecVersion;
import dev.jcdi.spec.VersionRequirement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What other CDI consumers (container engines) accept, from the data file {@code consumers.json}:
 * the highest spec version each reads and the known faults of its CDI library, each with a source.
 */
final class Consumers {
  /** One known fault of a consumer's CDI library. */
  record Fault(String id, String text, String source) {}

  /**
   * A consumer: an engine release and what its vendored CDI library reads.
   *
   * @param reads the highest spec version it reads, or {@code null} when it has no CDI at all
   */
  record Consumer(String name, String library, SpecVersion reads, List<Fault> faults, String note, String source) {}

  /** A problem a consumer would have with a spec, at a field of it. */
  record Problem(String field, String message) {}

  private final Map<String, Consumer> byName;

  private Consumers(Map<String, Consumer> byName) {
    this.byName = byName;
  }

  /** Returns the consumers of the data file shipped with the tool. */
  static Consumers load() {
    try (InputStream in = Consumers.class.getResourceAsStream("consumers.json")) {
      if (in == null) {
        throw new IllegalStateException("consumers.json is missing from the cdi tool");
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Consumers parse(JsonNode root) {
    Map<String, Fault> faults = new LinkedHashMap<>();
    for (JsonNode f : root.path("faults")) {
      faults.put(f.path("id").asText(), new Fault(f.path("id").asText(), f.path("text").asText(), f.path("source").asText()));
    }
    Map<String, Consumer> out = new LinkedHashMap<>();
    for (JsonNode c : root.path("consumers")) {
      List<Fault> fs = new ArrayList<>();
      for (JsonNode id : c.path("faults")) {
        Fault f = faults.get(id.asText());
        if (f == null) {
          throw new IllegalStateException("consumers.json: " + c.path("name").asText() + " names unknown fault " + id);
        }
        fs.add(f);
      }
      String reads = c.path("reads").isNull() ? null : c.path("reads").asText(null);
      out.put(c.path("name").asText(), new Consumer(c.path("name").asText(), c.path("library").isNull() ? null : c.path("library").asText(null),
          reads == null ? null : SpecVersion.parse(reads), List.copyOf(fs), c.path("note").asText(null), c.path("source").asText()));
    }
    return new Consumers(out);
  }

  List<Consumer> all() {
    return List.copyOf(byName.values());
  }

  List<String> names() {
    return List.copyOf(byName.keySet());
  }

  Optional<Consumer> find(String name) {
    return Optional.ofNullable(byName.get(name.toLowerCase(java.util.Locale.ROOT)));
  }

  /** Returns what {@code consumer} would refuse or crash on in {@code doc}, in field order. */
  static List<Problem> check(Consumer consumer, SpecDocument doc) {
    List<Problem> out = new ArrayList<>();
    if (consumer.reads() == null) {
      out.add(new Problem("", consumer.name() + " has no CDI support: it resolves no CDI device"));
      return out;
    }
    SpecVersion max = consumer.reads();
    SpecVersion declared = SpecVersion.find(doc.spec().cdiVersion()).orElse(null);
    List<VersionRequirement> reqs = SpecVersion.requirements(doc.spec());
    if (declared != null && !max.isAtLeast(declared)) {
      SpecVersion min = SpecVersion.minimumRequired(doc.spec());
      out.add(new Problem("cdiVersion", "cdiVersion " + declared + ": " + consumer.name() + " reads at most " + max
          + (max.isAtLeast(min) ? "; the spec fits " + min + ": cdi convert --to-version minimum" : "")));
    }
    for (VersionRequirement r : reqs) {
      if (!r.allows(max)) { // too new for it, or dropped before its version
        out.add(new Problem(r.field(), r.what() + " (CDI " + r.versions() + ") is unknown to " + consumer.name()
            + ", which reads at most " + max));
      }
    }
    for (Fault f : consumer.faults()) {
      if (f.id().equals("short-names-panic") && shortName(doc.spec().kind())) {
        out.add(new Problem("kind", "kind " + doc.spec().kind() + ": " + f.text() + " (" + consumer.name() + ")"));
      }
    }
    return out;
  }

  private static boolean shortName(String kind) {
    if (kind == null || !Kind.isValid(kind)) {
      return false;
    }
    Kind k = Kind.parse(kind);
    return k.vendor().length() == 1 || k.className().length() == 1;
  }
}
