package dev.jcdi.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fuzz target for device patterns: {@code cdi inject}'s expansion of a pattern ({@link
 * InjectCommand#expand}, through whatever matcher {@link Glob} is) against {@link #reference}, a
 * plain restatement, written for this test, of how Go's {@code filepath.Match} (the reference's
 * matcher) reads and matches a pattern: chunks of terms after stars, each star's chunk kept at the
 * first place it fits. (That differs from a backtracking matcher where a class that matches
 * {@code /} follows a star: Go says {@code *[^x]*b} does not match {@code a/b}.)
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
    List<String> out;
    try {
      out = InjectCommand.expand(List.of(name), List.of(pattern));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) { // a checked "bad pattern" is for patterns far longer than these
      throw new AssertionError("expand(" + q(pattern) + ") refuses the pattern: " + e.getMessage(), e);
    }
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
    // Go's chunks: a run of stars, then the terms up to the next star
    List<List<Token>> chunks = new ArrayList<>();
    List<Boolean> starred = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      boolean star = false;
      while (i < tokens.size() && tokens.get(i) instanceof Star) {
        star = true;
        i++;
      }
      List<Token> chunk = new ArrayList<>();
      while (i < tokens.size() && !(tokens.get(i) instanceof Star)) {
        chunk.add(tokens.get(i++));
      }
      chunks.add(chunk);
      starred.add(star);
    }
    int[] s = name.codePoints().toArray();
    int pos = 0;
    chunks:
    for (int k = 0; k < chunks.size(); k++) {
      List<Token> chunk = chunks.get(k);
      boolean last = k == chunks.size() - 1;
      if (starred.get(k) && chunk.isEmpty()) {
        // a trailing star takes the rest of the name unless it holds a slash
        for (int j = pos; j < s.length; j++) {
          if (s[j] == '/') {
            return false;
          }
        }
        return true;
      }
      int end = matchChunk(chunk, s, pos);
      if (end >= 0 && (end == s.length || !last)) {
        pos = end;
        continue;
      }
      if (starred.get(k)) {
        // the star takes one more character at a time, never a slash; the first fit is kept
        for (int j = pos; j < s.length && s[j] != '/'; j++) {
          end = matchChunk(chunk, s, j + 1);
          if (end >= 0 && !(last && end < s.length)) {
            pos = end;
            continue chunks;
          }
        }
      }
      return false;
    }
    return pos == s.length;
  }

  /** Matches the star-free {@code chunk} at {@code from}: the index after it, or -1. */
  private static int matchChunk(List<Token> chunk, int[] s, int from) {
    int i = from;
    for (Token t : chunk) {
      if (i >= s.length) {
        return -1;
      }
      boolean ok =
          t instanceof Any ? s[i] != '/' : t instanceof Literal l ? s[i] == l.c() : ((CharClass) t).matches(s[i]);
      if (!ok) {
        return -1;
      }
      i++;
    }
    return i;
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
