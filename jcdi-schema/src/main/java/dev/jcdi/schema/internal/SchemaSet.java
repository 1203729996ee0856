package dev.jcdi.schema.internal;

import dev.jcdi.schema.SchemaException;
import dev.jcdi.spec.SourcePosition;
import dev.jcdi.spec.internal.JsonTreeParser;
import dev.jcdi.spec.internal.Limits;
import dev.jcdi.spec.internal.ParseFailure;
import dev.jcdi.spec.internal.ParserSettings;
import dev.jcdi.spec.internal.Tree;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A JSON Schema and every document it refers to, loaded, checked and indexed once: after {@link
 * #load} nothing is fetched, every {@code $ref} is known to resolve and every pattern is compiled, so
 * evaluation is pure and the set may be shared between threads.
 */
public final class SchemaSet {
  /** Reads the text of a schema document. */
  public interface Fetcher {
    String fetch(URI uri) throws IOException;
  }

  /** A schema node and the base URI that relative references inside it resolve against. */
  record Located(Tree.Node node, URI base) {}

  private static final int MAX_DOCUMENTS = 64;
  private static final ParserSettings PARSER = new ParserSettings(new Limits(8L << 20, 128, 0, 1_000_000));
  private static final Set<String> SCHEMA_KEYWORDS =
      Set.of("items", "additionalItems", "contains", "additionalProperties", "propertyNames", "not", "if", "then", "else");
  private static final Set<String> SCHEMA_LIST_KEYWORDS = Set.of("allOf", "anyOf", "oneOf");
  private static final Set<String> SCHEMA_MAP_KEYWORDS = Set.of("properties", "patternProperties", "definitions", "$defs");
  private static final Set<String> NUMBER_KEYWORDS = Set.of("multipleOf", "maximum", "minimum");
  private static final Set<String> COUNT_KEYWORDS =
      Set.of("maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties");

  private final URI root;
  private final Map<URI, Tree.Node> byId = new HashMap<>();
  private final Map<String, Tree.Node> anchors = new HashMap<>();
  private final Map<String, Pattern> patterns = new HashMap<>();
  /** Every schema object checked by {@link #index}, with the base URI its relative references use. */
  private final Map<Tree.Node, URI> indexed = new java.util.IdentityHashMap<>();
  /** The absolute URI that the {@code $ref} of each schema object names. */
  private final Map<Tree.Node, URI> refTargets = new java.util.IdentityHashMap<>();
  private boolean refSiblings;

  private SchemaSet(URI root) {
    this.root = root;
  }

  /**
   * Loads the schema at {@code root} and, transitively, every document its {@code $ref}s name:
   * from {@code preloaded} when it has the document, else through {@code fetcher}.
   */
  public static SchemaSet load(URI root, Map<URI, String> preloaded, Fetcher fetcher) throws SchemaException {
    if (!root.isAbsolute()) {
      throw new SchemaException("cannot load JSON schema " + root + ": not an absolute URI");
    }
    SchemaSet set = new SchemaSet(withoutFragment(root));
    List<Pending> refs = new ArrayList<>();
    Deque<URI> queue = new ArrayDeque<>(List.of(set.root));
    Map<URI, Tree.Node> documents = new HashMap<>();
    while (!queue.isEmpty()) {
      URI uri = queue.poll();
      if (documents.containsKey(uri) || set.byId.containsKey(uri)) {
        continue; // loaded, or defined by an $id inside a loaded document
      }
      if (documents.size() >= MAX_DOCUMENTS) {
        throw new SchemaException(set.root + ": refers to more than " + MAX_DOCUMENTS + " schema documents");
      }
      String text = preloaded.get(uri);
      if (text == null) {
        text = MetaSchemas.text(uri);
      }
      if (text == null) {
        try {
          text = fetcher.fetch(uri);
        } catch (IOException e) {
          throw new SchemaException("cannot load JSON schema " + uri + ": " + reason(e), e);
        }
      }
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      Tree.Node doc;
      try {
        doc = new JsonTreeParser(PARSER).parse(text);
      } catch (ParseFailure f) {
        throw new SchemaException(where(uri, f.position()) + ": " + f.getMessage());
      }
      documents.put(uri, doc);
      if (uri.equals(set.root) && doc instanceof Tree.MapNode m && m.values().get("$schema") instanceof Tree.ScalarNode s) {
        // From draft 2019-09 on, keywords beside $ref apply too; before, $ref replaced its object.
        set.refSiblings = s.text().contains("2019-09") || s.text().contains("2020-12");
      }
      set.byId.putIfAbsent(uri, doc);
      int before = refs.size();
      set.index(doc, uri, uri, "", refs);
      for (Pending p : refs.subList(before, refs.size())) {
        URI target = withoutFragment(p.target);
        if (!documents.containsKey(target) && !set.byId.containsKey(target)) {
          queue.add(target);
        }
      }
    }
    // Every target must be a schema; one outside the keywords that index() walks (a "$ref" into
    // "#/components/x", say) is checked and indexed here, and may bring references of its own.
    for (int i = 0; i < refs.size(); i++) {
      Pending p = refs.get(i);
      Located target = set.resolve(p.target);
      if (target == null) {
        throw new SchemaException(where(p.document, p.node.pos()) + ": #" + p.pointer + "/$ref: "
            + quote(p.ref) + " points at nothing (resolved to " + p.target + ")");
      }
      if (!set.indexed.containsKey(target.node())) {
        set.index(target.node(), withoutFragment(p.target), target.base(), "(" + p.ref + ")", refs);
      }
    }
    return set;
  }

  /** The root schema. */
  public Located root() {
    return located(byId.get(root), root);
  }

  /** Whether keywords beside a {@code $ref} are evaluated too (2019-09 and later). */
  boolean refSiblings() {
    return refSiblings;
  }

  Pattern pattern(String regex) {
    return patterns.get(regex);
  }

  /** Returns the schema that the {@code $ref} of schema object {@code schema} names (load resolved them all). */
  Located refTarget(Tree.Node schema) {
    return resolve(refTargets.get(schema));
  }

  private Located resolve(URI target) {
    URI doc = withoutFragment(target);
    Tree.Node node = byId.get(doc);
    if (node == null) {
      return null;
    }
    String fragment = target.getRawFragment();
    if (fragment == null || fragment.isEmpty()) {
      return located(node, doc);
    }
    if (!fragment.startsWith("/")) {
      Tree.Node anchored = anchors.get(doc + "#" + URLDecoder.decode(fragment, StandardCharsets.UTF_8));
      return anchored == null ? null : located(anchored, doc);
    }
    for (String raw : fragment.substring(1).split("/", -1)) {
      String token = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8).replace("~1", "/").replace("~0", "~");
      if (node instanceof Tree.MapNode m) {
        node = m.values().get(token);
      } else if (node instanceof Tree.ListNode l && token.matches("0|[1-9][0-9]{0,8}")) {
        int i = Integer.parseInt(token);
        node = i < l.items().size() ? l.items().get(i) : null;
      } else {
        node = null;
      }
      if (node == null) {
        return null;
      }
    }
    return located(node, doc);
  }

  private Located located(Tree.Node node, URI doc) {
    return new Located(node, indexed.getOrDefault(node, doc));
  }

  /** Returns the base URI of schema object {@code schema} (after its own {@code $id}), or {@code fallback}. */
  URI baseOf(Tree.Node schema, URI fallback) {
    return indexed.getOrDefault(schema, fallback);
  }

  private record Pending(URI document, Tree.Node node, String pointer, String ref, URI target) {}

  /** Checks the shape of one schema, records its ids, anchors, patterns and references, and descends. */
  private void index(Tree.Node schema, URI document, URI base, String pointer, List<Pending> refs) throws SchemaException {
    if (schema instanceof Tree.ScalarNode s && s.style() == Tree.Style.BOOLEAN) {
      return;
    }
    if (!(schema instanceof Tree.MapNode m)) {
      throw bad(document, schema, pointer, "a schema must be an object or a boolean, not " + schema.describe());
    }
    if (indexed.containsKey(schema)) {
      return;
    }
    Map<String, Tree.Node> v = m.values();
    // Before 2019-09 a $ref replaces its whole object: an $id beside it does not change the base.
    if (v.get("$id") != null && (v.get("$ref") == null || refSiblings)) {
      String id = text(v.get("$id"), document, pointer + "/$id");
      URI resolved = resolveAgainst(base, id, document, v.get("$id"), pointer + "/$id");
      if (resolved.getRawFragment() != null && !resolved.getRawFragment().isEmpty()) {
        anchors.put(withoutFragment(resolved) + "#" + resolved.getFragment(), schema);
      } else {
        base = withoutFragment(resolved);
        byId.putIfAbsent(base, schema);
      }
    }
    indexed.put(schema, base);
    if (v.get("$anchor") != null) {
      anchors.put(base + "#" + text(v.get("$anchor"), document, pointer + "/$anchor"), schema);
    }
    if (v.get("$ref") != null) {
      String ref = text(v.get("$ref"), document, pointer + "/$ref");
      URI target = resolveAgainst(base, ref, document, v.get("$ref"), pointer + "/$ref");
      refTargets.put(schema, target);
      refs.add(new Pending(document, schema, pointer, ref, target));
    }
    for (Map.Entry<String, Tree.Node> e : v.entrySet()) {
      String key = e.getKey();
      Tree.Node value = e.getValue();
      String at = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
      if (SCHEMA_KEYWORDS.contains(key)) {
        if (key.equals("items") && value instanceof Tree.ListNode l) {
          for (int i = 0; i < l.items().size(); i++) {
            index(l.items().get(i), document, base, at + "/" + i, refs);
          }
        } else {
          index(value, document, base, at, refs);
        }
      } else if (SCHEMA_LIST_KEYWORDS.contains(key)) {
        if (!(value instanceof Tree.ListNode l) || l.items().isEmpty()) {
          throw bad(document, value, at, key + " must be a non-empty array of schemas");
        }
        for (int i = 0; i < l.items().size(); i++) {
          index(l.items().get(i), document, base, at + "/" + i, refs);
        }
      } else if (SCHEMA_MAP_KEYWORDS.contains(key)) {
        if (!(value instanceof Tree.MapNode sub)) {
          throw bad(document, value, at, key + " must be an object of schemas");
        }
        for (String name : sub.keys().keySet()) {
          if (key.equals("patternProperties")) {
            compile(name, document, sub.keys().get(name).pos(), at);
          }
          index(sub.values().get(name), document, base, at + "/" + name.replace("~", "~0").replace("/", "~1"), refs);
        }
      } else if (key.equals("dependencies")) {
        if (!(value instanceof Tree.MapNode sub)) {
          throw bad(document, value, at, "dependencies must be an object");
        }
        for (String name : sub.keys().keySet()) {
          Tree.Node d = sub.values().get(name);
          if (d instanceof Tree.ListNode l) {
            strings(l, document, at + "/" + name);
          } else {
            index(d, document, base, at + "/" + name, refs);
          }
        }
      } else if (key.equals("type")) {
        List<Tree.Node> names = value instanceof Tree.ListNode l ? l.items() : List.of(value);
        for (Tree.Node n : names) {
          String t = text(n, document, at);
          if (!Values.TYPES.contains(t)) {
            throw bad(document, n, at, "unknown type " + quote(t));
          }
        }
      } else if (key.equals("pattern")) {
        compile(text(value, document, at), document, value.pos(), at);
      } else if (key.equals("required")) {
        if (!(value instanceof Tree.ListNode l)) {
          throw bad(document, value, at, "required must be an array of strings");
        }
        strings(l, document, at);
      } else if (key.equals("enum") && !(value instanceof Tree.ListNode)) {
        throw bad(document, value, at, "enum must be an array");
      } else if (NUMBER_KEYWORDS.contains(key) || ((key.equals("exclusiveMinimum") || key.equals("exclusiveMaximum")) && !isBoolean(value))) {
        if (Values.number(value) == null || !(value instanceof Tree.ScalarNode s && s.style() == Tree.Style.NUMBER)) {
          throw bad(document, value, at, key + " must be a number");
        }
        if (key.equals("multipleOf") && Values.number(value).signum() <= 0) {
          throw bad(document, value, at, "multipleOf must be greater than 0");
        }
      } else if (COUNT_KEYWORDS.contains(key)) {
        if (!(value instanceof Tree.ScalarNode s && s.style() == Tree.Style.NUMBER)
            || !Values.isInteger(Values.number(value))
            || Values.number(value).signum() < 0) {
          throw bad(document, value, at, key + " must be a non-negative integer");
        }
      } else if (key.equals("uniqueItems") && !isBoolean(value)) {
        throw bad(document, value, at, "uniqueItems must be a boolean");
      }
    }
  }

  private static boolean isBoolean(Tree.Node n) {
    return n instanceof Tree.ScalarNode s && s.style() == Tree.Style.BOOLEAN;
  }

  private void compile(String regex, URI document, SourcePosition pos, String pointer) throws SchemaException {
    if (patterns.containsKey(regex)) {
      return;
    }
    try {
      patterns.put(regex, Pattern.compile(ecma(regex)));
    } catch (PatternSyntaxException e) {
      throw new SchemaException(where(document, pos) + ": #" + pointer + ": " + quote(regex)
          + " is not a regular expression: " + e.getDescription());
    }
  }

  /** ECMA-262's white space and line terminators, the set its {@code \s} matches. */
  private static final String ECMA_SPACE = "\\t\\n\\x0B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";

  /**
   * Rewrites an ECMA-262 regular expression into Java's syntax where the two differ: {@code $} is
   * the end of the text (Java's also matches before a final line break, so {@code ^[a-z]+$} would
   * take {@code "abc\n"}); {@code \s} and {@code \S} are ECMA's white space (Unicode's space
   * separators, the byte-order mark, line terminators); {@code \cX} is a control character; {@code
   * \v} is a vertical tab; {@code \p{Name}} takes ECMA's property names (Letter, digit); {@code []}
   * matches nothing and {@code [^]} any character.
   */
  static String ecma(String regex) {
    StringBuilder b = new StringBuilder(regex.length() + 4);
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char e = regex.charAt(++i);
        if (e == 's') {
          b.append(inClass ? ECMA_SPACE : "[" + ECMA_SPACE + "]");
        } else if (e == 'S') {
          b.append("[^").append(ECMA_SPACE).append(']');
        } else if (e == 'v') {
          b.append("\\x0B");
        } else if (e == 'c' && i + 1 < regex.length() && isAsciiLetter(regex.charAt(i + 1))) {
          b.append(String.format("\\x%02X", regex.charAt(++i) % 32));
        } else if ((e == 'p' || e == 'P') && i + 1 < regex.length() && regex.charAt(i + 1) == '{' && regex.indexOf('}', i) > 0) {
          int close = regex.indexOf('}', i);
          b.append('\\').append(e).append('{').append(property(regex.substring(i + 2, close))).append('}');
          i = close;
        } else {
          b.append(c).append(e);
        }
      } else if (inClass) {
        inClass = c != ']';
        b.append(c);
      } else if (regex.startsWith("[]", i)) {
        b.append("(?!)"); // ECMA's empty class matches nothing
        i++;
      } else if (regex.startsWith("[^]", i)) {
        b.append("(?s:.)"); // and its negation any character
        i += 2;
      } else if (c == '[') {
        inClass = true;
        b.append(c);
        if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
          b.append(regex.charAt(++i));
        }
      } else {
        b.append(c == '$' ? "\\z" : String.valueOf(c));
      }
    }
    return b.toString();
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** A Unicode property name as Java knows it: ECMA's binary properties ({@code Letter}, {@code digit}) take "Is". */
  private static String property(String name) {
    for (String candidate : List.of(name, "Is" + name)) {
      try {
        Pattern.compile("\\p{" + candidate + "}");
        return candidate;
      } catch (PatternSyntaxException e) {
        // not a name Java knows: try the next, else report the name as written
      }
    }
    return name;
  }

  private static void strings(Tree.ListNode l, URI document, String pointer) throws SchemaException {
    for (Tree.Node n : l.items()) {
      text(n, document, pointer);
    }
  }

  private static String text(Tree.Node n, URI document, String pointer) throws SchemaException {
    if (n instanceof Tree.ScalarNode s && s.style() == Tree.Style.STRING) {
      return s.text();
    }
    throw bad(document, n, pointer, "expected a string, not " + n.describe());
  }

  private static URI resolveAgainst(URI base, String ref, URI document, Tree.Node at, String pointer) throws SchemaException {
    URI r;
    try {
      r = new URI(escape(ref));
    } catch (URISyntaxException e) {
      throw bad(document, at, pointer, quote(ref) + " is not a URI reference");
    }
    URI resolved = resolve(base, r);
    if (resolved == null) {
      throw bad(document, at, pointer, quote(ref) + " cannot be resolved against the base URI " + base
          + " (only a fragment can be added to a URI that has no path, such as a URN)");
    }
    return resolved;
  }

  /**
   * Resolves URI reference {@code r} against {@code base} as RFC 3986 section 5.2 does; also against
   * an opaque base such as {@code urn:uuid:...}, to which a reference can only add a fragment ({@link
   * URI#resolve} returns such a reference unchanged). Returns null when {@code r} cannot be resolved.
   */
  static URI resolve(URI base, URI r) {
    if (r.isAbsolute()) {
      return r.isOpaque() ? r : r.normalize();
    }
    boolean fragmentOnly = r.getRawSchemeSpecificPart().isEmpty();
    if (fragmentOnly) {
      URI doc = withoutFragment(base);
      return r.getRawFragment() == null ? doc : URI.create(doc + "#" + r.getRawFragment());
    }
    if (base.isOpaque()) {
      return null;
    }
    return base.resolve(r).normalize();
  }

  /** A reason for a failed read, for messages: never a bare class name or "null". */
  static String reason(IOException e) {
    String m = e.getMessage();
    if (e instanceof java.net.ConnectException) {
      return "connection refused" + (m == null || m.isBlank() || m.contains("Exception") ? "" : " (" + m + ")");
    }
    if (e instanceof java.net.UnknownHostException) {
      return "unknown host" + (m == null || m.isBlank() ? "" : " " + m);
    }
    if (e instanceof java.net.http.HttpTimeoutException || e instanceof java.net.SocketTimeoutException) {
      return "timed out";
    }
    if (m == null || m.isBlank() || m.equals("null")) {
      return "the document cannot be read";
    }
    return m;
  }

  /** Makes a reference a URI: characters a pointer may hold but a URI may not ({@code " "}, ...) are escaped. */
  private static String escape(String ref) {
    StringBuilder b = new StringBuilder(ref.length());
    for (byte c : ref.getBytes(StandardCharsets.UTF_8)) {
      int u = c & 0xff;
      if (u <= 0x20 || u >= 0x7f || "\"<>\\^`{|}".indexOf(u) >= 0) {
        b.append('%').append(Character.toUpperCase(Character.forDigit(u >> 4, 16))).append(Character.toUpperCase(Character.forDigit(u & 15, 16)));
      } else {
        b.append((char) u);
      }
    }
    return b.toString();
  }

  static URI withoutFragment(URI uri) {
    try {
      return new URI(uri.getScheme(), uri.getRawSchemeSpecificPart() == null ? null : uri.getSchemeSpecificPart(), null).normalize();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static SchemaException bad(URI document, Tree.Node at, String pointer, String message) {
    return new SchemaException(where(document, at.pos()) + ": #" + pointer + ": " + message);
  }

  private static String where(URI document, SourcePosition pos) {
    return document + ":" + pos.line() + ":" + pos.column();
  }

  private static String quote(String s) {
    return dev.jcdi.spec.internal.Text.quote(s);
  }
}
