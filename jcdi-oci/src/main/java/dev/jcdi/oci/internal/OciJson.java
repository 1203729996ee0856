package dev.jcdi.oci.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads and writes OCI config JSON without losing anything: members keep their order, numbers
 * keep their exact text, and the fields CDI edits are checked for the JSON types OCI gives them.
 */
public final class OciJson {
  private OciJson() {}

  /** The factory for every node this module creates. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).build();

  /** A JSON text that is not an acceptable OCI config, with where the problem is. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;
    private final String fieldPath;

    Failure(String message, int line, int column, String fieldPath) {
      super(message, null, false, false);
      this.line = line;
      this.column = column;
      this.fieldPath = fieldPath;
    }

    /** Returns the 1-based line, or 0 when unknown. */
    public int line() {
      return line;
    }

    /** Returns the 1-based column, or 0 when unknown. */
    public int column() {
      return column;
    }

    /** Returns the field the problem is in, e.g. {@code process.env[2]}, or {@code ""}. */
    public String fieldPath() {
      return fieldPath;
    }
  }

  /**
   * Parses {@code json} into an object tree: duplicate keys, trailing content, a root that is not
   * an object, and CDI-edited fields of the wrong type are errors.
   */
  public static ObjectNode parse(byte[] json) throws Failure {
    // JSON is UTF-8 (RFC 8259): decode strictly ourselves, or Jackson would guess UTF-16/32 from
    // the first bytes and let through code points no writer can write back.
    String text;
    try {
      text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(json))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new Failure("the config is not valid UTF-8", 1, 1, "");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new Failure("no JSON value: the input is empty", 1, 1, "");
      }
      if (first != JsonToken.START_OBJECT) {
        throw at(p.currentTokenLocation(), "an OCI config must be a JSON object, found " + describe(first), "");
      }
      JsonNode root = readValue(p, ConfigShape.root(), "");
      JsonToken extra = p.nextToken();
      if (extra != null) {
        throw at(p.currentTokenLocation(), "unexpected content after the config object", "");
      }
      return (ObjectNode) root;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw new Failure(
          "invalid JSON: " + Text.jsonProblem(e.getOriginalMessage()),
          loc == null ? 0 : Math.max(loc.getLineNr(), 0),
          loc == null ? 0 : Math.max(loc.getColumnNr(), 0),
          "");
    } catch (IOException e) {
      throw new Failure("cannot read the config: " + Text.ioReason(e), 1, 1, "");
    }
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }

  private static Failure at(JsonLocation loc, String message, String fieldPath) {
    return new Failure(message, Math.max(loc.getLineNr(), 0), Math.max(loc.getColumnNr(), 0), fieldPath);
  }

  /**
   * The deepest nesting of objects and arrays a config may have. OCI configs nest a handful of
   * levels; the bound keeps the recursive reader (and every later walk of the tree) off the end of
   * the stack, and comes before Jackson's own, whose message names its internals.
   */
  public static final int MAX_DEPTH = 256;

  /** Reads the value whose first token is current; {@code shape} is its shape key or null. */
  private static JsonNode readValue(JsonParser p, String shape, String path) throws IOException, Failure {
    JsonLocation start = p.currentTokenLocation();
    if (p.currentToken().isStructStart() && p.getParsingContext().getNestingDepth() > MAX_DEPTH) {
      throw at(start, "the config nests deeper than " + MAX_DEPTH + " levels of objects and arrays", path);
    }
    JsonNode node =
        switch (p.currentToken()) {
          case START_OBJECT -> readObject(p, shape, path);
          case START_ARRAY -> readArray(p, shape, path);
          case VALUE_STRING -> NODES.textNode(p.getText());
          case VALUE_NUMBER_INT -> integer(p);
          case VALUE_NUMBER_FLOAT -> exactNumber(p.getText(), start, path);
          case VALUE_TRUE -> NODES.booleanNode(true);
          case VALUE_FALSE -> NODES.booleanNode(false);
          case VALUE_NULL -> NODES.nullNode();
          default -> throw at(start, "unexpected token " + p.currentToken(), path);
        };
    String problem = ConfigShape.problem(shape, node);
    if (problem != null) {
      throw at(start, (path.isEmpty() ? "the config" : path) + ": " + problem, path);
    }
    return node;
  }

  private static JsonNode exactNumber(String text, JsonLocation at, String path) throws Failure {
    try {
      return ExactNumberNode.of(text);
    } catch (NumberFormatException e) {
      throw at(at, "number " + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + " is out of range", path);
    }
  }

  private static JsonNode integer(JsonParser p) throws IOException {
    String text = p.getText();
    if (text.startsWith("-0")) {
      return ExactNumberNode.of(text); // "-0" would come back as "0"
    }
    return switch (p.getNumberType()) {
      case INT -> IntNode.valueOf(p.getIntValue());
      case LONG -> LongNode.valueOf(p.getLongValue());
      default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
    };
  }

  private static ObjectNode readObject(JsonParser p, String shape, String path) throws IOException, Failure {
    ObjectNode obj = NODES.objectNode();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonLocation nameLoc = p.currentTokenLocation();
      String childShape = ConfigShape.member(shape, name);
      String childPath = childShape == null ? path : memberPath(path, name);
      if (obj.has(name)) {
        throw at(nameLoc, "duplicate key " + quote(name) + (path.isEmpty() ? "" : " in " + path), path);
      }
      p.nextToken();
      obj.set(name, readValue(p, childShape, childPath));
    }
    if (t != JsonToken.END_OBJECT) {
      throw at(p.currentTokenLocation(), "unexpected token " + t, path);
    }
    return obj;
  }

  private static ArrayNode readArray(JsonParser p, String shape, String path) throws IOException, Failure {
    ArrayNode arr = NODES.arrayNode();
    String childShape = ConfigShape.element(shape);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw at(p.currentLocation(), "unexpected end of input in an array", path);
      }
      String childPath = childShape == null ? path : path + "[" + arr.size() + "]";
      arr.add(readValue(p, childShape, childPath));
    }
    return arr;
  }

  /**
   * Checks a tree built elsewhere: the root must be an object, every node a plain JSON value, and
   * the CDI-edited fields of their OCI types.
   *
   * @throws Failure naming the offending field
   */
  public static void check(JsonNode root) throws Failure {
    if (root == null || !root.isObject()) {
      throw new Failure(
          "an OCI config must be a JSON object, found " + (root == null ? "nothing" : ConfigShape.describe(root)),
          0,
          0,
          "");
    }
    check(root, ConfigShape.root(), "");
  }

  private static void check(JsonNode node, String shape, String path) throws Failure {
    switch (node.getNodeType()) {
      case OBJECT, ARRAY, STRING, BOOLEAN, NULL -> {}
      case NUMBER -> {
        if (node instanceof com.fasterxml.jackson.databind.node.NumericNode n && n.isNaN()) {
          throw new Failure(where(path) + "NaN and infinities are not JSON numbers", 0, 0, path);
        }
      }
      default -> throw new Failure(where(path) + "not a JSON value: " + ConfigShape.describe(node), 0, 0, path);
    }
    String problem = ConfigShape.problem(shape, node);
    if (problem != null) {
      throw new Failure((path.isEmpty() ? "the config" : path) + ": " + problem, 0, 0, path);
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String childShape = ConfigShape.member(shape, e.getKey());
        check(e.getValue(), childShape, memberPath(path, e.getKey()));
      }
    } else if (node.isArray()) {
      String childShape = ConfigShape.element(shape);
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), childShape, path + "[" + i + "]");
      }
    }
  }

  private static String where(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }

  private static String memberPath(String path, String name) {
    boolean plain = !name.isEmpty();
    for (int i = 0; i < name.length() && plain; i++) {
      char c = name.charAt(i);
      plain = Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
    String seg = plain ? name : "[" + quote(name) + "]";
    if (path.isEmpty()) {
      return seg;
    }
    return plain ? path + "." + seg : path + seg;
  }

  /** Returns {@code s} as a JSON string literal, for messages. */
  public static String quote(String s) {
    return Text.quote(s);
  }


  /**
   * Writes {@code root} as UTF-8 JSON indented by two spaces, {@code "key": value}, empty
   * containers as {@code {}} and {@code []}, ending with a newline.
   */
  public static byte[] write(JsonNode root) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setPrettyPrinter(new IndentPrinter());
      MAPPER.writeTree(g, root);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    out.write('\n');
    return out.toByteArray();
  }
}
