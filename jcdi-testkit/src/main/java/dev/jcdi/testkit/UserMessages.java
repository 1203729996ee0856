package dev.jcdi.testkit;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What the fuzz targets hold every error message to: text for a user, without a library's
 * internals (class names, Jackson's reference chains), a record's {@code toString} or an echoed
 * number of 80 digits. What a message quotes of the input ({@code "..."}) may hold anything.
 */
public final class UserMessages {
  private static final List<String> INTERNALS =
      List.of("com.fasterxml", "org.snakeyaml", "java.lang.", "Exception:", "(through reference chain");

  private static final Pattern LONG_NUMBER = Pattern.compile("[0-9]{80}");

  private UserMessages() {}

  /**
   * Fails unless {@code message} is a message for a user about {@code input}.
   *
   * @param message the message
   * @param input the input it is about (what it may quote)
   * @param cause the exception that carried the message, for the failure
   */
  public static void check(String message, String input, Throwable cause) {
    if (message == null || message.isBlank()) {
      throw new AssertionError("empty message", cause);
    }
    for (String internal : INTERNALS) {
      if (message.contains(internal) && !input.contains(internal)) {
        throw new AssertionError("message carries internals: " + message, cause);
      }
    }
    String own = withoutQuoted(message);
    if (own.contains("Version{") && !input.contains("Version{")) {
      throw new AssertionError("message carries a record's toString: " + message, cause);
    }
    if (LONG_NUMBER.matcher(own).find()) {
      throw new AssertionError("message carries a number of 80 digits or more: " + message, cause);
    }
  }

  /**
   * Returns {@code message} with each {@code "..."} (backslash escapes inside) emptied; no regex, no
   * recursion.
   *
   * @param message a message
   * @return the message without what it quotes
   */
  public static String withoutQuoted(String message) {
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
        b.append(c);
      } else if (!quoted) {
        b.append(c);
      }
    }
    return b.toString();
  }
}
