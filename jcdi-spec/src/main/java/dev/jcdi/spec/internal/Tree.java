package dev.jcdi.spec.internal;

import dev.jcdi.spec.SourcePosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed document before it is bound to the spec records: maps, lists and scalars with places. */
public final class Tree {
  private Tree() {}

  /** A node of the document. */
  public sealed interface Node permits MapNode, ListNode, ScalarNode {
    SourcePosition pos();

    /** Returns what the node is, for messages: "a map", "a list", "a string", ... */
    String describe();
  }

  /** A key of a map with the place of the key itself. */
  public record Key(String text, SourcePosition pos) {}

  /** A mapping; keys are unique and keep their order. */
  public record MapNode(SourcePosition pos, LinkedHashMap<String, Key> keys, Map<String, Node> values)
      implements Node {
    public String describe() {
      return "a map";
    }
  }

  /** A sequence. */
  public record ListNode(SourcePosition pos, List<Node> items) implements Node {
    public String describe() {
      return "a list";
    }
  }

  /** How a scalar was written, which decides what it may be bound to. */
  public enum Style {
    /** A JSON string, or a quoted, literal or folded YAML scalar, or one tagged {@code !!str}. */
    STRING,
    /** A plain (unquoted) YAML scalar: its type depends on the field it is bound to. */
    PLAIN,
    /** A JSON number. */
    NUMBER,
    /** A JSON {@code true} or {@code false}. */
    BOOLEAN,
    /** A JSON {@code null}. */
    NULL
  }

  /** A scalar with its exact text. */
  public record ScalarNode(SourcePosition pos, String text, Style style) implements Node {
    public String describe() {
      return switch (style) {
        case STRING -> "a string";
        case NUMBER -> "a number";
        case BOOLEAN -> "a boolean";
        case NULL -> "null";
        case PLAIN -> isNull() ? "null" : "the scalar " + brief(text);
      };
    }

    /** Returns whether this scalar is null: JSON null, or a YAML plain {@code ~}, null word or nothing. */
    public boolean isNull() {
      return style == Style.NULL
          || (style == Style.PLAIN
              && (text.isEmpty() || text.equals("~") || text.equals("null") || text.equals("Null") || text.equals("NULL")));
    }
  }

  /**
   * Returns input text for a message: as it is when short, else its start and its length, so that
   * a megabyte of text or a 400-digit number is never echoed back whole.
   */
  static String brief(String s) {
    if (s.length() <= 40) {
      return s;
    }
    int cut = Character.isHighSurrogate(s.charAt(19)) ? 19 : 20;
    return s.substring(0, cut) + "... (" + s.length() + " characters)";
  }
}
