package dev.jcdi.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads top-level key/value pairs of a TOML file, enough to find an engine's CDI settings
 * ({@code enable_cdi}, {@code cdi_spec_dirs}): tables, booleans, strings and arrays of strings,
 * arrays over several lines. Other values are kept as their text. Not a TOML parser.
 */
final class TomlKeys {
  private TomlKeys() {}

  /** A key in a table, with its value: a Boolean, a String, a List of Strings, or the raw text. */
  record Entry(String table, String key, Object value, int line) {}

  /** Returns every {@code key = value} of {@code text}, in order, with its table ("" before any). */
  static List<Entry> read(String text) {
    List<Entry> out = new ArrayList<>();
    String table = "";
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripComment(lines[i]).trim();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("[")) {
        String name = line.startsWith("[[") ? line.replaceAll("^\\[\\[|\\]\\]$", "") : line.replaceAll("^\\[|\\]$", "");
        table = name.trim();
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = unquote(line.substring(0, eq).trim());
      String value = line.substring(eq + 1).trim();
      int start = i;
      if (value.startsWith("[")) {
        StringBuilder b = new StringBuilder(value);
        while (!closed(b.toString()) && i + 1 < lines.length) {
          b.append(' ').append(stripComment(lines[++i]).trim());
        }
        value = b.toString();
      }
      out.add(new Entry(table, key, value(value), start + 1));
    }
    return out;
  }

  private static boolean closed(String array) {
    int depth = 0;
    boolean inString = false;
    char quote = 0;
    for (int i = 0; i < array.length(); i++) {
      char c = array.charAt(i);
      if (inString) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          inString = false;
        }
      } else if (c == '"' || c == '\'') {
        inString = true;
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      }
    }
    return depth <= 0;
  }

  private static Object value(String v) {
    if (v.equals("true") || v.equals("false")) {
      return Boolean.valueOf(v);
    }
    if (v.startsWith("\"") || v.startsWith("'")) {
      return unquote(v);
    }
    if (v.startsWith("[")) {
      List<String> items = new ArrayList<>();
      String inner = v.substring(1, v.lastIndexOf(']') < 0 ? v.length() : v.lastIndexOf(']'));
      StringBuilder cur = new StringBuilder();
      boolean inString = false;
      char quote = 0;
      for (int i = 0; i < inner.length(); i++) {
        char c = inner.charAt(i);
        if (inString) {
          if (c == '\\' && quote == '"' && i + 1 < inner.length()) {
            cur.append(inner.charAt(++i));
          } else if (c == quote) {
            inString = false;
            items.add(cur.toString());
            cur.setLength(0);
          } else {
            cur.append(c);
          }
        } else if (c == '"' || c == '\'') {
          inString = true;
          quote = c;
        }
      }
      return items;
    }
    return v;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return s;
  }

  private static String stripComment(String line) {
    boolean inString = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inString) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          inString = false;
        }
      } else if (c == '"' || c == '\'') {
        inString = true;
        quote = c;
      } else if (c == '#') {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
