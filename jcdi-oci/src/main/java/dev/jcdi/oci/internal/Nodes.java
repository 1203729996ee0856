package dev.jcdi.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Reading and create-if-missing navigation of a config tree. Reads are lenient: a member of another
 * JSON type than expected reads as absent. Writes add a missing container at the end of its parent,
 * or in place of a {@code null} or a value of another type.
 */
public final class Nodes {
  private Nodes() {}

  /** Returns member {@code name} of {@code node}, or {@code null} when absent or not an object. */
  public static JsonNode member(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    return node.get(name);
  }

  /** Returns the node at {@code names} below {@code node}, or {@code null}. */
  public static JsonNode path(JsonNode node, String... names) {
    JsonNode n = node;
    for (String name : names) {
      n = member(n, name);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  /** Returns the string member {@code name}, or {@code null}. */
  public static String text(JsonNode node, String name) {
    JsonNode v = member(node, name);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  /** Returns the number member {@code name} as a long (saturated), or {@code null}. */
  public static Long number(JsonNode node, String name) {
    JsonNode v = member(node, name);
    return v != null && v.isNumber() ? v.longValue() : null;
  }

  /** Returns the boolean member {@code name}, or {@code null}. */
  public static Boolean bool(JsonNode node, String name) {
    JsonNode v = member(node, name);
    return v != null && v.isBoolean() ? v.booleanValue() : null;
  }

  /** Returns the strings of {@code array}, skipping other elements; empty when not an array. */
  public static List<String> strings(JsonNode array) {
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(array.size());
    for (JsonNode e : array) {
      if (e.isTextual()) {
        out.add(e.textValue());
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Returns the strings of the array member {@code name}, or {@code null} when it is no array. */
  public static List<String> stringsOrNull(JsonNode node, String name) {
    JsonNode v = member(node, name);
    return v != null && v.isArray() ? strings(v) : null;
  }

  /** Returns the object elements of {@code array} through {@code view}; empty when not an array. */
  public static <T> List<T> objects(JsonNode array, Function<JsonNode, T> view) {
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<T> out = new ArrayList<>(array.size());
    for (JsonNode e : array) {
      if (e.isObject()) {
        out.add(view.apply(e));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Returns the object member {@code name}, adding an empty one at the end (or in place of another value). */
  public static ObjectNode object(ObjectNode parent, String name) {
    JsonNode n = parent.get(name);
    if (n instanceof ObjectNode o) {
      return o;
    }
    ObjectNode created = OciJson.NODES.objectNode();
    parent.set(name, created);
    return created;
  }

  /** Returns the array member {@code name}, adding an empty one at the end (or in place of another value). */
  public static ArrayNode array(ObjectNode parent, String name) {
    JsonNode n = parent.get(name);
    if (n instanceof ArrayNode a) {
      return a;
    }
    ArrayNode created = OciJson.NODES.arrayNode();
    parent.set(name, created);
    return created;
  }

  /** Returns the object member {@code name} if it is one, else {@code null}; never adds anything. */
  public static ObjectNode existingObject(JsonNode parent, String name) {
    return member(parent, name) instanceof ObjectNode o ? o : null;
  }

  /** Returns the array member {@code name} if it is one, else {@code null}; never adds anything. */
  public static ArrayNode existingArray(JsonNode parent, String name) {
    return member(parent, name) instanceof ArrayNode a ? a : null;
  }

  /** Returns {@code v} as the smallest integer node that holds it. */
  public static JsonNode number(long v) {
    return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
  }

  /** Sets {@code name} to {@code value}; a {@code null} value removes the member. */
  public static void putText(ObjectNode node, String name, String value) {
    if (value == null) {
      node.remove(name);
    } else {
      node.put(name, value);
    }
  }

  /** Sets {@code name} to {@code value}; a {@code null} value removes the member. */
  public static void putNumber(ObjectNode node, String name, Long value) {
    if (value == null) {
      node.remove(name);
    } else {
      node.set(name, number(value));
    }
  }

  /** Sets {@code name} to an array of {@code values}; {@code null} removes the member. */
  public static void putStrings(ObjectNode node, String name, List<String> values) {
    if (values == null) {
      node.remove(name);
    } else {
      ArrayNode a = OciJson.NODES.arrayNode(values.size());
      for (String v : values) {
        a.add(v);
      }
      node.set(name, a);
    }
  }
}
