package dev.jcdi.spec;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A spec read from a file, with where each of its fields is in that file so that a validation
 * problem can be reported as {@code file:line:column}.
 *
 * @param source the file (or other source name) the spec was read from
 * @param format the format it was read as
 * @param spec the spec
 * @param positions field path (e.g. {@code devices[0].containerEdits.env[1]}) to its place
 */
public record SpecDocument(String source, SpecFormat format, Spec spec, Map<String, SourcePosition> positions) {

  /**
   * Copies the positions and checks that no other component is {@code null}.
   *
   * @param source the file (or other source name) the spec was read from
   * @param format the format it was read as
   * @param spec the spec
   * @param positions field path (e.g. {@code devices[0].containerEdits.env[1]}) to its place
   */
  public SpecDocument {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(spec, "spec");
    // a reader's own positions are read-only already and held by nothing else: no copy needed
    positions = positions instanceof PositionMap ? positions : Map.copyOf(positions);
  }

  /**
   * {@return the place of the field at {@code path}, or of its nearest enclosing field when the field
   * itself is absent (a missing required field is reported where its parent is)}
   *
   * @param path a field path such as {@code devices[0].containerEdits.env[1]}; empty for the spec as a whole
   */
  public Optional<SourcePosition> position(String path) {
    String p = path;
    while (true) {
      SourcePosition pos = positions.get(p);
      if (pos != null) {
        return Optional.of(pos);
      }
      if (p.isEmpty()) {
        return Optional.empty();
      }
      p = parent(p);
    }
  }

  /**
   * Returns whether the file gives the field at {@code path} a value ({@code null} counts as absent).
   *
   * @param path a field path such as {@code devices[0].name}
   * @return whether the field is in the file
   */
  public boolean isPresent(String path) {
    return positions.containsKey(path);
  }

  /**
   * {@return {@code source:line:col} for the field at {@code path}}
   *
   * @param path a field path such as {@code devices[0].containerEdits.env[1]}; empty for the spec as a whole
   */
  public String locate(String path) {
    return source + ":" + position(path).map(SourcePosition::toString).orElse("1:1");
  }

  static String parent(String path) {
    int end = path.length();
    if (path.endsWith("]")) {
      // strip [index] or ["key"], minding brackets inside a quoted key
      int open = path.lastIndexOf("[\"");
      int idx = path.lastIndexOf('[');
      int cut = path.endsWith("\"]") && open >= 0 ? open : idx;
      return path.substring(0, Math.max(0, cut));
    }
    int dot = path.lastIndexOf('.', end - 1);
    return dot < 0 ? "" : path.substring(0, dot);
  }
}
