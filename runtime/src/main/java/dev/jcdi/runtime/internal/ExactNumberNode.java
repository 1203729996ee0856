package dev.jcdi.runtime.internal;

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

  @Override
  public int intValue() {
    return value.intValue();
  }

  @Override
  public long longValue() {
    return value.longValue();
  }

  @Override
  public double doubleValue() {
    return value.doubleValue();
  }

  @Override
  public BigDecimal decimalValue() {
    return value;
  }

  @Override
  public BigInteger bigIntegerValue() {
    return value.toBigInteger();
  }

  @Override
  public boolean canConvertToInt() {
    return fitsIn(BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE));
  }

  @Override
  public boolean canConvertToLong() {
    return fitsIn(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE));
  }

  private boolean fitsIn(BigInteger min, BigInteger max) {
    if (value.scale() <= 0 && value.precision() - value.scale() > 40) {
      return false; // avoid expanding 1e400 into a huge BigInteger
    }
    BigInteger i = value.toBigInteger();
    return i.compareTo(min) >= 0 && i.compareTo(max) <= 0;
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
