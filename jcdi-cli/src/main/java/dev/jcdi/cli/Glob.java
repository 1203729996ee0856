package dev.jcdi.cli;

import dev.jcdi.spec.internal.GoFilepath;

/**
 * A device pattern as the reference's {@code cdi inject} reads it, with Go's {@code filepath.Match}
 * rules: {@code *} is any run of characters but {@code /}, {@code ?} one character but {@code /},
 * {@code [a-z]} and {@code [^a-z]} a character class, and {@code \} quotes the next character.
 * Matching uses no regular expression and no recursion, so no pattern and no name makes it slow;
 * patterns are at most {@link #MAX_LENGTH} characters.
 */
final class Glob {
  /** The longest pattern, in characters. */
  static final int MAX_LENGTH = GoFilepath.MAX_PATTERN_LENGTH;

  private final GoFilepath.Pattern pattern;

  private Glob(GoFilepath.Pattern pattern) {
    this.pattern = pattern;
  }

  /** A pattern that is malformed (Go's ErrBadPattern) or too long; the message says which. */
  static final class BadPatternException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean tooLong;

    BadPatternException(String message, boolean tooLong) {
      super(message, null, false, false);
      this.tooLong = tooLong;
    }

    /** Returns whether the pattern was refused for its length rather than its syntax. */
    boolean tooLong() {
      return tooLong;
    }
  }

  /**
   * Returns {@code glob} as a pattern.
   *
   * @throws BadPatternException when it is malformed or longer than {@link #MAX_LENGTH}
   */
  static Glob compile(String glob) throws BadPatternException {
    String error = GoFilepath.patternError(glob);
    if (error != null) {
      throw new BadPatternException(
          "invalid device pattern " + dev.jcdi.spec.internal.Text.quote(GoFilepath.abbreviate(glob)) + ": " + error,
          glob.length() > MAX_LENGTH);
    }
    return new Glob(GoFilepath.compile(glob));
  }

  /** Returns whether {@code text} has none of {@code * ? [ \}: as a pattern it matches only itself. */
  static boolean isLiteral(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /** Returns whether {@code name} matches this pattern. */
  boolean matches(String name) {
    return pattern.matches(name);
  }

  @Override
  public String toString() {
    return pattern.text();
  }
}
