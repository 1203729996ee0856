package dev.jcdi.oci.internal;

/**
 * Quoting of strings as JSON string literals for messages; the same rules as jcdi-spec's, kept here
 * because this module depends on nothing of jcdi's.
 */
public final class Text {
  private Text() {}

  /** Returns {@code s} as a JSON string literal, control characters escaped, for messages. */
  public static String quote(String s) {
    if (s == null) {
      return "null";
    }
    s = wellFormed(s);
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Returns {@code s} with every unpaired surrogate replaced by U+FFFD. */
  private static String wellFormed(String s) {
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

  /** Returns {@code s}, or its first 20 characters and its length when it is longer than 40. */
  public static String abbreviated(String s) {
    if (s == null || s.length() <= 40) {
      return s;
    }
    return s.substring(0, 20) + "... (" + s.length() + " characters)";
  }

  /** Turns Jackson's wording into a short message without Jackson's API names (as jcdi-spec does). */
  public static String jsonProblem(String m) {
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
    m = m.replaceAll(", from `[^`]*`", "");
    return m.replaceAll(" \\(code \\d+\\)", "").replace("\"", "'");
  }

  /** Returns the reason of an I/O error in Go's errno words ("no such file or directory"). */
  public static String ioReason(java.io.IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof java.nio.file.NotDirectoryException) {
      return "not a directory";
    }
    String r = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
    if (r == null) {
      return e.getClass().getSimpleName();
    }
    r = r.replace(" or unable to access attributes of symbolic link", "");
    if (r.length() > 1 && Character.isUpperCase(r.charAt(0)) && Character.isLowerCase(r.charAt(1))) {
      r = Character.toLowerCase(r.charAt(0)) + r.substring(1);
    }
    return r;
  }
}
