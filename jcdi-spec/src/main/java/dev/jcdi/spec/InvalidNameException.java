package dev.jcdi.spec;

/** Thrown when a vendor, class, kind, device name or qualified device name is not valid. */
public final class InvalidNameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The part of a name that broke a rule. */
  public enum Part {
    /** The whole input: it does not have the shape {@code vendor/class=name}. */
    STRUCTURE,
    /** The vendor, the part before {@code /}. */
    VENDOR,
    /** The class, the part between {@code /} and {@code =}. */
    CLASS,
    /** The device name, the part after {@code =}. */
    NAME
  }

  /** The part that broke a rule. */
  private final Part part;
  /** The rejected input. */
  private final String input;

  InvalidNameException(Part part, String input, String message) {
    super(message);
    this.part = part;
    this.input = input;
  }

  /** {@return which part of the name is wrong} */
  public Part part() {
    return part;
  }

  /** {@return the input that was rejected} */
  public String input() {
    return input;
  }
}
