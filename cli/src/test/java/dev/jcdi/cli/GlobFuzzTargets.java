package dev.jcdi.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fuzz target for device patterns: {@code cdi inject}'s expansion of a pattern ({@link
 * InjectCommand#expand}, through whatever matcher {@link Glob} is) against {@link #reference}, a
 * plain memoised backtracking matcher of Go's {@code filepath.Match} rules written for this test.
 * The input is a pattern, a newline and a name, each cut to {@link #MAX_LENGTH} characters.
 * Jazzer drives it in the {@code fuzz} profile ({@code CliFuzzTest}); {@link FuzzInputsTest}
 * replays the stored inputs in every build.
 */
final class GlobFuzzTargets {
  private GlobFuzzTargets() {}

  static final int MAX_LENGTH = 48;

  static void glob(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    String pattern = cut(nl < 0 ? text : text.substring(0, nl));
    String name = cut(nl < 0 ? "" : text.substring(nl + 1));
    List<String> out = InjectCommand.expand(List.of(name), List.of(pattern));
    if (pattern.equals(name)) {
      // a matched name and an unmatched pattern print alike; only the shape can be checked
      if (!out.equals(List.of(name))) {
        throw new AssertionError("expand(" + pattern + ") gives " + out);
      }
      return;
    }
    boolean expected = reference(pattern, name);
    boolean actual = out.equals(List.of(name));
    if (!actual && !out.equals(List.of(pattern))) {
      throw new AssertionError("expand(" + q(pattern) + ") against " + q(name) + " gives " + out);
    }
    if (actual != expected) {
      throw new AssertionError(
          "pattern " + q(pattern) + " against " + q(name) + ": matcher says " + actual + ", reference " + expected);
    }
  }

  private static String cut(String s) {
    int n = s.codePointCount(0, s.length());
    return n <= MAX_LENGTH ? s : s.substring(0, s.offsetByCodePoints(0, MAX_LENGTH));
  }

  private static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints().forEach(c -> b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? Character.toString(c) : String.format("\\u{%x}", c)));
    return b.append('"').toString();
  }

  // --- the reference: Go's filepath.Match on Linux, by the letter of its documentation ---

  private sealed interface Token permits Star, Any, Literal, CharClass {}

  private record Star() implements Token {}

  private record Any() implements Token {}

  private record Literal(int c) implements Token {}

  private record CharClass(boolean negated, List<int[]> ranges) implements Token {
    boolean matches(int c) {
      boolean in = false;
      for (int[] r : ranges) {
        in |= r[0] <= c && c <= r[1];
      }
      return in != negated;
    }
  }

  /** Whether {@code pattern} matches all of {@code name}; a malformed pattern matches nothing. */
  static boolean reference(String pattern, String name) {
    List<Token> tokens = tokens(pattern.codePoints().toArray());
    if (tokens == null) {
      return false;
    }
    return match(tokens, 0, name.codePoints().toArray(), 0, new HashMap<>());
  }

  private static boolean match(List<Token> p, int pi, int[] s, int si, Map<Long, Boolean> memo) {
    long key = ((long) pi << 32) | si;
    Boolean known = memo.get(key);
    if (known != null) {
      return known;
    }
    boolean r;
    if (pi == p.size()) {
      r = si == s.length;
    } else {
      Token t = p.get(pi);
      if (t instanceof Star) {
        r = match(p, pi + 1, s, si, memo) || (si < s.length && s[si] != '/' && match(p, pi, s, si + 1, memo));
      } else if (si == s.length) {
        r = false;
      } else if (t instanceof Any) {
        r = s[si] != '/' && match(p, pi + 1, s, si + 1, memo);
      } else if (t instanceof Literal l) {
        r = s[si] == l.c() && match(p, pi + 1, s, si + 1, memo);
      } else {
        r = ((CharClass) t).matches(s[si]) && match(p, pi + 1, s, si + 1, memo);
      }
    }
    memo.put(key, r);
    return r;
  }

  /** The pattern's tokens, or null when it is malformed. */
  private static List<Token> tokens(int[] p) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < p.length) {
      int c = p[i++];
      if (c == '*') {
        out.add(new Star());
      } else if (c == '?') {
        out.add(new Any());
      } else if (c == '\\') {
        if (i == p.length) {
          return null;
        }
        out.add(new Literal(p[i++]));
      } else if (c == '[') {
        boolean negated = i < p.length && p[i] == '^';
        if (negated) {
          i++;
        }
        List<int[]> ranges = new ArrayList<>();
        while (true) {
          if (i < p.length && p[i] == ']' && !ranges.isEmpty()) {
            i++;
            break;
          }
          int[] lo = classChar(p, i);
          if (lo == null) {
            return null;
          }
          i = lo[1];
          int hi = lo[0];
          if (i < p.length && p[i] == '-') {
            int[] h = classChar(p, i + 1);
            if (h == null) {
              return null;
            }
            hi = h[0];
            i = h[1];
          }
          ranges.add(new int[] {lo[0], hi});
        }
        out.add(new CharClass(negated, ranges));
      } else {
        out.add(new Literal(c));
      }
    }
    return out;
  }

  /** One character of a class, escaped or not: {char, next index}; null where Go says bad pattern. */
  private static int[] classChar(int[] p, int i) {
    if (i >= p.length || p[i] == '-' || p[i] == ']') {
      return null;
    }
    if (p[i] == '\\') {
      i++;
      if (i >= p.length) {
        return null;
      }
    }
    // Go's getEsc: a class character must be followed by more of the class
    return i + 1 < p.length ? new int[] {p[i], i + 1} : null;
  }
}
