package dev.jcdi.spec.internal;

/**
 * Go's {@code path/filepath} {@code Clean} and {@code Match} for Unix paths, as the reference uses
 * them. {@code Match} runs without regular expressions and without recursion: each chunk of the
 * pattern (the text between runs of {@code *}) is tried at most once per position of the name, so
 * a match costs at most (pattern length × name length) steps whatever the input, and patterns are
 * bounded by {@link #MAX_PATTERN_LENGTH}.
 */
public final class GoFilepath {
  private GoFilepath() {}

  /** The longest pattern {@link #patternError} accepts, in characters: Linux's PATH_MAX. */
  public static final int MAX_PATTERN_LENGTH = 4096;

  /**
   * Returns the shortest path equivalent to {@code path} by purely lexical processing, exactly as
   * Go's {@code filepath.Clean} on Unix: repeated separators collapse, {@code .} elements go,
   * {@code ..} removes the element before it (and is dropped at the root), a trailing separator
   * goes, and an empty result is {@code "."}.
   */
  public static String clean(String path) {
    // Spec paths are nearly always clean already: checking costs less than rebuilding.
    return isClean(path) ? path : rebuild(path);
  }

  /**
   * Returns whether {@code clean} would give {@code path} back as it is: it is {@code /}, or its
   * elements (separated by single {@code /}, with no trailing one) are none of them empty,
   * {@code .} or {@code ..}.
   */
  static boolean isClean(String path) {
    int n = path.length();
    if (n == 0) {
      return false;
    }
    int i = path.charAt(0) == '/' ? 1 : 0;
    if (i == n) {
      return true;
    }
    while (true) {
      int end = path.indexOf('/', i);
      if (end < 0) {
        end = n;
      }
      int len = end - i;
      if (len == 0 || (path.charAt(i) == '.' && (len == 1 || (len == 2 && path.charAt(i + 1) == '.')))) {
        return false;
      }
      if (end == n) {
        return true;
      }
      i = end + 1;
    }
  }

  /** {@link #clean} by rebuilding the path element by element. */
  static String rebuild(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.charAt(0) == '/';
    int n = path.length();
    StringBuilder out = new StringBuilder(n);
    int r = 0;
    int dotdot = 0;
    if (rooted) {
      out.append('/');
      r = 1;
      dotdot = 1;
    }
    while (r < n) {
      char c = path.charAt(r);
      if (c == '/') {
        r++;
      } else if (c == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
        r++;
      } else if (c == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
        r += 2;
        if (out.length() > dotdot) {
          int w = out.length() - 1;
          while (w > dotdot && out.charAt(w) != '/') {
            w--;
          }
          out.setLength(w);
        } else if (!rooted) {
          if (out.length() > 0) {
            out.append('/');
          }
          out.append("..");
          dotdot = out.length();
        }
      } else {
        if ((rooted && out.length() != 1) || (!rooted && out.length() != 0)) {
          out.append('/');
        }
        while (r < n && path.charAt(r) != '/') {
          out.append(path.charAt(r));
          r++;
        }
      }
    }
    return out.length() == 0 ? "." : out.toString();
  }

  /**
   * Returns why {@code pattern} is not a pattern, or null when it is one. Malformed (Go's {@code
   * ErrBadPattern}): a {@code \} at the end, a {@code [} class that is not closed, empty, or has a
   * range or character missing (a {@code -} or {@code ]} where a character belongs). Longer than
   * {@link #MAX_PATTERN_LENGTH} characters is refused too, so no pattern makes matching slow.
   */
  public static String patternError(String pattern) {
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      return "longer than " + MAX_PATTERN_LENGTH + " characters (" + pattern.length() + ")";
    }
    int[] p = pattern.codePoints().toArray();
    int i = 0;
    while (i < p.length) {
      int c = p[i];
      if (c == '\\') {
        if (i + 1 >= p.length) {
          return "it ends in an unfinished escape '\\'";
        }
        i += 2;
      } else if (c == '[') {
        int open = i;
        i++;
        if (i < p.length && p[i] == '^') {
          i++;
        }
        int ranges = 0;
        while (true) {
          if (i < p.length && p[i] == ']' && ranges > 0) {
            i++;
            break;
          }
          i = classCharEnd(p, i);
          if (i > 0 && i < p.length && p[i] == '-') {
            i = classCharEnd(p, i + 1);
          }
          if (i < 0) {
            return "the character class at offset " + open + " is empty, unclosed or has a range without an end";
          }
          ranges++;
        }
      } else {
        i++;
      }
    }
    return null;
  }

  /** Returns the index after the class character at {@code i} (Go's getEsc), or -1 if there is none. */
  private static int classCharEnd(int[] p, int i) {
    if (i < 0 || i >= p.length || p[i] == '-' || p[i] == ']') {
      return -1;
    }
    if (p[i] == '\\') {
      i++;
      if (i >= p.length) {
        return -1;
      }
    }
    i++;
    return i < p.length ? i : -1; // a class character must be followed by more of the class
  }

  /** A pattern checked once and matched many times. */
  public static final class Pattern {
    private final String text;
    private final int[] p;

    private Pattern(String text) {
      this.text = text;
      this.p = text.codePoints().toArray();
    }

    /** Returns the pattern's text. */
    public String text() {
      return text;
    }

    /** Returns whether {@code name} matches, as Go's {@code filepath.Match} (on code points). */
    public boolean matches(String name) {
      return match(p, name.codePoints().toArray());
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * Returns {@code pattern} compiled.
   *
   * @throws IllegalArgumentException with {@link #patternError}'s reason when it is not a pattern
   */
  public static Pattern compile(String pattern) {
    String error = patternError(pattern);
    if (error != null) {
      throw new IllegalArgumentException("invalid pattern " + Text.quote(abbreviate(pattern)) + ": " + error);
    }
    return new Pattern(pattern);
  }

  /** Returns {@code s} cut to 64 characters with "..." when longer, for messages. */
  public static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }

  /**
   * Go's Match loop: chunks are matched left to right, each at the first position where it fits
   * (the last one where it also ends the name); a {@code *} never skips a {@code /}.
   */
  private static boolean match(int[] p, int[] s) {
    int pi = 0;
    int si = 0;
    chunks:
    while (pi < p.length) {
      boolean star = false;
      while (pi < p.length && p[pi] == '*') {
        pi++;
        star = true;
      }
      int start = pi;
      pi = chunkEnd(p, pi);
      if (star && start == pi) {
        // A trailing * matches the rest of the name unless it has a '/'.
        for (int i = si; i < s.length; i++) {
          if (s[i] == '/') {
            return false;
          }
        }
        return true;
      }
      boolean last = pi == p.length;
      int t = matchChunk(p, start, pi, s, si);
      if (t >= 0 && (t == s.length || !last)) {
        si = t;
        continue;
      }
      if (star) {
        for (int i = si; i < s.length && s[i] != '/'; i++) {
          t = matchChunk(p, start, pi, s, i + 1);
          if (t >= 0) {
            if (last && t < s.length) {
              continue;
            }
            si = t;
            continue chunks;
          }
        }
      }
      return false;
    }
    return si == s.length;
  }

  /** Go's scanChunk: the end of the chunk at {@code i}, at the next {@code *} outside a class. */
  private static int chunkEnd(int[] p, int i) {
    boolean inRange = false;
    for (; i < p.length; i++) {
      switch (p[i]) {
        case '\\' -> {
          if (i + 1 < p.length) {
            i++;
          }
        }
        case '[' -> inRange = true;
        case ']' -> inRange = false;
        case '*' -> {
          if (!inRange) {
            return i;
          }
        }
        default -> {}
      }
    }
    return i;
  }

  /**
   * Matches the well-formed chunk {@code p[i, end)} at {@code s[si]}; returns the index in {@code s}
   * after it, or -1 when it does not match there.
   */
  private static int matchChunk(int[] p, int i, int end, int[] s, int si) {
    while (i < end) {
      if (si >= s.length) {
        return -1;
      }
      int c = p[i];
      if (c == '[') {
        int r = s[si++];
        i++;
        boolean negated = p[i] == '^';
        if (negated) {
          i++;
        }
        boolean matched = false;
        int ranges = 0;
        while (!(p[i] == ']' && ranges > 0)) {
          if (p[i] == '\\') {
            i++;
          }
          int lo = p[i++];
          int hi = lo;
          if (p[i] == '-') {
            i++;
            if (p[i] == '\\') {
              i++;
            }
            hi = p[i++];
          }
          // A reversed range (z-a) matches nothing, as in Go.
          matched |= lo <= r && r <= hi;
          ranges++;
        }
        i++;
        if (matched == negated) {
          return -1;
        }
      } else if (c == '?') {
        if (s[si] == '/') {
          return -1;
        }
        si++;
        i++;
      } else {
        if (c == '\\') {
          i++;
          c = p[i];
        }
        if (c != s[si]) {
          return -1;
        }
        si++;
        i++;
      }
    }
    return si;
  }
}
