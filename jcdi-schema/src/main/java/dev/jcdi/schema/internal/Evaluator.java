package dev.jcdi.schema.internal;

import dev.jcdi.schema.SchemaViolation;
import dev.jcdi.spec.SourcePosition;
import dev.jcdi.spec.internal.Text;
import dev.jcdi.spec.internal.Tree;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a draft-07 JSON Schema (draft-04 and -06 keywords too) against a parsed spec document,
 * collecting every violation with the JSON pointer and source position of the value that breaks it.
 * {@code format} is asserted for the formats {@link Formats} knows, as the reference's schema library does.
 */
public final class Evaluator {
  private final SchemaSet set;
  /** The (schema, value) pairs being evaluated: meeting one again is a reference cycle that consumes nothing. */
  private final Set<Visit> active = new HashSet<>();

  private Evaluator(SchemaSet set) {
    this.set = set;
  }

  /**
   * The (schema, value) evaluations one document may cost: this many, plus {@link
   * #EVALUATIONS_PER_VALUE} per value in it. Far above what a real schema needs; a schema that fans
   * out ({@code anyOf} of two references to a level that does the same, forty levels deep) would
   * otherwise take 2^40 evaluations of one value.
   */
  static final long BASE_EVALUATIONS = 1_000_000;

  static final long EVALUATIONS_PER_VALUE = 100;

  private long evaluations;
  private long maxEvaluations;

  /** Thrown when the evaluation budget is spent; carries no stack trace. */
  private static final class TooCostly extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooCostly() {
      super("too costly", null, false, false);
    }
  }

  /**
   * Returns every violation of {@code set}'s root schema by {@code document}, in document order.
   * A schema too costly to evaluate on the document yields the violations found so far and one
   * that says so, at the document's root.
   */
  public static List<SchemaViolation> validate(SchemaSet set, Tree.Node document) {
    List<SchemaViolation> out = new ArrayList<>();
    SchemaSet.Located root = set.root();
    Evaluator evaluator = new Evaluator(set);
    evaluator.maxEvaluations = BASE_EVALUATIONS + EVALUATIONS_PER_VALUE * countValues(document);
    try {
      evaluator.eval(root.node(), root.base(), document, "", out);
    } catch (TooCostly e) {
      out.add(new SchemaViolation("", document.pos(), "the schema could not be evaluated on this document: it took more than "
          + evaluator.maxEvaluations + " evaluation steps (a schema whose alternatives multiply at every level)"));
    } catch (StackOverflowError e) {
      // a chain of thousands of references that consume nothing: the stack, not the schema, gives out
      out.add(new SchemaViolation("", document.pos(),
          "the schema could not be evaluated on this document: its references nest too deeply"));
    }
    out.sort(
        java.util.Comparator.comparingInt((SchemaViolation v) -> v.position().line())
            .thenComparingInt(v -> v.position().column()));
    return List.copyOf(new java.util.LinkedHashSet<>(out));
  }

  /** Counts the values in {@code document}, without recursion. */
  private static long countValues(Tree.Node document) {
    long n = 0;
    java.util.ArrayDeque<Tree.Node> todo = new java.util.ArrayDeque<>();
    todo.push(document);
    while (!todo.isEmpty()) {
      Tree.Node node = todo.pop();
      n++;
      if (node instanceof Tree.MapNode m) {
        m.values().values().forEach(todo::push);
      } else if (node instanceof Tree.ListNode l) {
        l.items().forEach(todo::push);
      }
    }
    return n;
  }

  private record Visit(Tree.Node schema, Tree.Node value) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Visit v && v.schema == schema && v.value == value;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(schema) * 31 + System.identityHashCode(value);
    }
  }

  private boolean valid(Tree.Node schema, URI base, Tree.Node value, String at) {
    List<SchemaViolation> scratch = new ArrayList<>();
    eval(schema, base, value, at, scratch);
    return scratch.isEmpty();
  }

  private void eval(Tree.Node schema, URI base, Tree.Node value, String at, List<SchemaViolation> out) {
    if (schema instanceof Tree.ScalarNode b) {
      if (b.text().equals("false")) {
        out.add(new SchemaViolation(at, value.pos(), "no value is allowed here"));
      }
      return;
    }
    if (++evaluations > maxEvaluations) {
      throw new TooCostly();
    }
    Visit visit = new Visit(schema, value);
    if (!active.add(visit)) {
      return;
    }
    try {
      Map<String, Tree.Node> s = ((Tree.MapNode) schema).values();
      base = set.baseOf(schema, base);
      if (s.get("$ref") != null) {
        SchemaSet.Located target = set.refTarget(schema);
        eval(target.node(), target.base(), value, at, out);
        if (!set.refSiblings()) {
          return;
        }
      }
      keywords(s, base, value, at, out);
    } finally {
      active.remove(visit);
    }
  }

  private void keywords(Map<String, Tree.Node> s, URI base, Tree.Node value, String at, List<SchemaViolation> out) {
    SourcePosition pos = value.pos();
    Tree.Node type = s.get("type");
    if (type != null) {
      List<Tree.Node> names = type instanceof Tree.ListNode l ? l.items() : List.of(type);
      if (names.stream().noneMatch(n -> Values.isType(value, ((Tree.ScalarNode) n).text()))) {
        out.add(new SchemaViolation(at, pos, "expected " + String.join(" or ", names.stream().map(n -> ((Tree.ScalarNode) n).text()).toList())
            + ", got " + Values.typeName(value)));
      }
    }
    if (s.get("enum") instanceof Tree.ListNode options && options.items().stream().noneMatch(o -> Values.matches(value, o))) {
      out.add(new SchemaViolation(at, pos, "value must be one of " + String.join(", ", options.items().stream().map(Values::json).toList())));
    }
    if (s.containsKey("const") && !Values.matches(value, s.get("const"))) {
      out.add(new SchemaViolation(at, pos, "value must be " + Values.json(s.get("const"))));
    }
    numeric(s, value, at, out);
    String text = Values.string(value);
    if (text != null && (value instanceof Tree.ScalarNode sc && (sc.style() == Tree.Style.STRING || isTypeHint(s, "string")))) {
      long length = text.codePointCount(0, text.length());
      if (s.get("minLength") != null && length < count(s.get("minLength"))) {
        out.add(new SchemaViolation(at, pos, "length " + length + " is less than the minimum of " + count(s.get("minLength"))));
      }
      if (s.get("maxLength") != null && length > count(s.get("maxLength"))) {
        out.add(new SchemaViolation(at, pos, "length " + length + " is more than the maximum of " + count(s.get("maxLength"))));
      }
      if (s.get("pattern") instanceof Tree.ScalarNode p) {
        Boolean found = find(p.text(), text);
        if (found == null) {
          out.add(undecided(at, pos, p.text()));
        } else if (!found) {
          out.add(new SchemaViolation(at, pos, Text.quote(text) + " does not match the pattern " + Text.quote(p.text())));
        }
      }
      if (s.get("format") instanceof Tree.ScalarNode f && f.style() == Tree.Style.STRING && !format(f.text(), text)) {
        out.add(new SchemaViolation(at, pos, Text.quote(text) + " is not of the format " + Text.quote(f.text())));
      }
    }
    if (value instanceof Tree.ListNode list) {
      array(s, base, list, at, out);
    }
    if (value instanceof Tree.MapNode map) {
      object(s, base, map, at, out);
    }
    combinators(s, base, value, at, out);
  }

  /**
   * The most characters a pattern may read per evaluation, beyond {@link #STEPS_PER_CHAR} per
   * character of the text: enough for any pattern that is linear in the text many times over, and
   * a fraction of a second for one that backtracks catastrophically ({@code ^(a+)+$}).
   */
  static final long STEP_BUDGET = 5_000_000;

  static final long STEPS_PER_CHAR = 20;

  /**
   * Whether {@code regex} matches somewhere in {@code text}, or null when that cannot be decided
   * within the step budget (catastrophic backtracking) or the stack (Java's matcher recurses per
   * repetition of a group, so a long text can exhaust it).
   */
  private Boolean find(String regex, String text) {
    try {
      return set.pattern(regex).matcher(new BudgetedText(text, STEP_BUDGET + STEPS_PER_CHAR * text.length())).find();
    } catch (BudgetedText.Exhausted | StackOverflowError e) {
      return null;
    }
  }

  /** Whether {@code text} has {@code format}; a text too deep for Java's regular expressions to take has none. */
  private static boolean format(String format, String text) {
    try {
      return Formats.valid(format, text);
    } catch (StackOverflowError e) {
      return false;
    }
  }

  private static SchemaViolation undecided(String at, SourcePosition pos, String regex) {
    return new SchemaViolation(at, pos, "the pattern " + Text.quote(regex)
        + " could not be evaluated on this value within its step budget (the pattern backtracks too much or the value is too long); counted as not matching");
  }

  /** Whether a plain YAML scalar is to be read as {@code type} here: the schema asks for that type. */
  private static boolean isTypeHint(Map<String, Tree.Node> s, String type) {
    Tree.Node t = s.get("type");
    if (t == null) {
      return true;
    }
    List<Tree.Node> names = t instanceof Tree.ListNode l ? l.items() : List.of(t);
    return names.stream().anyMatch(n -> ((Tree.ScalarNode) n).text().equals(type));
  }

  private void numeric(Map<String, Tree.Node> s, Tree.Node value, String at, List<SchemaViolation> out) {
    BigDecimal n = Values.number(value);
    if (n == null || (value instanceof Tree.ScalarNode sc && sc.style() == Tree.Style.PLAIN
        && !isTypeHint(s, "integer") && !isTypeHint(s, "number"))) {
      return;
    }
    SourcePosition pos = value.pos();
    String shown = n.toPlainString();
    BigDecimal min = Values.number(s.get("minimum"));
    Tree.Node exMin = s.get("exclusiveMinimum");
    if (min != null) {
      boolean exclusive = exMin != null && "true".equals(((Tree.ScalarNode) exMin).text()); // draft-04
      if (exclusive ? n.compareTo(min) <= 0 : n.compareTo(min) < 0) {
        out.add(new SchemaViolation(at, pos, shown + " is less than " + (exclusive ? "or equal to " : "") + "the minimum of " + min.toPlainString()));
      }
    }
    BigDecimal max = Values.number(s.get("maximum"));
    Tree.Node exMax = s.get("exclusiveMaximum");
    if (max != null) {
      boolean exclusive = exMax != null && "true".equals(((Tree.ScalarNode) exMax).text());
      if (exclusive ? n.compareTo(max) >= 0 : n.compareTo(max) > 0) {
        out.add(new SchemaViolation(at, pos, shown + " is more than " + (exclusive ? "or equal to " : "") + "the maximum of " + max.toPlainString()));
      }
    }
    if (exMin != null && Values.number(exMin) != null && ((Tree.ScalarNode) exMin).style() == Tree.Style.NUMBER
        && n.compareTo(Values.number(exMin)) <= 0) {
      out.add(new SchemaViolation(at, pos, shown + " must be greater than " + Values.number(exMin).toPlainString()));
    }
    if (exMax != null && Values.number(exMax) != null && ((Tree.ScalarNode) exMax).style() == Tree.Style.NUMBER
        && n.compareTo(Values.number(exMax)) >= 0) {
      out.add(new SchemaViolation(at, pos, shown + " must be less than " + Values.number(exMax).toPlainString()));
    }
    BigDecimal step = Values.number(s.get("multipleOf"));
    if (step != null && n.remainder(step).signum() != 0) {
      out.add(new SchemaViolation(at, pos, shown + " is not a multiple of " + step.toPlainString()));
    }
  }

  private void array(Map<String, Tree.Node> s, URI base, Tree.ListNode list, String at, List<SchemaViolation> out) {
    List<Tree.Node> items = list.items();
    SourcePosition pos = list.pos();
    if (s.get("minItems") != null && items.size() < count(s.get("minItems"))) {
      out.add(new SchemaViolation(at, pos, items.size() + (items.size() == 1 ? " item" : " items") + ", fewer than the minimum of " + count(s.get("minItems"))));
    }
    if (s.get("maxItems") != null && items.size() > count(s.get("maxItems"))) {
      out.add(new SchemaViolation(at, pos, items.size() + " items, more than the maximum of " + count(s.get("maxItems"))));
    }
    if (s.get("uniqueItems") instanceof Tree.ScalarNode u && u.text().equals("true")) {
      Map<Object, Integer> seen = new HashMap<>();
      for (int i = 0; i < items.size(); i++) {
        Integer first = seen.putIfAbsent(Values.identity(items.get(i)), i);
        if (first != null) {
          out.add(new SchemaViolation(at + "/" + i, items.get(i).pos(), "item " + i + " equals item " + first + " (items must be unique)"));
        }
      }
    }
    Tree.Node itemSchema = s.get("items");
    int checked = 0;
    if (itemSchema instanceof Tree.ListNode tuple) {
      for (int i = 0; i < items.size() && i < tuple.items().size(); i++) {
        eval(tuple.items().get(i), base, items.get(i), at + "/" + i, out);
      }
      checked = Math.min(items.size(), tuple.items().size());
      Tree.Node rest = s.get("additionalItems");
      if (rest != null) {
        for (int i = checked; i < items.size(); i++) {
          eval(rest, base, items.get(i), at + "/" + i, out);
        }
      }
    } else if (itemSchema != null) {
      for (int i = 0; i < items.size(); i++) {
        eval(itemSchema, base, items.get(i), at + "/" + i, out);
      }
    }
    Tree.Node contains = s.get("contains");
    if (contains != null) {
      boolean any = false;
      for (int i = 0; i < items.size() && !any; i++) {
        any = valid(contains, base, items.get(i), at + "/" + i);
      }
      if (!any) {
        out.add(new SchemaViolation(at, pos, "no item matches the schema of \"contains\""));
      }
    }
  }

  private void object(Map<String, Tree.Node> s, URI base, Tree.MapNode map, String at, List<SchemaViolation> out) {
    SourcePosition pos = map.pos();
    int size = map.keys().size();
    if (s.get("minProperties") != null && size < count(s.get("minProperties"))) {
      out.add(new SchemaViolation(at, pos, size + (size == 1 ? " property" : " properties") + ", fewer than the minimum of " + count(s.get("minProperties"))));
    }
    if (s.get("maxProperties") != null && size > count(s.get("maxProperties"))) {
      out.add(new SchemaViolation(at, pos, size + " properties, more than the maximum of " + count(s.get("maxProperties"))));
    }
    if (s.get("required") instanceof Tree.ListNode required) {
      for (Tree.Node r : required.items()) {
        String name = ((Tree.ScalarNode) r).text();
        if (!map.values().containsKey(name)) {
          out.add(new SchemaViolation(at, pos, "missing property " + Text.quote(name)));
        }
      }
    }
    Map<String, Tree.Node> properties = s.get("properties") instanceof Tree.MapNode p ? p.values() : Map.of();
    Map<String, Tree.Node> patterned = s.get("patternProperties") instanceof Tree.MapNode p ? p.values() : Map.of();
    Tree.Node additional = s.get("additionalProperties");
    Tree.Node names = s.get("propertyNames");
    Map<String, Tree.Node> dependencies = s.get("dependencies") instanceof Tree.MapNode d ? d.values() : Map.of();
    for (Map.Entry<String, Tree.Key> e : map.keys().entrySet()) {
      String name = e.getKey();
      Tree.Node child = map.values().get(name);
      String childAt = at + "/" + name.replace("~", "~0").replace("/", "~1");
      boolean matched = false;
      if (properties.containsKey(name)) {
        matched = true;
        eval(properties.get(name), base, child, childAt, out);
      }
      for (Map.Entry<String, Tree.Node> p : patterned.entrySet()) {
        Boolean found = find(p.getKey(), name);
        if (found == null) {
          out.add(undecided(childAt, e.getValue().pos(), p.getKey()));
        } else if (found) {
          matched = true;
          eval(p.getValue(), base, child, childAt, out);
        }
      }
      if (!matched && additional != null) {
        if (additional instanceof Tree.ScalarNode b && b.text().equals("false")) {
          out.add(new SchemaViolation(childAt, e.getValue().pos(), "property " + Text.quote(name) + " is not allowed"));
        } else {
          eval(additional, base, child, childAt, out);
        }
      }
      if (names != null) {
        Tree.ScalarNode key = new Tree.ScalarNode(e.getValue().pos(), name, Tree.Style.STRING);
        List<SchemaViolation> found = new ArrayList<>();
        eval(names, base, key, childAt, found);
        for (SchemaViolation v : found) {
          out.add(new SchemaViolation(childAt, e.getValue().pos(), "property name " + Text.quote(name) + ": " + v.message()));
        }
      }
      Tree.Node dependency = dependencies.get(name);
      if (dependency instanceof Tree.ListNode needed) {
        for (Tree.Node n : needed.items()) {
          String other = ((Tree.ScalarNode) n).text();
          if (!map.values().containsKey(other)) {
            out.add(new SchemaViolation(at, pos, "property " + Text.quote(name) + " requires property " + Text.quote(other)));
          }
        }
      } else if (dependency != null) {
        eval(dependency, base, map, at, out);
      }
    }
  }

  private void combinators(Map<String, Tree.Node> s, URI base, Tree.Node value, String at, List<SchemaViolation> out) {
    SourcePosition pos = value.pos();
    if (s.get("allOf") instanceof Tree.ListNode all) {
      for (Tree.Node sub : all.items()) {
        eval(sub, base, value, at, out);
      }
    }
    if (s.get("anyOf") instanceof Tree.ListNode any) {
      List<List<SchemaViolation>> tries = new ArrayList<>();
      for (Tree.Node sub : any.items()) {
        List<SchemaViolation> scratch = new ArrayList<>();
        eval(sub, base, value, at, scratch);
        if (scratch.isEmpty()) {
          tries = null;
          break;
        }
        tries.add(scratch);
      }
      if (tries != null) {
        out.add(new SchemaViolation(at, pos, "matches none of the schemas of \"anyOf\"" + closest(tries)));
      }
    }
    if (s.get("oneOf") instanceof Tree.ListNode one) {
      List<Integer> passed = new ArrayList<>();
      List<List<SchemaViolation>> tries = new ArrayList<>();
      for (int i = 0; i < one.items().size(); i++) {
        List<SchemaViolation> scratch = new ArrayList<>();
        eval(one.items().get(i), base, value, at, scratch);
        if (scratch.isEmpty()) {
          passed.add(i);
        }
        tries.add(scratch);
      }
      if (passed.isEmpty()) {
        out.add(new SchemaViolation(at, pos, "matches none of the schemas of \"oneOf\"" + closest(tries)));
      } else if (passed.size() > 1) {
        out.add(new SchemaViolation(at, pos, "matches the schemas " + passed + " of \"oneOf\"; exactly one must match"));
      }
    }
    if (s.get("not") != null && valid(s.get("not"), base, value, at)) {
      out.add(new SchemaViolation(at, pos, "matches the schema of \"not\""));
    }
    if (s.get("if") != null) {
      Tree.Node branch = valid(s.get("if"), base, value, at) ? s.get("then") : s.get("else");
      if (branch != null) {
        eval(branch, base, value, at, out);
      }
    }
  }

  /** The first problem of the alternative that came closest, to say why none matched. */
  private static String closest(List<List<SchemaViolation>> tries) {
    List<SchemaViolation> best = tries.stream().min(java.util.Comparator.comparingInt(List::size)).orElse(List.of());
    return best.isEmpty() ? "" : " (closest: " + best.get(0) + ")";
  }

  private static long count(Tree.Node n) {
    return Values.number(n).longValue();
  }
}
