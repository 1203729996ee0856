package dev.jcdi.spec.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable byte buffer that writes the primitives of jcdi's binary forms. Not thread-safe.
 *
 * <p>Varints are unsigned LEB128 (seven bits a byte, least significant first). A string is a varint
 * header followed by its content: {@code 0} for {@code null}, else {@code (n << 1 | mode) + 1}. Mode
 * {@code 0} is an ASCII string of {@code n} bytes, which a reader turns into a string without
 * decoding (a byte a char). Mode {@code 1} is followed by an encoding byte: {@code 0} for {@code n}
 * bytes of UTF-8, {@code 1} for {@code n} UTF-16 code units, two bytes each, big-endian, used only for
 * a string that UTF-8 cannot carry exactly (one with a lone surrogate). Byte arrays are a varint
 * header ({@code 0} for {@code null}, else length plus one) followed by the bytes.
 */
public final class BinaryOut {
  /** Arrays a JVM can allocate stay a little below {@code Integer.MAX_VALUE}. */
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

  /** The encoding byte of a non-ASCII string in UTF-8. */
  static final int UTF_8 = 0;
  /** The encoding byte of a string kept as UTF-16 code units. */
  static final int UTF_16 = 1;

  private byte[] buf;
  private int size;

  /** Creates an empty buffer of 256 bytes, which grows by doubling. */
  public BinaryOut() {
    buf = new byte[256];
  }

  private void ensure(int more) {
    int needed = size + more;
    if (needed < 0 || needed > MAX_CAPACITY) {
      throw new IllegalStateException("binary form larger than " + MAX_CAPACITY + " bytes");
    }
    if (needed > buf.length) {
      int cap = buf.length > MAX_CAPACITY / 2 ? MAX_CAPACITY : buf.length * 2;
      buf = Arrays.copyOf(buf, Math.max(cap, needed));
    }
  }

  /**
   * Writes one byte.
   *
   * @param b the byte, its low eight bits
   */
  public void writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  /**
   * Writes {@code v} as an unsigned 64-bit varint: one byte up to 127, ten bytes for a negative value.
   *
   * @param v any value
   */
  public void writeVarLong(long v) {
    ensure(10);
    byte[] b = buf;
    int p = size;
    while ((v & ~0x7FL) != 0) {
      b[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[p++] = (byte) v;
    size = p;
  }

  /**
   * Writes {@code v} as an unsigned 32-bit varint; a negative value takes five bytes and reads back
   * unchanged.
   *
   * @param v the value, usually a non-negative count
   */
  public void writeVarInt(int v) {
    writeVarLong(v & 0xFFFF_FFFFL);
  }

  /**
   * Writes {@code v} as eight bytes, big-endian.
   *
   * @param v any value
   */
  public void writeLong(long v) {
    ensure(8);
    byte[] b = buf;
    int p = size;
    for (int shift = 56; shift >= 0; shift -= 8) {
      b[p++] = (byte) (v >>> shift);
    }
    size = p;
  }

  /**
   * Writes a boolean as one byte, {@code 0} or {@code 1}.
   *
   * @param v the value
   */
  public void writeBoolean(boolean v) {
    writeByte(v ? 1 : 0);
  }

  /**
   * Writes a string, {@code null} included, so that {@link BinaryIn#readString()} gives back exactly
   * the same characters, lone surrogates included.
   *
   * @param s the string, or {@code null}
   */
  public void writeString(String s) {
    if (s == null) {
      writeByte(0);
      return;
    }
    int n = s.length();
    int i = 0;
    while (i < n && s.charAt(i) < 0x80) {
      i++;
    }
    if (i == n) {
      // ASCII, the common case: one byte a char, no encoder
      writeVarLong(((long) n << 1) + 1);
      ensure(n);
      byte[] b = buf;
      int p = size;
      for (int j = 0; j < n; j++) {
        b[p++] = (byte) s.charAt(j);
      }
      size = p;
      return;
    }
    if (wellFormed(s, i)) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      writeVarLong(((long) utf8.length << 1 | 1) + 1);
      writeByte(UTF_8);
      writeRaw(utf8, 0, utf8.length);
      return;
    }
    // a lone surrogate: UTF-8 would turn it into '?', so keep the UTF-16 code units
    writeVarLong(((long) n << 1 | 1) + 1);
    writeByte(UTF_16);
    ensure(2 * n);
    byte[] b = buf;
    int p = size;
    for (int j = 0; j < n; j++) {
      char c = s.charAt(j);
      b[p++] = (byte) (c >>> 8);
      b[p++] = (byte) c;
    }
    size = p;
  }

  /** Returns whether {@code s} from {@code from} on has no lone surrogate. */
  private static boolean wellFormed(String s, int from) {
    int n = s.length();
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return false;
        }
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes a length-prefixed byte array, {@code null} included.
   *
   * @param b the bytes, or {@code null}
   */
  public void writeBytes(byte[] b) {
    if (b == null) {
      writeByte(0);
      return;
    }
    writeVarLong((long) b.length + 1);
    writeRaw(b, 0, b.length);
  }

  /**
   * Writes bytes as they are, with no length prefix.
   *
   * @param b the array
   * @param off where the bytes start in {@code b}
   * @param len how many bytes to write
   * @throws IndexOutOfBoundsException if the range is not within {@code b}
   */
  public void writeRaw(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  /**
   * Returns the number of bytes written.
   *
   * @return the size in bytes
   */
  public int size() {
    return size;
  }

  /**
   * Returns a copy of the bytes written.
   *
   * @return a new array of exactly {@link #size()} bytes
   */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
