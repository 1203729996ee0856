package dev.jcdi.spec.internal;

import dev.jcdi.spec.SourcePosition;

/** A syntax error or a broken limit, at a place in the file. */
public final class ParseFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient SourcePosition position;

  public ParseFailure(SourcePosition position, String message) {
    super(message, null, false, false);
    this.position = position;
  }

  public SourcePosition position() {
    return position;
  }
}
