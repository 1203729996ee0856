package dev.jcdi.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/** Structured output of listings: JSON or YAML rendered from a Jackson tree. */
final class Structured {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Structured() {}

  /** The output formats of a listing. */
  enum Format {
    TEXT,
    JSON,
    YAML
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static String render(JsonNode node, Format format) {
    return format == Format.YAML ? yaml(node) : json(node);
  }

  static String json(JsonNode node) {
    DefaultPrettyPrinter pp =
        new DefaultPrettyPrinter(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return MAPPER.writer(pp).writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String yaml(JsonNode node) {
    StringBuilder b = new StringBuilder("---\n");
    if (node.isContainerNode() && node.size() > 0) {
      block(b, node, 0, false);
    } else {
      b.append(flowScalar(node)).append('\n');
    }
    return b.toString();
  }

  private static void block(StringBuilder b, JsonNode node, int indent, boolean inlineFirst) {
    boolean first = true;
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!(first && inlineFirst)) {
          pad(b, indent);
        }
        first = false;
        b.append(scalar(e.getKey())).append(':');
        value(b, e.getValue(), indent);
      }
    } else {
      for (JsonNode item : node) {
        if (!(first && inlineFirst)) {
          pad(b, indent);
        }
        first = false;
        b.append("- ");
        if (item.isContainerNode() && item.size() > 0) {
          block(b, item, indent + 1, true);
        } else {
          b.append(flowScalar(item)).append('\n');
        }
      }
    }
  }

  private static void value(StringBuilder b, JsonNode v, int indent) {
    if (v.isObject() && v.size() > 0) {
      b.append('\n');
      block(b, v, indent + 1, false);
    } else if (v.isArray() && v.size() > 0) {
      b.append('\n');
      block(b, v, indent, false);
    } else {
      b.append(' ').append(flowScalar(v)).append('\n');
    }
  }

  private static String flowScalar(JsonNode v) {
    if (v.isObject()) {
      return "{}";
    }
    if (v.isArray()) {
      return "[]";
    }
    if (v.isTextual()) {
      return scalar(v.textValue());
    }
    return v.toString();
  }

  private static void pad(StringBuilder b, int indent) {
    b.append("  ".repeat(indent));
  }

  /** Plain only when every YAML reader reads it back as the same string; else quoted. */
  static String scalar(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2);
    dev.jcdi.spec.internal.Text.appendYamlScalar(b, s);
    return b.toString();
  }
}
