package dev.jcdi.spec.internal;

/** Quoting of strings as JSON string literals, for messages, field paths and written specs. */
public final class Text {
  private Text() {}

  /** Returns {@code s} as a JSON string literal, control characters escaped, for messages. */
  public static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2);
    appendQuoted(b, s, false);
    return b.toString();
  }

  /**
   * Appends {@code s} as a JSON string literal. With {@code yamlSafe}, also escapes what a YAML
   * file may not hold raw (DEL, C1 controls, U+2028/U+2029, U+FFFE/U+FFFF), so the literal reads
   * the same in JSON and YAML.
   */
  public static void appendQuoted(StringBuilder b, String s, boolean yamlSafe) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          boolean escape =
              c < 0x20 || (yamlSafe && ((c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c >= '\ufffe'));
          if (escape) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
