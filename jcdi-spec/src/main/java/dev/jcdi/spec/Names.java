package dev.jcdi.spec;

import java.util.Optional;

/**
 * The character rules for vendor, class and device names (cdi-reference.md §3). Each check returns
 * the reason a name is invalid, or empty when it is valid.
 */
final class Names {
  private Names() {}

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlphaNumeric(char c) {
    return isLetter(c) || isDigit(c);
  }

  /** Vendor and class: a letter first, a letter or digit last, {@code [A-Za-z0-9_.-]} inside. */
  static Optional<String> vendorOrClassError(String what, String n) {
    if (n == null || n.isEmpty()) {
      return Optional.of("invalid " + what + ": empty name");
    }
    if (!isLetter(n.charAt(0))) {
      return Optional.of("invalid " + what + " " + quote(n) + ": should start with a letter");
    }
    for (int i = 1; i < n.length() - 1; i++) {
      char c = n.charAt(i);
      if (!isAlphaNumeric(c) && c != '_' && c != '-' && c != '.') {
        return Optional.of(
            "invalid " + what + " " + quote(n) + ": invalid character " + quoteChar(n, i));
      }
    }
    if (!isAlphaNumeric(n.charAt(n.length() - 1))) {
      return Optional.of(
          "invalid " + what + " " + quote(n) + ": should end with a letter or digit");
    }
    return Optional.empty();
  }

  /** Device name: a letter or digit first and last, {@code [A-Za-z0-9_.:-]} inside. */
  static Optional<String> deviceNameError(String n) {
    if (n == null || n.isEmpty()) {
      return Optional.of("invalid device name: empty name");
    }
    if (!isAlphaNumeric(n.charAt(0))) {
      return Optional.of("invalid device name " + quote(n) + ": should start with a letter or digit");
    }
    for (int i = 1; i < n.length() - 1; i++) {
      char c = n.charAt(i);
      if (!isAlphaNumeric(c) && c != '_' && c != '-' && c != '.' && c != ':') {
        return Optional.of(
            "invalid device name " + quote(n) + ": invalid character " + quoteChar(n, i));
      }
    }
    if (!isAlphaNumeric(n.charAt(n.length() - 1))) {
      return Optional.of(
          "invalid device name " + quote(n) + ": should end with a letter or digit");
    }
    return Optional.empty();
  }

  static String quoteChar(String s, int i) {
    int cp = s.codePointAt(i);
    return "'" + new String(Character.toChars(cp)) + "'";
  }

  /** Quotes {@code s} as a JSON-style string so control characters and quotes stay visible. */
  static String quote(String s) {
    return dev.jcdi.spec.internal.Text.quote(s);
  }

}
