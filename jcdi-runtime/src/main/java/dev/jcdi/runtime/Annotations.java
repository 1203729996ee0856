package dev.jcdi.runtime;

import dev.jcdi.spec.internal.Text;
import dev.jcdi.spec.InvalidNameException;
import dev.jcdi.spec.QualifiedName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The container-annotation convention for requesting CDI devices, as Kubernetes device plugins
 * use it: a key {@code cdi.k8s.io/<plugin>_<deviceID>} whose value is a comma-separated list of
 * qualified device names.
 */
public final class Annotations {
  private Annotations() {}

  /** The prefix of every CDI device-request annotation key. */
  public static final String PREFIX = "cdi.k8s.io/";

  /** The longest {@code <plugin>_<deviceID>} part of a key, in bytes (a Kubernetes name part). */
  public static final int MAX_NAME_LENGTH = 63;

  /**
   * {@return the annotation key for devices that {@code pluginName} allocates as {@code deviceId}:
   * {@code cdi.k8s.io/<pluginName>_<deviceId>}, with every {@code /} of the device id turned into
   * {@code _}}
   *
   * @param pluginName the device plugin's name, e.g. {@code vendor.com-device}
   * @param deviceId the id of the allocated device or devices
   * @throws InvalidAnnotationException if either part is empty, or the name part is longer than 63
   *     bytes, does not start and end with a letter or digit, or has a character other than letters,
   *     digits, {@code _}, {@code -} and {@code .}
   */
  public static String key(String pluginName, String deviceId) {
    if (pluginName == null || pluginName.isEmpty()) {
      throw new InvalidAnnotationException("invalid plugin name, empty");
    }
    if (deviceId == null || deviceId.isEmpty()) {
      throw new InvalidAnnotationException("invalid deviceID, empty");
    }
    String name = pluginName + "_" + deviceId.replace('/', '_');
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_LENGTH) {
      throw new InvalidAnnotationException("invalid plugin+deviceID " + q(name) + ", too long");
    }
    int first = name.codePointAt(0);
    if (!isAlphaNumeric(first)) {
      throw new InvalidAnnotationException(
          "invalid name " + q(name) + ", first '" + Character.toString(first) + "' should be alphanumeric");
    }
    int lastStart = name.offsetByCodePoints(name.length(), -1);
    for (int i = Character.charCount(first); i < lastStart; ) {
      int c = name.codePointAt(i);
      if (!isAlphaNumeric(c) && c != '_' && c != '-' && c != '.') {
        throw new InvalidAnnotationException(
            "invalid name " + q(name) + ", invalid character '" + Character.toString(c) + "'");
      }
      i += Character.charCount(c);
    }
    int last = name.codePointAt(lastStart);
    if (lastStart > 0 && !isAlphaNumeric(last)) {
      throw new InvalidAnnotationException(
          "invalid name " + q(name) + ", last '" + Character.toString(last) + "' should be alphanumeric");
    }
    return PREFIX + name;
  }

  /**
   * {@return the annotation value for {@code devices}: the names joined by {@code ,}, in order,
   * without deduplication; {@code ""} for no devices}
   *
   * @param devices the qualified device names
   * @throws InvalidAnnotationException if a name is not a qualified device name, with the name
   *     rule it breaks
   */
  public static String value(List<String> devices) {
    if (devices == null || devices.isEmpty()) {
      return "";
    }
    for (String d : devices) {
      try {
        QualifiedName.parse(d);
      } catch (InvalidNameException e) {
        throw new InvalidAnnotationException(e.getMessage(), e);
      }
    }
    return String.join(",", devices);
  }

  /**
   * {@return a new map holding {@code annotations} plus the request of {@code devices} by {@code
   * plugin} as {@code deviceId}; {@code annotations} itself is not changed}
   *
   * @param annotations the existing annotations, or {@code null} for none
   * @param plugin the device plugin's name, e.g. {@code vendor.com-device}
   * @param deviceId the id of the allocated device or devices
   * @param devices the qualified device names requested
   * @throws InvalidAnnotationException if the key or a device name is invalid, or the key is
   *     already present
   */
  public static Map<String, String> update(
      Map<String, String> annotations, String plugin, String deviceId, List<String> devices) {
    String key;
    try {
      key = key(plugin, deviceId);
    } catch (InvalidAnnotationException e) {
      throw new InvalidAnnotationException("CDI annotation failed: " + e.getMessage(), e);
    }
    if (annotations != null && annotations.containsKey(key)) {
      throw new InvalidAnnotationException("CDI annotation failed, key " + q(key) + " used");
    }
    String value;
    try {
      value = value(devices);
    } catch (InvalidAnnotationException e) {
      throw new InvalidAnnotationException("CDI annotation failed: " + e.getMessage(), e);
    }
    Map<String, String> out = annotations == null ? new LinkedHashMap<>() : new LinkedHashMap<>(annotations);
    out.put(key, value);
    return Collections.unmodifiableMap(out);
  }

  /**
   * {@return the CDI device requests in {@code annotations}: only keys that start with {@link
   * #PREFIX} (case-sensitive) count, in key order, and every item of their comma-separated values
   * must be a qualified device name (so an empty value or a trailing comma is an error)}
   *
   * @param annotations the annotations, or {@code null} for none
   * @throws InvalidAnnotationException naming the first invalid device name
   */
  public static ParsedAnnotations parse(Map<String, String> annotations) {
    if (annotations == null || annotations.isEmpty()) {
      return new ParsedAnnotations(List.of(), List.of());
    }
    // the reference iterates a Go map, in no defined order; sorting keys makes ours deterministic
    Map<String, String> sorted = new TreeMap<>();
    annotations.forEach(
        (k, v) -> {
          if (k != null && k.startsWith(PREFIX)) {
            sorted.put(k, v == null ? "" : v);
          }
        });
    List<String> keys = new ArrayList<>(sorted.size());
    List<String> devices = new ArrayList<>();
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      for (String d : e.getValue().split(",", -1)) {
        if (!QualifiedName.isQualifiedName(d)) {
          throw new InvalidAnnotationException("invalid CDI device name " + q(d)); // the reference's exact text
        }
        devices.add(d);
      }
      keys.add(e.getKey());
    }
    return new ParsedAnnotations(keys, devices);
  }

  private static boolean isAlphaNumeric(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static String q(String s) {
    return Text.quote(s);
  }
}
