package dev.jcdi.spec.internal;

import java.util.function.Consumer;

/** Exhaustive inputs for the hand-written matchers' tests: every short string over an alphabet. */
public final class AllStrings {
  private AllStrings() {}

  /** Calls {@code check} with every string over {@code alphabet} of at most {@code max} characters. */
  public static void every(char[] alphabet, int max, Consumer<String> check) {
    char[] buf = new char[max];
    for (int len = 0; len <= max; len++) {
      int[] idx = new int[len];
      while (true) {
        for (int i = 0; i < len; i++) {
          buf[i] = alphabet[idx[i]];
        }
        check.accept(new String(buf, 0, len));
        int i = len - 1;
        while (i >= 0 && ++idx[i] == alphabet.length) {
          idx[i--] = 0;
        }
        if (i < 0) {
          break;
        }
      }
    }
  }
}
