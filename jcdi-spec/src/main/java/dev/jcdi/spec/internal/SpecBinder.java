package dev.jcdi.spec.internal;

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.Device;
import dev.jcdi.spec.DeviceNode;
import dev.jcdi.spec.Hook;
import dev.jcdi.spec.IntelRdt;
import dev.jcdi.spec.Mount;
import dev.jcdi.spec.NetDevice;
import dev.jcdi.spec.SourcePosition;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecParseException.Problem;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Binds a {@link Tree} to the spec records strictly: exact keys only, every value of the right
 * type. Collects every problem instead of stopping at the first, and records where each field is.
 *
 * <p>Written without lambdas, method references, streams or regular expressions: each of those
 * costs a first-use set-up (call sites bootstrapped, classes spun, patterns compiled) that a
 * short-lived {@code cdi} process pays on every start, for a handful of small files.
 */
public final class SpecBinder {
  private static final BigInteger UINT32_MAX = BigInteger.valueOf(0xFFFF_FFFFL);
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  /** The longest number text an integer field reads ({@code 0b} and 64 bits, with room for {@code _}). */
  private static final int MAX_NUMBER_TEXT = 100;
  private static final Set<String> YAML_TRUE = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON");
  private static final Set<String> YAML_FALSE = Set.of("false", "False", "FALSE", "no", "No", "NO", "n", "N", "off", "Off", "OFF");

  private static final List<String> SPEC_KEYS = List.of("cdiVersion", "kind", "annotations", "devices", "containerEdits");
  private static final List<String> DEVICE_KEYS = List.of("name", "annotations", "containerEdits");
  private static final List<String> EDITS_KEYS =
      List.of("env", "deviceNodes", "netDevices", "hooks", "mounts", "intelRdt", "additionalGids");
  private static final List<String> NODE_KEYS =
      List.of("path", "hostPath", "type", "major", "minor", "fileMode", "permissions", "uid", "gid");
  private static final List<String> MOUNT_KEYS = List.of("hostPath", "containerPath", "options", "type");
  private static final List<String> HOOK_KEYS = List.of("hookName", "path", "args", "env", "timeout");
  private static final List<String> RDT_KEYS =
      List.of("closID", "l3CacheSchema", "memBwSchema", "schemata", "enableMonitoring", "enableCMT", "enableMBM");
  private static final List<String> NET_KEYS = List.of("hostInterfaceName", "name");

  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, SourcePosition> positions = new HashMap<>();

  /**
   * The result: the spec (possibly partial), where each field path is in the file (a map the caller
   * takes over: nothing else holds it, and no one should change it), and the problems.
   */
  public record Result(Spec spec, Map<String, SourcePosition> positions, List<Problem> problems) {}

  public static Result bind(Tree.Node root) {
    SpecBinder b = new SpecBinder();
    Spec spec = b.spec(root);
    return new Result(spec, b.positions, List.copyOf(b.problems));
  }

  private void problem(String path, SourcePosition pos, String message) {
    problems.add(new Problem(path, pos, message));
  }

  private static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** A map node whose keys were checked against the allowed ones. */
  private final class Fields {
    final Tree.MapNode map;
    final String path;

    Fields(Tree.MapNode map, String path, List<String> allowed) {
      this.map = map;
      this.path = path;
      for (Tree.Key key : map.keys().values()) {
        if (!allowed.contains(key.text())) {
          String hint = "";
          String field = child(path, key.text());
          for (String a : allowed) {
            if (a.equalsIgnoreCase(key.text())) {
              hint = " (keys are case-sensitive: did you mean \"" + a + "\"?)";
              field = child(path, a); // the problem is the right field, written wrongly
            }
          }
          problem(field, key.pos(), "unknown field \"" + key.text() + "\"" + where(path) + hint);
        }
      }
    }

    /** Returns the value of {@code key} if present and not null, recording its place. */
    Tree.Node get(String key) {
      Tree.Node n = map.values().get(key);
      if (n == null || !map.keys().containsKey(key)) {
        return null;
      }
      if (n instanceof Tree.ScalarNode s && s.isNull()) {
        // an explicit null is an absent field (Go's zero value): no position, so that a required
        // field given as null is reported as missing
        return null;
      }
      positions.put(child(path, key), n.pos());
      return n;
    }

    /** Returns the value of {@code key} bound as {@code kind}, or null when absent or wrong. */
    Object bind(String key, Kind kind) {
      Tree.Node n = get(key);
      return n == null ? null : value(n, child(path, key), kind);
    }

    String string(String key) {
      return (String) bind(key, Kind.STRING);
    }

    Long int64(String key) {
      return (Long) bind(key, Kind.INT64);
    }

    Long uint32(String key) {
      return (Long) bind(key, Kind.UINT32);
    }

    Boolean bool(String key) {
      return (Boolean) bind(key, Kind.BOOL);
    }

    @SuppressWarnings("unchecked")
    List<String> stringList(String key) {
      return (List<String>) bind(key, Kind.STRING_LIST);
    }

    @SuppressWarnings("unchecked")
    Map<String, String> stringMap(String key) {
      return (Map<String, String>) bind(key, Kind.STRING_MAP);
    }

    ContainerEdits edits(String key) {
      return (ContainerEdits) bind(key, Kind.EDITS);
    }

    /** Returns the list under {@code key}, each item bound as {@code item}. */
    @SuppressWarnings("unchecked")
    <T> List<T> list(String key, Kind item) {
      Tree.Node n = get(key);
      return n == null ? null : (List<T>) SpecBinder.this.list(n, child(path, key), item);
    }
  }

  /** What a value is bound to. */
  private enum Kind {
    STRING, INT64, UINT32, BOOL, STRING_LIST, STRING_MAP, EDITS, INTEL_RDT, DEVICE, DEVICE_NODE, NET_DEVICE, HOOK, MOUNT
  }

  /** Binds {@code n} at {@code path} as {@code kind}; null (and a problem recorded) when it does not fit. */
  private Object value(Tree.Node n, String path, Kind kind) {
    switch (kind) {
      case STRING:
        return string(n, path);
      case INT64:
        return int64(n, path);
      case UINT32:
        return uint32(n, path);
      case BOOL:
        return bool(n, path);
      case STRING_LIST:
        return stringList(n, path);
      case STRING_MAP:
        return stringMap(n, path);
      case EDITS:
        return edits(n, path);
      case INTEL_RDT:
        return intelRdt(n, path);
      case DEVICE:
        return device(n, path);
      case DEVICE_NODE:
        return deviceNode(n, path);
      case NET_DEVICE:
        return netDevice(n, path);
      case HOOK:
        return hook(n, path);
      case MOUNT:
        return mount(n, path);
      default:
        throw new AssertionError(kind);
    }
  }

  private static String where(String path) {
    return path.isEmpty() ? " at the top level" : " in " + path;
  }

  private Fields fields(Tree.Node n, String path, List<String> allowed) {
    if (n instanceof Tree.MapNode m) {
      return new Fields(m, path, allowed);
    }
    problem(path, n.pos(), (path.isEmpty() ? "the spec" : path) + " must be a map, not " + n.describe());
    return null;
  }

  private Spec spec(Tree.Node root) {
    if (root instanceof Tree.ScalarNode s && s.isNull()) {
      problem("", root.pos(), "no spec data: the document is empty");
      return null;
    }
    positions.put("", root.pos());
    Fields f = fields(root, "", SPEC_KEYS);
    if (f == null) {
      return null;
    }
    return new Spec(
        f.string("cdiVersion"),
        f.string("kind"),
        f.stringMap("annotations"),
        f.list("devices", Kind.DEVICE),
        f.edits("containerEdits"));
  }

  private Device device(Tree.Node n, String path) {
    Fields f = fields(n, path, DEVICE_KEYS);
    if (f == null) {
      return null;
    }
    return new Device(f.string("name"), f.stringMap("annotations"), f.edits("containerEdits"));
  }

  private ContainerEdits edits(Tree.Node n, String path) {
    Fields f = fields(n, path, EDITS_KEYS);
    if (f == null) {
      return null;
    }
    return new ContainerEdits(
        f.stringList("env"),
        f.list("deviceNodes", Kind.DEVICE_NODE),
        f.list("netDevices", Kind.NET_DEVICE),
        f.list("hooks", Kind.HOOK),
        f.list("mounts", Kind.MOUNT),
        Optional.ofNullable((IntelRdt) f.bind("intelRdt", Kind.INTEL_RDT)),
        f.list("additionalGids", Kind.UINT32));
  }

  private DeviceNode deviceNode(Tree.Node n, String path) {
    Fields f = fields(n, path, NODE_KEYS);
    if (f == null) {
      return null;
    }
    return new DeviceNode(
        f.string("path"),
        Optional.ofNullable(f.string("hostPath")),
        Optional.ofNullable(f.string("type")),
        optionalLong(f.int64("major")),
        optionalLong(f.int64("minor")),
        optionalLong(f.uint32("fileMode")),
        Optional.ofNullable(f.string("permissions")),
        optionalLong(f.uint32("uid")),
        optionalLong(f.uint32("gid")));
  }

  private Mount mount(Tree.Node n, String path) {
    Fields f = fields(n, path, MOUNT_KEYS);
    if (f == null) {
      return null;
    }
    return new Mount(f.string("hostPath"), f.string("containerPath"), f.stringList("options"),
        Optional.ofNullable(f.string("type")));
  }

  private Hook hook(Tree.Node n, String path) {
    Fields f = fields(n, path, HOOK_KEYS);
    if (f == null) {
      return null;
    }
    return new Hook(
        f.string("hookName"),
        f.string("path"),
        f.stringList("args"),
        f.stringList("env"),
        optionalLong(f.int64("timeout")));
  }

  private IntelRdt intelRdt(Tree.Node n, String path) {
    Fields f = fields(n, path, RDT_KEYS);
    if (f == null) {
      return null;
    }
    return new IntelRdt(
        Optional.ofNullable(f.string("closID")),
        Optional.ofNullable(f.string("l3CacheSchema")),
        Optional.ofNullable(f.string("memBwSchema")),
        Optional.ofNullable(f.stringList("schemata")),
        Optional.ofNullable(f.bool("enableMonitoring")),
        Optional.ofNullable(f.bool("enableCMT")),
        Optional.ofNullable(f.bool("enableMBM")));
  }

  private NetDevice netDevice(Tree.Node n, String path) {
    Fields f = fields(n, path, NET_KEYS);
    if (f == null) {
      return null;
    }
    return new NetDevice(f.string("hostInterfaceName"), f.string("name"));
  }

  private static OptionalLong optionalLong(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  private List<Object> list(Tree.Node n, String path, Kind item) {
    if (!(n instanceof Tree.ListNode l)) {
      problem(path, n.pos(), path + " must be a list, not " + n.describe());
      return null;
    }
    List<Object> out = new ArrayList<>(l.items().size());
    for (int i = 0; i < l.items().size(); i++) {
      Tree.Node v = l.items().get(i);
      String p = path + "[" + i + "]";
      positions.put(p, v.pos());
      if (v instanceof Tree.ScalarNode s && s.isNull()) {
        problem(p, v.pos(), p + " must not be null");
        continue;
      }
      Object t = value(v, p, item);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  private List<Object> stringList(Tree.Node n, String path) {
    if (n instanceof Tree.ListNode l && hasNull(l.items())) {
      // The reference decodes a null in a list of strings as "" (Go's zero string); so do we.
      List<Tree.Node> items = new ArrayList<>(l.items().size());
      for (Tree.Node i : l.items()) {
        items.add(isNull(i) ? new Tree.ScalarNode(i.pos(), "", Tree.Style.STRING) : i);
      }
      n = new Tree.ListNode(l.pos(), List.copyOf(items));
    }
    return list(n, path, Kind.STRING);
  }

  private static boolean hasNull(List<Tree.Node> items) {
    for (Tree.Node i : items) {
      if (isNull(i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNull(Tree.Node n) {
    return n instanceof Tree.ScalarNode s && s.isNull();
  }

  private Map<String, String> stringMap(Tree.Node n, String path) {
    if (!(n instanceof Tree.MapNode m)) {
      problem(path, n.pos(), path + " must be a map of strings, not " + n.describe());
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Tree.Key k : m.keys().values()) {
      Tree.Node v = m.values().get(k.text());
      String p = path + "[" + quote(k.text()) + "]";
      positions.put(p, k.pos());
      // The reference decodes a null value as "" (Go's zero string); so do we.
      String value = isNull(v) ? "" : string(v, p);
      if (value != null) {
        out.put(k.text(), value);
      }
    }
    return out;
  }

  private String string(Tree.Node n, String path) {
    if (n instanceof Tree.ScalarNode s && (s.style() == Tree.Style.STRING || s.style() == Tree.Style.PLAIN)) {
      // A plain YAML scalar bound to a string keeps its text: "name: y" is "y", "name: 0" is "0".
      return s.text();
    }
    problem(path, n.pos(), path + " must be a string, not " + n.describe());
    return null;
  }

  private Boolean bool(Tree.Node n, String path) {
    if (n instanceof Tree.ScalarNode s) {
      if (s.style() == Tree.Style.BOOLEAN) {
        return Boolean.valueOf(s.text());
      }
      if (s.style() == Tree.Style.PLAIN) {
        Boolean b = yamlBoolean(s.text());
        if (b != null) {
          return b;
        }
      }
    }
    problem(path, n.pos(), path + " must be true or false, not " + n.describe());
    return null;
  }

  private Long int64(Tree.Node n, String path) {
    BigInteger v = integer(n, path);
    if (v == null) {
      return null;
    }
    if (v.compareTo(INT64_MIN) < 0 || v.compareTo(INT64_MAX) > 0) {
      problem(path, n.pos(), path + ": " + Text.abbreviated(v.toString()) + " does not fit in a signed 64-bit integer");
      return null;
    }
    return v.longValue();
  }

  private Long uint32(Tree.Node n, String path) {
    BigInteger v = integer(n, path);
    if (v == null) {
      return null;
    }
    if (v.signum() < 0 || v.compareTo(UINT32_MAX) > 0) {
      problem(path, n.pos(), path + ": " + Text.abbreviated(v.toString()) + " is out of range for an unsigned 32-bit integer (0 to 4294967295)");
      return null;
    }
    return v.longValue();
  }

  private BigInteger integer(Tree.Node n, String path) {
    if (n instanceof Tree.ScalarNode s && (s.style() == Tree.Style.NUMBER || s.style() == Tree.Style.PLAIN)
        && s.text().length() > MAX_NUMBER_TEXT && "+-.0123456789".indexOf(s.text().charAt(0)) >= 0) {
      // No field holds more than 20 digits: refuse a megabyte of them before doing arithmetic on it.
      problem(path, n.pos(), path + ": a number of " + s.text().length() + " characters is out of range");
      return null;
    }
    if (n instanceof Tree.ScalarNode s) {
      if (s.style() == Tree.Style.NUMBER && isJsonInteger(s.text())) {
        return new BigInteger(s.text());
      }
      // The reference reads a number written as a float (1.0, 1e3) through a float: a whole value is
      // the integer, a fraction an error.
      BigInteger whole = s.style() == Tree.Style.NUMBER ? wholeNumber(yamlFloat(s.text())) : null;
      if (s.style() == Tree.Style.PLAIN) {
        BigInteger v = yamlInteger(s.text());
        whole = v != null ? v : wholeNumber(yamlFloat(s.text()));
      }
      if (whole != null) {
        return whole;
      }
    }
    problem(path, n.pos(), path + " must be an integer, not " + n.describe());
    return null;
  }

  /** The value of a number when it is whole and of sane size, else null. */
  private static BigInteger wholeNumber(java.math.BigDecimal d) {
    if (d == null || Math.abs((long) d.scale()) > 1000) {
      return null; // 1e999999999 is no device number, and expanding it would cost the earth
    }
    return d.signum() == 0 ? BigInteger.ZERO : d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger() : null;
  }

  /** Returns whether {@code s} is a JSON integer: {@code -?(0|[1-9][0-9]*)}. */
  static boolean isJsonInteger(String s) {
    int i = s.startsWith("-") ? 1 : 0;
    int n = s.length();
    if (i == n) {
      return false;
    }
    if (s.charAt(i) == '0') {
      return i + 1 == n;
    }
    for (; i < n; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns whether {@code s} is a YAML float written with a point or an exponent:
   * {@code [-+]?((\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)}. Digits
   * alone are an integer or nothing: the reference's YAML library reads 0668 as the float 668, but
   * a vendor who wrote 0668 meant octal.
   */
  static boolean isYamlFloat(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    int intDigits = digits(s, i);
    i += intDigits;
    boolean point = i < n && s.charAt(i) == '.';
    int fracDigits = 0;
    if (point) {
      i++;
      fracDigits = digits(s, i);
      i += fracDigits;
      if (intDigits == 0 && fracDigits == 0) {
        return false; // "." alone
      }
    } else if (intDigits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        i++;
      }
      int expDigits = digits(s, i);
      if (expDigits == 0) {
        return false;
      }
      i += expDigits;
    } else if (!point) {
      return false; // digits alone
    }
    return i == n;
  }

  /** Returns how many ASCII digits {@code s} has from {@code from} on. */
  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i - from;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Reads a plain YAML float written with a point or an exponent ({@code 1.5}, {@code 1e3}), else null. */
  public static java.math.BigDecimal yamlFloat(String text) {
    if (!isYamlFloat(text)) {
      return null;
    }
    try {
      return new java.math.BigDecimal(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      return null; // an exponent beyond int
    }
  }

  /** Reads a plain YAML boolean as a boolean field does ({@code true}, {@code yes}, {@code on}, ...), else null. */
  public static Boolean yamlBoolean(String text) {
    if (YAML_TRUE.contains(text)) {
      return Boolean.TRUE;
    }
    return YAML_FALSE.contains(text) ? Boolean.FALSE : null;
  }

  /**
   * Reads a plain YAML integer the way vendors and the reference mean it: decimal, {@code 0660}
   * octal (YAML 1.1), {@code 0o660} octal (YAML 1.2), {@code 0x} hex, {@code 0b} binary, with an
   * optional sign and YAML 1.1 digit separators ({@code _}).
   */
  public static BigInteger yamlInteger(String text) {
    String t = text;
    boolean negative = false;
    if (t.startsWith("-") || t.startsWith("+")) {
      negative = t.charAt(0) == '-';
      t = t.substring(1);
    }
    if (t.isEmpty() || t.startsWith("_")) {
      return null;
    }
    int radix = 10;
    String digits = t;
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("0x")) {
      radix = 16;
      digits = t.substring(2);
    } else if (lower.startsWith("0o")) {
      radix = 8;
      digits = t.substring(2);
    } else if (lower.startsWith("0b")) {
      radix = 2;
      digits = t.substring(2);
    } else if (t.length() > 1 && t.startsWith("0")) {
      radix = 8;
      digits = t.substring(1);
    }
    digits = digits.replace("_", "");
    if (digits.isEmpty()) {
      return null;
    }
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      // ASCII digits only: Character.digit would also take ١ or ０, which no YAML reader reads as a number.
      if (c > 'z' || Character.digit(c, radix) < 0) {
        return null;
      }
    }
    BigInteger v = new BigInteger(digits, radix);
    return negative ? v.negate() : v;
  }

  /** Quotes a map key for a field path exactly as the validator does, so a violation finds the key. */
  private static String quote(String s) {
    return Text.quote(s);
  }

}
