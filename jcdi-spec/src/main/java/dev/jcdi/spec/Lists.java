package dev.jcdi.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Defensive, unmodifiable copies; {@code null} (absent) becomes empty. */
final class Lists {
  private Lists() {}

  static <T> List<T> copy(List<T> list, String what) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    // plain loops and no lambdas: a short-lived cdi process builds these records from its spec cache
    // in interpreted code, where a lambda's first call costs a bootstrap and each call an allocation
    List<T> out = new ArrayList<>(list.size());
    for (T t : list) {
      if (t == null) {
        throw new NullPointerException(what + " must not contain null");
      }
      out.add(t);
    }
    return Collections.unmodifiableList(out);
  }

  static Map<String, String> copy(Map<String, String> map, String what) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : map.entrySet()) {
      String k = e.getKey();
      String v = e.getValue();
      if (k == null) {
        throw new NullPointerException(what + " must not contain a null key");
      }
      if (v == null) {
        throw new NullPointerException(what + " must not contain a null value");
      }
      out.put(k, v);
    }
    return Collections.unmodifiableMap(out);
  }

  /** Returns {@code s}, or the empty string for an absent ({@code null}) text. */
  static String text(String s) {
    return s == null ? "" : s;
  }

  /** Returns {@code o}, or {@link Optional#empty()} for {@code null}. */
  static <T> Optional<T> optional(Optional<T> o) {
    return o == null ? Optional.empty() : o;
  }

  /** Returns {@code o}, or {@link OptionalLong#empty()} for {@code null}. */
  static OptionalLong optional(OptionalLong o) {
    return o == null ? OptionalLong.empty() : o;
  }
}
