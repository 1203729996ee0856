package dev.jcdi.spec.internal;

import dev.jcdi.spec.SourcePosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Parses one YAML document into a {@link Tree} from the parser's events, so that nesting depth and
 * aliases are bounded before any structure is built. Scalars keep their exact text and style.
 */
public final class YamlTreeParser {
  private static final String STR_TAG = "tag:yaml.org,2002:str";

  private final Limits limits;
  private final Map<String, Tree.Node> anchors = new HashMap<>();
  private final Map<Tree.Node, Long> weights = new java.util.IdentityHashMap<>();
  private int aliases;
  private long expanded;
  private ParserImpl parser;

  private final ParserSettings parserSettings;

  public YamlTreeParser(ParserSettings parserSettings) {
    this.limits = parserSettings.limits;
    this.parserSettings = parserSettings;
  }

  public Tree.Node parse(String text) throws ParseFailure {
    LoadSettings settings = parserSettings.yamlFor(text.length());
    parser = new ParserImpl(settings, new StreamReader(settings, text));
    try {
      expect(Event.ID.StreamStart);
      if (parser.checkEvent(Event.ID.StreamEnd)) {
        throw new ParseFailure(new SourcePosition(1, 1), "empty file: no spec data");
      }
      expect(Event.ID.DocumentStart);
      Tree.Node root = node(parser.next(), 1);
      expect(Event.ID.DocumentEnd);
      if (!parser.checkEvent(Event.ID.StreamEnd)) {
        Event extra = parser.next();
        throw new ParseFailure(pos(extra.getStartMark()), "a spec file holds exactly one YAML document; found a second one");
      }
      return root;
    } catch (MarkedYamlEngineException e) {
      throw new ParseFailure(pos(e.getProblemMark()), "invalid YAML: " + e.getProblem());
    } catch (YamlEngineException e) {
      String m = e.getMessage() == null ? "syntax error" : e.getMessage();
      if (m.contains("code point") || m.contains("exceeds the limit")) {
        throw new ParseFailure(new SourcePosition(1, 1), "file larger than " + limits.maxBytes() + " bytes");
      }
      throw new ParseFailure(new SourcePosition(1, 1), "invalid YAML: " + m);
    } catch (RuntimeException e) {
      // A fault inside the YAML library must cost one file, never the whole load of a directory.
      throw new ParseFailure(new SourcePosition(1, 1), "invalid YAML: the YAML reader failed (" + e + ")");
    }
  }

  private Event expect(Event.ID id) throws ParseFailure {
    Event e = parser.next();
    if (e.getEventId() != id) {
      throw new ParseFailure(pos(e.getStartMark()), "invalid YAML: unexpected " + e.getEventId());
    }
    return e;
  }

  private Tree.Node node(Event e, int depth) throws ParseFailure {
    SourcePosition at = pos(e.getStartMark());
    if (depth > limits.maxDepth()) {
      throw new ParseFailure(at, "nesting deeper than " + limits.maxDepth() + " levels");
    }
    if (e instanceof AliasEvent alias) {
      String name = alias.getAlias().getValue();
      Tree.Node target = anchors.get(name);
      if (target == null) {
        throw new ParseFailure(at, "unknown or recursive alias *" + Tree.brief(name));
      }
      if (++aliases > limits.maxAliases()) {
        throw new ParseFailure(at, "more than " + limits.maxAliases() + " YAML aliases");
      }
      count(at, weights.getOrDefault(target, 1L));
      return target;
    }
    Tree.Node n;
    long before = expanded;
    count(at, 1);
    if (e instanceof ScalarEvent s) {
      n = new Tree.ScalarNode(at, Text.wellFormed(s.getValue()), scalarStyle(s, at));
    } else if (e instanceof SequenceStartEvent seq) {
      checkTag(seq.getTag(), at, "tag:yaml.org,2002:seq");
      List<Tree.Node> items = new ArrayList<>();
      while (!parser.checkEvent(Event.ID.SequenceEnd)) {
        items.add(node(parser.next(), depth + 1));
      }
      parser.next();
      n = new Tree.ListNode(at, items);
    } else if (e instanceof MappingStartEvent map) {
      checkTag(map.getTag(), at, "tag:yaml.org,2002:map");
      LinkedHashMap<String, Tree.Key> keys = new LinkedHashMap<>();
      Map<String, Tree.Node> values = new HashMap<>();
      while (!parser.checkEvent(Event.ID.MappingEnd)) {
        Event k = parser.next();
        SourcePosition keyPos = pos(k.getStartMark());
        if (!(k instanceof ScalarEvent ks)) {
          throw new ParseFailure(keyPos, "a key must be a plain string, not a list, map or alias");
        }
        String key = Text.wellFormed(ks.getValue());
        Tree.Key previous = keys.get(key);
        if (previous != null) {
          throw new ParseFailure(keyPos, "duplicate key \"" + key + "\" (first at line " + previous.pos().line() + ")");
        }
        keys.put(key, new Tree.Key(key, keyPos));
        values.put(key, node(parser.next(), depth + 1));
      }
      parser.next();
      n = new Tree.MapNode(at, keys, values);
    } else {
      throw new ParseFailure(at, "invalid YAML: unexpected " + e.getEventId());
    }
    Optional<Anchor> anchor = ((NodeEvent) e).getAnchor();
    if (anchor.isPresent()) {
      anchors.put(anchor.get().getValue(), n);
      weights.put(n, expanded - before);
    }
    return n;
  }

  private void count(SourcePosition at, long n) throws ParseFailure {
    expanded += n;
    if (expanded > limits.maxNodes()) {
      throw new ParseFailure(at, "more than " + limits.maxNodes() + " values in one file (after expanding aliases)");
    }
  }

  private static void checkTag(Optional<String> tag, SourcePosition at, String allowed) throws ParseFailure {
    if (tag.isPresent() && !tag.get().equals(allowed)) {
      throw new ParseFailure(at, "unsupported YAML tag " + tag.get());
    }
  }

  private static Tree.Style scalarStyle(ScalarEvent s, SourcePosition at) throws ParseFailure {
    Optional<String> tag = s.getTag();
    if (tag.isPresent()) {
      String t = tag.get();
      if (t.equals(STR_TAG)) {
        return Tree.Style.STRING;
      }
      if (t.startsWith("tag:yaml.org,2002:") && !t.equals("tag:yaml.org,2002:binary")) {
        return s.isPlain() ? Tree.Style.PLAIN : Tree.Style.STRING;
      }
      throw new ParseFailure(at, "unsupported YAML tag " + t);
    }
    return s.isPlain() ? Tree.Style.PLAIN : Tree.Style.STRING;
  }

  private static SourcePosition pos(Optional<Mark> mark) {
    if (mark.isEmpty()) {
      return new SourcePosition(1, 1);
    }
    Mark m = mark.get();
    return new SourcePosition(m.getLine() + 1, m.getColumn() + 1);
  }
}
