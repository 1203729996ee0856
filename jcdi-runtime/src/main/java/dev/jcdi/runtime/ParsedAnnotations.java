package dev.jcdi.runtime;

import java.util.List;

/**
 * The CDI device requests found in container annotations.
 *
 * @param keys the annotation keys with the {@link Annotations#PREFIX} prefix, sorted
 * @param devices the requested qualified device names: key by key in key order, each value's
 *     devices in the order written, duplicates kept
 */
public record ParsedAnnotations(List<String> keys, List<String> devices) {

  /**
   * Copies the lists and checks that they are not {@code null}.
   *
   * @param keys the annotation keys with the {@link Annotations#PREFIX} prefix, sorted
   * @param devices the requested qualified device names: key by key in key order, each value's
   *     devices in the order written, duplicates kept
   */
  public ParsedAnnotations {
    keys = List.copyOf(keys);
    devices = List.copyOf(devices);
  }

  /** {@return whether no device is requested} */
  public boolean isEmpty() {
    return keys.isEmpty();
  }
}
