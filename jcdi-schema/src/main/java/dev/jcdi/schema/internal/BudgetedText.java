package dev.jcdi.schema.internal;

/**
 * A text that a regular expression may read only so many times: {@link java.util.regex.Matcher}
 * reads its input through {@link #charAt}, so counting those reads bounds the work of any pattern,
 * however much it backtracks, deterministically (no clock involved).
 */
final class BudgetedText implements CharSequence {
  /** Thrown when the budget is spent; carries no stack trace. */
  static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted() {
      super("step budget exhausted", null, false, false);
    }
  }

  private final String text;
  private long left;

  BudgetedText(String text, long budget) {
    this.text = text;
    this.left = budget;
  }

  @Override
  public char charAt(int index) {
    if (--left < 0) {
      throw new Exhausted();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.subSequence(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
