package dev.jcdi.schema.internal;

import dev.jcdi.spec.internal.SpecBinder;
import dev.jcdi.spec.internal.Text;
import dev.jcdi.spec.internal.Tree;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a value of a spec file is to a JSON Schema. JSON values are what they are. A plain (unquoted)
 * YAML scalar is read as jcdi's reader reads it for the field it is bound to: it is a string (its
 * text), and also a boolean, an integer or a number when its text reads as one ({@code 0660} is
 * octal, {@code yes} is true); a null word or nothing is null and only null.
 */
final class Values {
  static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean", "null");

  private Values() {}

  /** Returns whether {@code n} is of the JSON Schema type {@code type}. */
  static boolean isType(Tree.Node n, String type) {
    return switch (type) {
      case "object" -> n instanceof Tree.MapNode;
      case "array" -> n instanceof Tree.ListNode;
      case "string" -> string(n) != null;
      case "number" -> number(n) != null;
      case "integer" -> isInteger(number(n));
      case "boolean" -> bool(n) != null;
      case "null" -> n instanceof Tree.ScalarNode s && s.isNull();
      default -> false;
    };
  }

  /** Returns the type a message names for {@code n}: its JSON type, or a plain scalar's likeliest one. */
  static String typeName(Tree.Node n) {
    if (n instanceof Tree.MapNode) {
      return "object";
    }
    if (n instanceof Tree.ListNode) {
      return "array";
    }
    Tree.ScalarNode s = (Tree.ScalarNode) n;
    if (s.isNull()) {
      return "null";
    }
    return switch (s.style()) {
      case STRING -> "string";
      case BOOLEAN -> "boolean";
      case NUMBER -> number(n) == null ? "a number out of range" : isInteger(number(n)) ? "integer" : "number";
      case NULL -> "null";
      case PLAIN -> bool(n) != null ? "boolean" : number(n) != null ? (isInteger(number(n)) ? "integer" : "number") : "string";
    };
  }

  /** The text of a string value, else null. */
  static String string(Tree.Node n) {
    if (n instanceof Tree.ScalarNode s
        && (s.style() == Tree.Style.STRING || (s.style() == Tree.Style.PLAIN && !s.isNull()))) {
      return s.text();
    }
    return null;
  }

  /**
   * The value of a number, else null. A number whose exponent is beyond ten thousand is none: no
   * bound in a schema needs it, and arithmetic on it (multipleOf) would cost without end.
   */
  static BigDecimal number(Tree.Node n) {
    BigDecimal d = rawNumber(n);
    return d == null || Math.abs((long) d.scale()) > 10_000 ? null : d;
  }

  /** Whether {@code n} is a JSON number too large to hold (its exponent beyond ten thousand). */
  static boolean isHugeNumber(Tree.Node n) {
    return n instanceof Tree.ScalarNode s && s.style() == Tree.Style.NUMBER && number(n) == null;
  }

  private static BigDecimal rawNumber(Tree.Node n) {
    if (!(n instanceof Tree.ScalarNode s) || s.text().length() > 1000) {
      return null; // JSON numbers stop at 1,000 characters too (the parser's limit)
    }
    if (s.style() == Tree.Style.NUMBER) {
      try {
        return new BigDecimal(s.text());
      } catch (NumberFormatException e) {
        return null; // an exponent beyond int: no schema bound can hold it
      }
    }
    if (s.style() != Tree.Style.PLAIN || s.isNull()) {
      return null;
    }
    BigInteger i = SpecBinder.yamlInteger(s.text());
    if (i != null) {
      return new BigDecimal(i);
    }
    return SpecBinder.yamlFloat(s.text());
  }

  /** The value of a boolean, else null. */
  static Boolean bool(Tree.Node n) {
    if (n instanceof Tree.ScalarNode s) {
      if (s.style() == Tree.Style.BOOLEAN) {
        return Boolean.valueOf(s.text());
      }
      if (s.style() == Tree.Style.PLAIN) {
        return SpecBinder.yamlBoolean(s.text());
      }
    }
    return null;
  }

  static boolean isInteger(BigDecimal d) {
    return d != null && (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0);
  }

  /** Returns whether instance value {@code n} equals schema value {@code v} (enum, const). */
  static boolean matches(Tree.Node n, Tree.Node v) {
    if (v instanceof Tree.MapNode vm) {
      if (!(n instanceof Tree.MapNode nm) || !nm.values().keySet().equals(vm.values().keySet())) {
        return false;
      }
      for (Map.Entry<String, Tree.Node> e : vm.values().entrySet()) {
        if (!matches(nm.values().get(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (v instanceof Tree.ListNode vl) {
      if (!(n instanceof Tree.ListNode nl) || nl.items().size() != vl.items().size()) {
        return false;
      }
      for (int i = 0; i < vl.items().size(); i++) {
        if (!matches(nl.items().get(i), vl.items().get(i))) {
          return false;
        }
      }
      return true;
    }
    Tree.ScalarNode s = (Tree.ScalarNode) v;
    return switch (s.style()) {
      case STRING, PLAIN -> s.text().equals(string(n));
      case NUMBER -> number(n) != null && number(v) != null && number(n).compareTo(number(v)) == 0;
      case BOOLEAN -> Boolean.valueOf(s.text()).equals(bool(n));
      case NULL -> isType(n, "null");
    };
  }

  /** A key equal for equal instance values (uniqueItems): a plain scalar counts as its likeliest type. */
  static Object identity(Tree.Node n) {
    if (n instanceof Tree.MapNode m) {
      Map<String, Object> out = new TreeMap<>();
      m.values().forEach((k, v) -> out.put(k, identity(v)));
      return out;
    }
    if (n instanceof Tree.ListNode l) {
      List<Object> out = new ArrayList<>();
      l.items().forEach(i -> out.add(identity(i)));
      return out;
    }
    return switch (typeName(n)) {
      case "null" -> "null";
      case "boolean" -> bool(n);
      case "integer", "number" -> number(n).stripTrailingZeros();
      case "a number out of range" -> "n:" + ((Tree.ScalarNode) n).text();
      default -> "s:" + string(n);
    };
  }

  /** Writes a schema value as JSON, for messages. */
  static String json(Tree.Node v) {
    StringBuilder b = new StringBuilder();
    json(v, b);
    return b.toString();
  }

  private static void json(Tree.Node v, StringBuilder b) {
    if (v instanceof Tree.MapNode m) {
      b.append('{');
      String sep = "";
      for (Map.Entry<String, Tree.Node> e : m.values().entrySet()) {
        b.append(sep).append(Text.quote(e.getKey())).append(':');
        json(e.getValue(), b);
        sep = ",";
      }
      b.append('}');
    } else if (v instanceof Tree.ListNode l) {
      b.append('[');
      for (int i = 0; i < l.items().size(); i++) {
        b.append(i == 0 ? "" : ",");
        json(l.items().get(i), b);
      }
      b.append(']');
    } else {
      Tree.ScalarNode s = (Tree.ScalarNode) v;
      b.append(s.style() == Tree.Style.STRING || s.style() == Tree.Style.PLAIN ? Text.quote(s.text()) : s.text());
    }
  }
}
