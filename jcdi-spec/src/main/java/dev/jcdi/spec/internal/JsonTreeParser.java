package dev.jcdi.spec.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.jcdi.spec.SourcePosition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses strict JSON (no comments, no trailing content, no duplicate keys) into a {@link Tree}. */
public final class JsonTreeParser {
  private final Limits limits;
  private final JsonFactory factory;
  private long nodes;

  public JsonTreeParser(ParserSettings settings) {
    this.limits = settings.limits;
    this.factory = settings.json();
  }

  public Tree.Node parse(String text) throws ParseFailure {
    try (JsonParser p = factory.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new ParseFailure(new SourcePosition(1, 1), "empty file: no spec data");
      }
      Tree.Node root = value(p, 1);
      JsonToken after;
      try {
        after = p.nextToken();
      } catch (JsonProcessingException e) {
        throw failure(e);
      }
      if (after != null) {
        throw new ParseFailure(pos(p.currentTokenLocation()), "unexpected content after the end of the JSON document");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw failure(e);
    } catch (IOException e) {
      throw new ParseFailure(new SourcePosition(1, 1), e.getMessage());
    }
  }

  private Tree.Node value(JsonParser p, int depth) throws IOException, ParseFailure {
    SourcePosition at = pos(p.currentTokenLocation());
    if (depth > limits.maxDepth()) {
      throw new ParseFailure(at, "nesting deeper than " + limits.maxDepth() + " levels");
    }
    if (++nodes > limits.maxNodes()) {
      throw new ParseFailure(at, "more than " + limits.maxNodes() + " values in one file");
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        LinkedHashMap<String, Tree.Key> keys = new LinkedHashMap<>();
        Map<String, Tree.Node> values = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = Text.wellFormed(p.currentName());
          SourcePosition keyPos = pos(p.currentTokenLocation());
          Tree.Key previous = keys.get(name);
          if (previous != null) {
            throw new ParseFailure(keyPos, "duplicate key \"" + name + "\" (first at line " + previous.pos().line() + ")");
          }
          p.nextToken();
          keys.put(name, new Tree.Key(name, keyPos));
          values.put(name, value(p, depth + 1));
        }
        return new Tree.MapNode(at, keys, values);
      }
      case START_ARRAY -> {
        List<Tree.Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(p, depth + 1));
        }
        return new Tree.ListNode(at, items);
      }
      case VALUE_STRING -> {
        return new Tree.ScalarNode(at, Text.wellFormed(p.getText()), Tree.Style.STRING);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new Tree.ScalarNode(at, p.getText(), Tree.Style.NUMBER);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Tree.ScalarNode(at, p.getText(), Tree.Style.BOOLEAN);
      }
      case VALUE_NULL -> {
        return new Tree.ScalarNode(at, "null", Tree.Style.NULL);
      }
      default -> throw new ParseFailure(at, "unexpected " + t);
    }
  }

  private static SourcePosition pos(JsonLocation l) {
    return new SourcePosition(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  private static ParseFailure failure(JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    SourcePosition at = l == null ? new SourcePosition(1, 1) : pos(l);
    return new ParseFailure(at, "invalid JSON: " + clean(e.getOriginalMessage()));
  }

  /** Turns Jackson's wording into a short message a vendor can act on. */
  public static String clean(String m) {
    if (m == null) {
      return "syntax error";
    }
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl);
    }
    if (m.contains("was expecting comma to separate Object entries")) {
      return "expected ',' or '}' after an object entry";
    }
    if (m.contains("was expecting comma to separate Array entries")) {
      return "expected ',' or ']' after a list item";
    }
    if (m.contains("was expecting double-quote to start field name")) {
      return "expected a double-quoted key";
    }
    if (m.startsWith("Unexpected end-of-input")) {
      return "unexpected end of file";
    }
    if (m.contains("nesting depth")) {
      return "nesting too deep";
    }
    // Jackson's limits name its own API ("from `StreamReadConstraints.getMaxNumberLength()`")
    m = m.replaceAll(", from `[^`]*`", "");
    return m.replaceAll(" \\(code \\d+\\)", "").replace("\"", "'");
  }
}
