package dev.jcdi.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON types of the OCI config fields that CDI reads or edits, as the Go types of the OCI
 * runtime spec define them. Every other field may hold anything. {@code null} is accepted
 * everywhere and means "absent", as it does for Go's decoder.
 *
 * <p>Fields are addressed by a shape key: object members by {@code .name}, array elements by
 * {@code []}, and members of maps with free keys ({@code annotations}, {@code linux.netDevices})
 * by {@code .*}; the root is {@code ""}.
 */
public final class ConfigShape {
  private ConfigShape() {}

  /** The JSON type a field must have. */
  public enum Type {
    OBJECT("an object"),
    ARRAY("an array"),
    STRING("a string"),
    BOOLEAN("a boolean"),
    INT64("an integer (int64)"),
    UINT32("an integer from 0 to 4294967295");

    private final String description;

    Type(String description) {
      this.description = description;
    }

    /** Returns how an error message names this type. */
    public String description() {
      return description;
    }
  }

  /** The OCI hook kinds, each an array under {@code hooks}. */
  public static final List<String> HOOK_KINDS =
      List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop");

  private static final Map<String, Type> TYPES = new HashMap<>();
  private static final Set<String> PREFIXES = new HashSet<>();
  private static final Set<String> FREE_KEYS = Set.of("annotations", "linux.netDevices");

  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger UINT32_MAX = BigInteger.valueOf(0xffff_ffffL);

  static {
    define("", Type.OBJECT);
    define("process", Type.OBJECT);
    define("process.env", Type.ARRAY);
    define("process.env[]", Type.STRING);
    define("process.user", Type.OBJECT);
    define("process.user.uid", Type.UINT32);
    define("process.user.gid", Type.UINT32);
    define("process.user.additionalGids", Type.ARRAY);
    define("process.user.additionalGids[]", Type.UINT32);
    define("linux", Type.OBJECT);
    define("linux.devices", Type.ARRAY);
    define("linux.devices[]", Type.OBJECT);
    define("linux.devices[].path", Type.STRING);
    define("linux.devices[].type", Type.STRING);
    define("linux.devices[].major", Type.INT64);
    define("linux.devices[].minor", Type.INT64);
    define("linux.devices[].fileMode", Type.UINT32);
    define("linux.devices[].uid", Type.UINT32);
    define("linux.devices[].gid", Type.UINT32);
    define("linux.resources", Type.OBJECT);
    define("linux.resources.devices", Type.ARRAY);
    define("linux.resources.devices[]", Type.OBJECT);
    define("linux.resources.devices[].allow", Type.BOOLEAN);
    define("linux.resources.devices[].type", Type.STRING);
    define("linux.resources.devices[].major", Type.INT64);
    define("linux.resources.devices[].minor", Type.INT64);
    define("linux.resources.devices[].access", Type.STRING);
    define("linux.namespaces", Type.ARRAY);
    define("linux.namespaces[]", Type.OBJECT);
    define("linux.namespaces[].type", Type.STRING);
    define("linux.netDevices", Type.OBJECT);
    define("linux.netDevices.*", Type.OBJECT);
    define("linux.netDevices.*.name", Type.STRING);
    define("linux.intelRdt", Type.OBJECT);
    define("mounts", Type.ARRAY);
    define("mounts[]", Type.OBJECT);
    define("mounts[].destination", Type.STRING);
    define("mounts[].type", Type.STRING);
    define("mounts[].source", Type.STRING);
    define("mounts[].options", Type.ARRAY);
    define("mounts[].options[]", Type.STRING);
    define("hooks", Type.OBJECT);
    for (String kind : HOOK_KINDS) {
      String k = "hooks." + kind;
      define(k, Type.ARRAY);
      define(k + "[]", Type.OBJECT);
      define(k + "[].path", Type.STRING);
      define(k + "[].args", Type.ARRAY);
      define(k + "[].args[]", Type.STRING);
      define(k + "[].env", Type.ARRAY);
      define(k + "[].env[]", Type.STRING);
      define(k + "[].timeout", Type.INT64);
    }
    define("annotations", Type.OBJECT);
    define("annotations.*", Type.STRING);
  }

  private static void define(String key, Type type) {
    TYPES.put(key, type);
    PREFIXES.add(key);
  }

  /** Returns the shape key of the root. */
  public static String root() {
    return "";
  }

  /**
   * Returns the shape key of member {@code name} of the object at {@code parentKey}, or {@code
   * null} when nothing below it has a required type.
   */
  public static String member(String parentKey, String name) {
    if (parentKey == null) {
      return null;
    }
    String key;
    if (FREE_KEYS.contains(parentKey)) {
      key = parentKey + ".*";
    } else {
      key = parentKey.isEmpty() ? name : parentKey + "." + name;
    }
    return PREFIXES.contains(key) ? key : null;
  }

  /** Returns the shape key of the elements of the array at {@code parentKey}, or {@code null}. */
  public static String element(String parentKey) {
    if (parentKey == null) {
      return null;
    }
    String key = parentKey + "[]";
    return PREFIXES.contains(key) ? key : null;
  }

  /** Returns the type the field at {@code key} must have, or {@code null} when it may be anything. */
  public static Type typeOf(String key) {
    return key == null ? null : TYPES.get(key);
  }

  /**
   * Returns why {@code node} may not stand at {@code key}, or {@code null} when it may. {@code
   * null} values are always accepted.
   */
  public static String problem(String key, JsonNode node) {
    Type type = typeOf(key);
    if (type == null || node.isNull()) {
      return null;
    }
    boolean ok =
        switch (type) {
          case OBJECT -> node.isObject();
          case ARRAY -> node.isArray();
          case STRING -> node.isTextual();
          case BOOLEAN -> node.isBoolean();
          case INT64 -> inRange(node, INT64_MIN, INT64_MAX);
          case UINT32 -> inRange(node, BigInteger.ZERO, UINT32_MAX);
        };
    return ok ? null : "expected " + type.description() + ", found " + describe(node);
  }

  private static boolean inRange(JsonNode node, BigInteger min, BigInteger max) {
    if (!node.isIntegralNumber()) {
      return false;
    }
    if (node instanceof ExactNumberNode exact && exact.text().length() > 40) {
      return false;
    }
    BigInteger v = node.bigIntegerValue();
    return v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
  }

  /** Returns a short description of a node's JSON type, for messages. */
  public static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case NUMBER -> {
        String text = node instanceof ExactNumberNode exact ? exact.text() : node.asText();
        // a message quotes a number no field can hold only by its length, as the spec reader does
        yield text.length() > 40 ? "a number of " + text.length() + " characters" : "the number " + text;
      }
      default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " node";
    };
  }
}
