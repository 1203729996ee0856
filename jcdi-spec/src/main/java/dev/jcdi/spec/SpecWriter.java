package dev.jcdi.spec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writes specs as JSON or YAML: fields in the spec's order, absent fields omitted, present-but-empty
 * lists and maps kept, so reading what was written gives an equal spec. YAML strings are quoted
 * whenever a YAML 1.1 or 1.2 reader could take them for anything else ({@code "y"}, {@code "0660"},
 * {@code "1.0"}), so older consumers read the same values. Stateless and thread-safe.
 */
public final class SpecWriter {
  private static final int MAX_IMPLICIT_KEY = 1000;

  private SpecWriter() {}

  /**
   * {@return {@code spec} in the given format}
   *
   * @param spec the spec
   * @param format the format
   */
  public static String write(Spec spec, SpecFormat format) {
    return format == SpecFormat.JSON ? toJson(spec) : toYaml(spec);
  }

  /**
   * {@return {@code spec} in the given format, UTF-8 encoded}
   *
   * @param spec the spec
   * @param format the format
   */
  public static byte[] writeBytes(Spec spec, SpecFormat format) {
    return write(spec, format).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@return {@code spec} as indented JSON ending in a newline}
   *
   * @param spec the spec
   */
  public static String toJson(Spec spec) {
    StringBuilder b = new StringBuilder();
    json(b, tree(spec), 0);
    return b.append('\n').toString();
  }

  /**
   * {@return {@code spec} as a YAML document starting with {@code ---}}
   *
   * @param spec the spec
   */
  public static String toYaml(Spec spec) {
    List<Field> tree = tree(spec);
    if (tree.isEmpty()) {
      return "--- {}\n"; // a bare "---" is an empty document, which no reader takes for a spec
    }
    StringBuilder b = new StringBuilder("---\n");
    yamlMap(b, tree, 0);
    return b.toString();
  }

  // ---- the spec as an ordered tree of Field / List / String / Long / Boolean ----

  private record Field(String key, Object value) {}

  private static List<Field> tree(Spec s) {
    List<Field> f = new FieldList();
    put(f, "cdiVersion", s.cdiVersion());
    put(f, "kind", s.kind());
    put(f, "annotations", map(s.annotations()));
    put(f, "devices", each(s.devices(), SpecWriter::device));
    put(f, "containerEdits", edits(s.containerEdits()));
    return f;
  }

  /** Adds a field unless it is absent: null, an empty required text, an empty list, an empty Optional. */
  private static void put(List<Field> f, String key, Object value) {
    // an optional field that is present is written even when empty: it was in the file
    if (value instanceof Optional<?> o) {
      o.ifPresent(v -> f.add(new Field(key, v)));
      return;
    }
    if (value instanceof OptionalLong o) {
      o.ifPresent(v -> f.add(new Field(key, v)));
      return;
    }
    if (value == null
        || value instanceof String str && str.isEmpty()
        || value instanceof List<?> l && !(l instanceof FieldList) && l.isEmpty()) {
      return;
    }
    f.add(new Field(key, value));
  }

  private static List<Field> map(Map<String, String> m) {
    if (m.isEmpty()) {
      return null;
    }
    List<Field> f = new FieldList();
    m.forEach((k, v) -> f.add(new Field(k, v)));
    return f;
  }

  private static List<Field> device(Device d) {
    List<Field> f = new FieldList();
    put(f, "name", d.name());
    put(f, "annotations", map(d.annotations()));
    put(f, "containerEdits", edits(d.containerEdits()));
    return f;
  }

  private static <T> List<Object> each(List<T> list, java.util.function.Function<T, Object> fn) {
    List<Object> out = new ArrayList<>();
    for (T t : list) {
      out.add(fn.apply(t));
    }
    return out;
  }

  private static List<Field> edits(ContainerEdits e) {
    if (e.isEmpty()) {
      return null;
    }
    List<Field> f = new FieldList();
    put(f, "env", each(e.env(), x -> x));
    put(f, "deviceNodes", each(e.deviceNodes(), SpecWriter::deviceNode));
    put(f, "netDevices", each(e.netDevices(), SpecWriter::netDevice));
    put(f, "hooks", each(e.hooks(), SpecWriter::hook));
    put(f, "mounts", each(e.mounts(), SpecWriter::mount));
    put(f, "intelRdt", e.intelRdt().map(SpecWriter::intelRdt));
    put(f, "additionalGids", each(e.additionalGids(), x -> x));
    return f;
  }

  private static List<Field> deviceNode(DeviceNode n) {
    List<Field> f = new FieldList();
    put(f, "path", n.path());
    put(f, "hostPath", n.hostPath());
    put(f, "type", n.type());
    put(f, "major", n.major());
    put(f, "minor", n.minor());
    put(f, "fileMode", n.fileMode());
    put(f, "permissions", n.permissions());
    put(f, "uid", n.uid());
    put(f, "gid", n.gid());
    return f;
  }

  private static List<Field> netDevice(NetDevice n) {
    List<Field> f = new FieldList();
    put(f, "hostInterfaceName", n.hostInterfaceName());
    put(f, "name", n.name());
    return f;
  }

  private static List<Field> hook(Hook h) {
    List<Field> f = new FieldList();
    put(f, "hookName", h.hookName());
    put(f, "path", h.path());
    put(f, "args", each(h.args(), x -> x));
    put(f, "env", each(h.env(), x -> x));
    put(f, "timeout", h.timeout());
    return f;
  }

  private static List<Field> mount(Mount m) {
    List<Field> f = new FieldList();
    put(f, "hostPath", m.hostPath());
    put(f, "containerPath", m.containerPath());
    put(f, "options", each(m.options(), x -> x));
    put(f, "type", m.type());
    return f;
  }

  private static List<Field> intelRdt(IntelRdt r) {
    List<Field> f = new FieldList();
    put(f, "closID", r.closID());
    put(f, "l3CacheSchema", r.l3CacheSchema());
    put(f, "memBwSchema", r.memBwSchema());
    // present but empty stays: schemata: [] is what makes a spec need 1.1.0
    r.schemata().ifPresent(list -> f.add(new Field("schemata", each(list, x -> x))));
    put(f, "enableMonitoring", r.enableMonitoring());
    put(f, "enableCMT", r.enableCMT());
    put(f, "enableMBM", r.enableMBM());
    return f;
  }

  // ---- JSON ----

  @SuppressWarnings("unchecked")
  private static void json(StringBuilder b, Object v, int indent) {
    if (v instanceof FieldList) {
      List<Field> fields = (List<Field>) v;
      if (fields.isEmpty()) {
        b.append("{}");
        return;
      }
      b.append("{\n");
      for (int i = 0; i < fields.size(); i++) {
        indent(b, indent + 1);
        jsonString(b, fields.get(i).key());
        b.append(": ");
        json(b, fields.get(i).value(), indent + 1);
        b.append(i + 1 < fields.size() ? ",\n" : "\n");
      }
      indent(b, indent);
      b.append('}');
    } else if (v instanceof List<?> list) {
      if (list.isEmpty()) {
        b.append("[]");
        return;
      }
      b.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        indent(b, indent + 1);
        json(b, list.get(i), indent + 1);
        b.append(i + 1 < list.size() ? ",\n" : "\n");
      }
      indent(b, indent);
      b.append(']');
    } else if (v instanceof String s) {
      jsonString(b, s);
    } else {
      b.append(v);
    }
  }

  /** Maps are held as a {@link FieldList}, so an empty map stays apart from an empty list. */
  private static boolean isFieldList(Object v) {
    return v instanceof FieldList;
  }

  private static final class FieldList extends ArrayList<Field> {
    private static final long serialVersionUID = 1L;
  }

  private static void indent(StringBuilder b, int n) {
    for (int i = 0; i < n; i++) {
      b.append("  ");
    }
  }

  private static void jsonString(StringBuilder b, String s) {
    dev.jcdi.spec.internal.Text.appendQuoted(b, s, true);
  }


  // ---- YAML ----

  @SuppressWarnings("unchecked")
  private static void yamlMap(StringBuilder b, List<Field> fields, int indent) {
    boolean first = true;
    for (Field f : fields) {
      if (!first) {
        indent(b, indent);
      }
      first = false;
      StringBuilder key = new StringBuilder();
      yamlScalarOrKey(key, f.key());
      if (key.length() > MAX_IMPLICIT_KEY) {
        // YAML limits an implicit key to 1024 characters; a longer one needs the explicit "? key" form.
        b.append("? ").append(key).append('\n');
        indent(b, indent);
      } else {
        b.append(key);
      }
      b.append(':');
      yamlValue(b, f.value(), indent);
    }
  }

  /** Writes a value after {@code key:} (or after {@code - }), including its line end. */
  @SuppressWarnings("unchecked")
  private static void yamlValue(StringBuilder b, Object v, int indent) {
    if (isFieldList(v) && ((List<Field>) v).isEmpty()) {
      b.append(" {}\n");
    } else if (isFieldList(v)) {
      b.append('\n');
      indent(b, indent + 1);
      yamlMap(b, (List<Field>) v, indent + 1);
    } else if (v instanceof List<?> list) {
      if (list.isEmpty()) {
        b.append(" []\n");
        return;
      }
      b.append('\n');
      for (Object item : list) {
        indent(b, indent);
        b.append("- ");
        if (isFieldList(item) && ((List<Field>) item).isEmpty()) {
          b.append("{}\n");
        } else if (isFieldList(item)) {
          yamlMap(b, (List<Field>) item, indent + 1);
        } else if (item instanceof List<?> inner) {
          // not produced by the spec model: lists of lists do not occur
          throw new IllegalStateException("nested list " + inner);
        } else {
          yamlScalar(b, item);
          b.append('\n');
        }
      }
    } else {
      b.append(' ');
      yamlScalar(b, v);
      b.append('\n');
    }
  }

  private static void yamlScalar(StringBuilder b, Object v) {
    if (v instanceof String s) {
      yamlScalarOrKey(b, s);
    } else {
      b.append(v);
    }
  }

  private static void yamlScalarOrKey(StringBuilder b, String s) {
    dev.jcdi.spec.internal.Text.appendYamlScalar(b, s);
  }

  static boolean isSafePlain(String s) {
    return dev.jcdi.spec.internal.Text.isSafePlainYaml(s);
  }
}
