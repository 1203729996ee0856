package dev.jcdi.oci.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.NumericNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A JSON number that keeps the exact text it was read with ({@code 1.0}, {@code 1e3}, {@code -0},
 * {@code 1e400}), so that writing a config back reproduces every number as it was.
 */
public final class ExactNumberNode extends NumericNode {
  private static final long serialVersionUID = 1L;

  private final String text;
  private final BigDecimal value;
  private final boolean integral;

  private ExactNumberNode(String text) {
    this.text = text;
    this.value = new BigDecimal(text);
    this.integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
  }

  /**
   * Returns a node for the JSON number {@code text}.
   *
   * @throws NumberFormatException if {@code text} is not a number
   */
  public static ExactNumberNode of(String text) {
    Objects.requireNonNull(text, "text");
    return new ExactNumberNode(text);
  }

  /** Returns the number exactly as it was written. */
  public String text() {
    return text;
  }

  @Override
  public JsonToken asToken() {
    return integral ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
  }

  @Override
  public JsonParser.NumberType numberType() {
    return integral ? JsonParser.NumberType.BIG_INTEGER : JsonParser.NumberType.BIG_DECIMAL;
  }

  @Override
  public boolean isIntegralNumber() {
    return integral;
  }

  @Override
  public boolean isFloatingPointNumber() {
    return !integral;
  }

  @Override
  public Number numberValue() {
    return value;
  }

  /** The number of digits before the decimal point; at most 0 for a magnitude below 1. */
  private long integerDigits() {
    return (long) value.precision() - value.scale();
  }

  // An exponent can make a short text enormous (1e999999999, 1e-999999999); the conversions below
  // never expand such a number digit by digit.

  @Override
  public int intValue() {
    long v = longValue();
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  /** Returns the integer part, saturated to the {@code long} range. */
  @Override
  public long longValue() {
    long digits = integerDigits();
    if (digits <= 0) {
      return 0;
    }
    if (digits > 19) {
      return value.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    BigInteger i = value.toBigInteger();
    if (i.bitLength() > 63) {
      return i.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    return i.longValue();
  }

  @Override
  public double doubleValue() {
    return Double.parseDouble(text);
  }

  @Override
  public BigDecimal decimalValue() {
    return value;
  }

  /**
   * Returns the integer part.
   *
   * @throws ArithmeticException if it has more than 100,000 digits
   */
  @Override
  public BigInteger bigIntegerValue() {
    long digits = integerDigits();
    if (digits <= 0) {
      return BigInteger.ZERO;
    }
    if (digits > 100_000) {
      throw new ArithmeticException("number " + text + " has too many digits to convert to an integer");
    }
    return value.toBigInteger();
  }

  @Override
  public boolean canConvertToInt() {
    long v = longValue();
    return integerDigits() <= 10 && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
  }

  @Override
  public boolean canConvertToLong() {
    long digits = integerDigits();
    return digits <= 0 || (digits <= 19 && value.toBigInteger().bitLength() <= 63);
  }

  @Override
  public String asText() {
    return text;
  }

  @Override
  public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
    g.writeNumber(text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExactNumberNode other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
