package dev.jcdi.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Defensive copies that keep "absent" (null) apart from "present but empty". */
final class Lists {
  private Lists() {}

  static <T> List<T> copy(List<T> list, String what) {
    if (list == null) {
      return null;
    }
    List<T> out = new ArrayList<>(list.size());
    for (T t : list) {
      out.add(Objects.requireNonNull(t, () -> what + " must not contain null"));
    }
    return Collections.unmodifiableList(out);
  }

  static Map<String, String> copy(Map<String, String> map, String what) {
    if (map == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, () -> what + " must not contain a null key");
          Objects.requireNonNull(v, () -> what + " must not contain a null value");
          out.put(k, v);
        });
    return Collections.unmodifiableMap(out);
  }

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }
}
