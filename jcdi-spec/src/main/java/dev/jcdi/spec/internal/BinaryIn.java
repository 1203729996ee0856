package dev.jcdi.spec.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads what {@link BinaryOut} wrote, over a slice of a byte array, checking every bound. Not
 * thread-safe.
 *
 * <p>Every read of malformed input throws {@link CorruptDataException} naming the offset; nothing is
 * read outside the slice and no array larger than the bytes that remain is allocated.
 */
public final class BinaryIn {
  private final byte[] buf;
  private final int end;
  private int pos;

  /**
   * Reads {@code length} bytes of {@code buf} from {@code offset} on.
   *
   * @param buf the array
   * @param offset where the slice starts
   * @param length how many bytes it has
   * @throws IndexOutOfBoundsException if the slice is not within {@code buf}
   */
  public BinaryIn(byte[] buf, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buf.length);
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  private CorruptDataException truncated(int at, String what) {
    return new CorruptDataException("truncated " + what + " at offset " + at);
  }

  /**
   * Reads one byte.
   *
   * @return the byte, {@code 0} to {@code 255}
   * @throws IOException if no byte remains
   */
  public int readUnsignedByte() throws IOException {
    if (pos >= end) {
      throw truncated(pos, "byte");
    }
    return buf[pos++] & 0xFF;
  }

  /**
   * Reads an unsigned 64-bit varint.
   *
   * @return the value; values of 2<sup>63</sup> and above come back negative
   * @throws IOException if the varint is truncated or longer than ten bytes
   */
  public long readVarLong() throws IOException {
    int start = pos;
    byte[] b = buf;
    int p = pos;
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p >= end) {
        throw truncated(start, "varint");
      }
      int x = b[p++];
      if (shift == 63 && (x & 0xFF) > 1) {
        throw new CorruptDataException("varint longer than 64 bits at offset " + start);
      }
      v |= (long) (x & 0x7F) << shift;
      if (x >= 0) {
        pos = p;
        return v;
      }
    }
    throw new CorruptDataException("varint longer than 64 bits at offset " + start);
  }

  /**
   * Reads an unsigned 32-bit varint as {@link BinaryOut#writeVarInt} wrote it.
   *
   * @return the value
   * @throws IOException if the varint is malformed or above 2<sup>32</sup>-1
   */
  public int readVarInt() throws IOException {
    int start = pos;
    long v = readVarLong();
    if ((v & ~0xFFFF_FFFFL) != 0) {
      pos = start;
      throw new CorruptDataException("varint " + Long.toUnsignedString(v) + " does not fit an int at offset " + start);
    }
    return (int) v;
  }

  /**
   * Reads a count of items that take at least {@code minBytesEach} bytes each, so that a count the
   * remaining bytes cannot hold fails before anything is allocated for it.
   *
   * @param minBytesEach the fewest bytes one item takes, at least 1
   * @return the count, at most {@code remaining() / minBytesEach}
   * @throws IOException if the varint is malformed or the count cannot fit in what remains
   */
  public int readCount(int minBytesEach) throws IOException {
    int start = pos;
    long v = readVarLong();
    int left = end - pos;
    if (v < 0 || v > left / minBytesEach) {
      pos = start;
      throw new CorruptDataException(
          "count " + Long.toUnsignedString(v) + " exceeds the " + left + " bytes left at offset " + start);
    }
    return (int) v;
  }

  /**
   * Reads eight bytes, big-endian.
   *
   * @return the value
   * @throws IOException if fewer than eight bytes remain
   */
  public long readLong() throws IOException {
    if (end - pos < 8) {
      throw truncated(pos, "long");
    }
    byte[] b = buf;
    int p = pos;
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = v << 8 | (b[p++] & 0xFF);
    }
    pos = p;
    return v;
  }

  /**
   * Reads a boolean.
   *
   * @return the value
   * @throws IOException if no byte remains or it is neither {@code 0} nor {@code 1}
   */
  public boolean readBoolean() throws IOException {
    int at = pos;
    int b = readUnsignedByte();
    if (b > 1) {
      pos = at;
      throw new CorruptDataException("boolean byte " + b + " at offset " + at);
    }
    return b == 1;
  }

  /**
   * Reads a string as {@link BinaryOut#writeString} wrote it.
   *
   * @return the string, or {@code null}
   * @throws IOException if the header is malformed or the string runs past the slice
   */
  public String readString() throws IOException {
    int start = pos;
    long h = readVarLong();
    if (h == 0) {
      return null;
    }
    h--;
    long n = h >>> 1;
    if ((h & 1) == 0) {
      int len = checkLength(n, 1, start);
      // ASCII, as the writer checked: ISO-8859-1 gives the same chars as UTF-8 and copies the bytes
      // without a per-byte check, which matters while the code still runs interpreted
      String s = new String(buf, pos, len, StandardCharsets.ISO_8859_1);
      pos += len;
      return s;
    }
    int at = pos;
    int encoding = readUnsignedByte();
    if (encoding == BinaryOut.UTF_8) {
      int len = checkLength(n, 1, start);
      String s = new String(buf, pos, len, StandardCharsets.UTF_8);
      pos += len;
      return s;
    }
    if (encoding != BinaryOut.UTF_16) {
      pos = start;
      throw new CorruptDataException("unknown string encoding " + encoding + " at offset " + at);
    }
    int len = checkLength(n, 2, start);
    char[] chars = new char[len];
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < len; i++) {
      chars[i] = (char) ((b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF));
      p += 2;
    }
    pos = p;
    return new String(chars);
  }

  /** Returns {@code n} if {@code n} items of {@code size} bytes remain, else fails at {@code start}. */
  private int checkLength(long n, int size, int start) throws CorruptDataException {
    int left = end - pos;
    if (n > left / size) {
      pos = start;
      throw new CorruptDataException("string of " + Long.toUnsignedString(n) + (size == 1 ? " bytes" : " chars")
          + " exceeds the " + left + " bytes left at offset " + start);
    }
    return (int) n;
  }

  /**
   * Reads a length-prefixed byte array as {@link BinaryOut#writeBytes} wrote it.
   *
   * @return a new array, or {@code null}
   * @throws IOException if the header is malformed or the bytes run past the slice
   */
  public byte[] readBytes() throws IOException {
    int start = pos;
    long h = readVarLong();
    if (h == 0) {
      return null;
    }
    long n = h - 1;
    int left = end - pos;
    if (n < 0 || n > left) {
      pos = start;
      throw new CorruptDataException("byte array of " + Long.toUnsignedString(n)
          + " bytes exceeds the " + left + " bytes left at offset " + start);
    }
    byte[] out = new byte[(int) n];
    System.arraycopy(buf, pos, out, 0, (int) n);
    pos += (int) n;
    return out;
  }

  /**
   * Returns where the next read starts.
   *
   * @return an absolute index into the array
   */
  public int position() {
    return pos;
  }

  /**
   * Returns how many bytes of the slice are left to read.
   *
   * @return the bytes left
   */
  public int remaining() {
    return end - pos;
  }

  /**
   * Skips {@code n} bytes.
   *
   * @param n how many bytes to skip
   * @throws IOException if {@code n} is negative or more than remain
   */
  public void skip(int n) throws IOException {
    if (n < 0 || n > end - pos) {
      throw new CorruptDataException("cannot skip " + n + " of the " + (end - pos) + " bytes left at offset " + pos);
    }
    pos += n;
  }
}
