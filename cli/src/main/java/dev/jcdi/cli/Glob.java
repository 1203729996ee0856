package dev.jcdi.cli;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A device pattern as the reference's {@code cdi inject} reads it, with Go's {@code filepath.Match}
 * rules: {@code *} is any run of characters but {@code /}, {@code ?} one character but {@code /},
 * {@code [a-z]} and {@code [^a-z]} a character class, and {@code \} quotes the next character.
 */
final class Glob {
  private Glob() {}

  /** Returns the pattern as a regular expression, or empty when it is malformed (Go's ErrBadPattern). */
  static Optional<Pattern> compile(String glob) {
    StringBuilder re = new StringBuilder();
    int[] cps = glob.codePoints().toArray();
    int i = 0;
    while (i < cps.length) {
      int c = cps[i++];
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '\\' -> {
          if (i >= cps.length) {
            return Optional.empty();
          }
          re.append(literal(cps[i++]));
        }
        case '[' -> {
          StringBuilder cls = new StringBuilder("[");
          if (i < cps.length && cps[i] == '^') {
            cls.append('^');
            i++;
          }
          int ranges = 0;
          int kept = 0;
          while (true) {
            if (i >= cps.length) {
              return Optional.empty(); // no closing ]
            }
            if (cps[i] == ']' && ranges > 0) {
              i++;
              break;
            }
            int[] lo = classChar(cps, i);
            if (lo == null) {
              return Optional.empty();
            }
            i = lo[1];
            int hi = lo[0];
            if (i < cps.length && cps[i] == '-') {
              int[] h = classChar(cps, i + 1);
              if (h == null) {
                return Optional.empty();
              }
              hi = h[0];
              i = h[1];
            }
            ranges++;
            if (hi >= lo[0]) { // Go takes a reversed range (z-a) as empty, not as an error
              cls.append(literal(lo[0])).append('-').append(literal(hi));
              kept++;
            }
          }
          if (kept > 0) {
            re.append(cls).append(']');
          } else {
            re.append(cls.toString().equals("[^") ? "(?s:.)" : "(?!)"); // no range: any character, or none
          }
        }
        default -> re.append(literal(c));
      }
    }
    return Optional.of(Pattern.compile(re.toString()));
  }

  /** Reads one character of a class at {@code i}: {code point, next index}, or null if there is none. */
  private static int[] classChar(int[] cps, int i) {
    if (i >= cps.length || cps[i] == '-' || cps[i] == ']') {
      return null;
    }
    if (cps[i] == '\\') {
      return i + 1 < cps.length ? new int[] {cps[i + 1], i + 2} : null;
    }
    return new int[] {cps[i], i + 1};
  }

  private static String literal(int c) {
    return "\\x{" + Integer.toHexString(c) + "}";
  }
}
