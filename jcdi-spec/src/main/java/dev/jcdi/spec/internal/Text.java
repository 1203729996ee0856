package dev.jcdi.spec.internal;

/** Quoting of strings as JSON string literals, for messages, field paths and written specs. */
public final class Text {
  private Text() {}

  /** Returns {@code s} as a JSON string literal, control characters escaped, for messages. */
  /**
   * Returns a value for a message: as it is when short, else its start and its length, so that a
   * 400-digit number or a megabyte of text is never echoed back whole.
   */
  public static String abbreviated(String s) {
    if (s == null || s.length() <= 40) {
      return s;
    }
    return s.substring(0, 20) + "... (" + s.length() + " characters)";
  }

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
    s = wellFormed(s);
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

  /**
   * Returns {@code s} with every unpaired surrogate replaced by U+FFFD, as Go's JSON decoder reads
   * an escaped lone surrogate ({@code "\ud800"}) and its encoder writes one: no UTF-8 file can hold
   * it, so a spec that kept it could be read but never written back. Returns {@code s} itself when
   * it has none, the usual case.
   */
  public static String wellFormed(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && !Character.isSurrogate(s.charAt(i))) {
      i++;
    }
    if (i == n) {
      return s;
    }
    StringBuilder b = new StringBuilder(n).append(s, 0, i);
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else {
        b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }

  private static final java.util.Set<String> YAML_WORDS =
      java.util.Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null", "~");

  /**
   * Returns whether {@code s} may be written as a plain YAML scalar: every YAML reader, 1.1 or 1.2,
   * reads it back as the same string. It starts with a letter, {@code /} or {@code _}, uses only
   * {@code [A-Za-z0-9_./=+-]}, and is not a word YAML 1.1 takes for a boolean or null.
   */
  public static boolean isSafePlainYaml(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char c0 = s.charAt(0);
    if (!(isLetter(c0) || c0 == '/' || c0 == '_')) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '/' || c == '=' || c == '+' || c == '-')) {
        return false;
      }
    }
    return !YAML_WORDS.contains(s.toLowerCase(java.util.Locale.ROOT));
  }

  /** Appends {@code s} as a YAML scalar: plain when {@link #isSafePlainYaml safe}, else double-quoted. */
  public static void appendYamlScalar(StringBuilder b, String s) {
    if (isSafePlainYaml(s)) {
      b.append(s);
    } else {
      appendQuoted(b, s, true);
    }
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
