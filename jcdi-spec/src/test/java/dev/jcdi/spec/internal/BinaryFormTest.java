package dev.jcdi.spec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The primitives of jcdi's binary forms read back what was written and refuse malformed bytes. */
class BinaryFormTest {

  private static final List<Long> LONGS = List.of(
      0L, 1L, 127L, 128L, 255L, 16383L, 16384L, 0xFFFF_FFFFL, 1L << 32, (long) Integer.MAX_VALUE,
      (long) Integer.MIN_VALUE, -1L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, 1L << 62, 1L << 63 >>> 1);

  private static BinaryIn in(BinaryOut out) {
    byte[] b = out.toByteArray();
    return new BinaryIn(b, 0, b.length);
  }

  private static BinaryIn in(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return new BinaryIn(b, 0, b.length);
  }

  @Test
  void varLongsRoundTripAtTheBoundaries() throws IOException {
    BinaryOut out = new BinaryOut();
    for (long v : LONGS) {
      out.writeVarLong(v);
    }
    BinaryIn in = in(out);
    for (long v : LONGS) {
      assertThat(in.readVarLong()).isEqualTo(v);
    }
    assertThat(in.remaining()).isZero();
  }

  @Test
  void varLongSizesAreLeb128() {
    long[] values = {0, 127, 128, 16383, 16384, Integer.MAX_VALUE, -1, Long.MIN_VALUE, Long.MAX_VALUE};
    int[] sizes = {1, 1, 2, 2, 3, 5, 10, 10, 9};
    for (int i = 0; i < values.length; i++) {
      BinaryOut out = new BinaryOut();
      out.writeVarLong(values[i]);
      assertThat(out.size()).as("size of %d", values[i]).isEqualTo(sizes[i]);
    }
    BinaryOut out = new BinaryOut();
    out.writeVarLong(300);
    assertThat(out.toByteArray()).containsExactly((byte) 0xAC, (byte) 0x02);
  }

  @Test
  void varIntsRoundTripIncludingNegativeOnes() throws IOException {
    int[] values = {0, 1, 127, 128, Integer.MAX_VALUE, -1, Integer.MIN_VALUE};
    BinaryOut out = new BinaryOut();
    for (int v : values) {
      out.writeVarInt(v);
    }
    BinaryIn in = in(out);
    for (int v : values) {
      assertThat(in.readVarInt()).isEqualTo(v);
    }
    assertThat(in.remaining()).isZero();
  }

  @Test
  void readVarIntRefusesAValueAboveThirtyTwoBits() {
    BinaryOut out = new BinaryOut();
    out.writeVarLong(1L << 32);
    BinaryIn in = in(out);
    assertThatThrownBy(in::readVarInt).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("4294967296").hasMessageContaining("offset 0");
    BinaryOut negative = new BinaryOut();
    negative.writeVarLong(-1);
    assertThatThrownBy(in(negative)::readVarInt).isInstanceOf(CorruptDataException.class);
  }

  @Test
  void overlongAndTruncatedVarintsAreRefused() {
    // eleven continuation bytes
    assertThatThrownBy(in(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)::readVarLong)
        .isInstanceOf(CorruptDataException.class).hasMessageContaining("longer than 64 bits");
    // the tenth byte may carry only the top bit
    assertThatThrownBy(in(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02)::readVarLong)
        .isInstanceOf(CorruptDataException.class).hasMessageContaining("longer than 64 bits");
    assertThatThrownBy(in(0x80, 0x80)::readVarLong).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("truncated varint at offset 0");
    assertThatThrownBy(in()::readVarLong).isInstanceOf(CorruptDataException.class);
  }

  @Test
  void longsAreEightBytesBigEndian() throws IOException {
    BinaryOut out = new BinaryOut();
    out.writeLong(0x0102030405060708L);
    out.writeLong(Long.MIN_VALUE);
    out.writeLong(-1);
    assertThat(Arrays.copyOf(out.toByteArray(), 8)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    BinaryIn in = in(out);
    assertThat(in.readLong()).isEqualTo(0x0102030405060708L);
    assertThat(in.readLong()).isEqualTo(Long.MIN_VALUE);
    assertThat(in.readLong()).isEqualTo(-1);
    assertThatThrownBy(in(1, 2, 3, 4, 5, 6, 7)::readLong).isInstanceOf(CorruptDataException.class);
  }

  @Test
  void booleansAreZeroOrOneAndNothingElse() throws IOException {
    BinaryOut out = new BinaryOut();
    out.writeBoolean(true);
    out.writeBoolean(false);
    assertThat(out.toByteArray()).containsExactly(1, 0);
    BinaryIn in = in(out);
    assertThat(in.readBoolean()).isTrue();
    assertThat(in.readBoolean()).isFalse();
    assertThatThrownBy(in::readBoolean).isInstanceOf(CorruptDataException.class);
    assertThatThrownBy(in(2)::readBoolean).isInstanceOf(CorruptDataException.class)
        .hasMessage("boolean byte 2 at offset 0");
  }

  @Test
  void stringsRoundTripExactly() throws IOException {
    String[] values = {
      null, "", "a", "ascii text /dev/nvidia0", "\u00e9t\u00e9", "\u65e5\u672c\u8a9e", "\ud83d\ude00 astral",
      "\ud800", "\udc00", "a\ud800b", "x\udfff", "\udc00\ud800", "\ud83d\ude00\ud83d", "\u0000", "\uffff\ufffe",
      "x".repeat(1000), "\u00e9".repeat(300)
    };
    BinaryOut out = new BinaryOut();
    for (String s : values) {
      out.writeString(s);
    }
    BinaryIn in = in(out);
    for (String s : values) {
      assertThat(in.readString()).isEqualTo(s);
    }
    assertThat(in.remaining()).isZero();
  }

  @Test
  void everyShortStringOverSurrogatesAndOthersRoundTrips() {
    char[] alphabet = {'a', '\u00e9', '\ud83d', '\ude00', '\ud800', '\udfff', '\u0000'};
    AllStrings.every(alphabet, 4, s -> {
      BinaryOut out = new BinaryOut();
      out.writeString(s);
      out.writeString(s);
      try {
        BinaryIn in = in(out);
        assertThat(in.readString()).isEqualTo(s);
        assertThat(in.readString()).isEqualTo(s);
        assertThat(in.remaining()).isZero();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void nullAndEmptyStringsDiffer() throws IOException {
    BinaryOut out = new BinaryOut();
    out.writeString(null);
    out.writeString("");
    assertThat(out.toByteArray()).containsExactly(0, 1);
  }

  @Test
  void asciiStringsAreOneByteAChar() {
    BinaryOut out = new BinaryOut();
    out.writeString("/dev/nvidia0");
    assertThat(out.size()).isEqualTo(1 + 12);
  }

  @Test
  void nonAsciiStringsSayTheirEncoding() throws IOException {
    BinaryOut out = new BinaryOut();
    out.writeString("\u00e9");
    // header (2 << 1 | 1) + 1, UTF-8, two bytes
    assertThat(out.toByteArray()).containsExactly(6, 0, 0xC3, 0xA9);
    out = new BinaryOut();
    out.writeString("\ud800");
    // header (1 << 1 | 1) + 1, UTF-16, one char
    assertThat(out.toByteArray()).containsExactly(4, 1, 0xD8, 0x00);
    assertThatThrownBy(in(4, 2, 0xD8, 0x00)::readString).isInstanceOf(CorruptDataException.class)
        .hasMessage("unknown string encoding 2 at offset 1");
    assertThatThrownBy(in(4)::readString).isInstanceOf(CorruptDataException.class)
        .hasMessage("truncated byte at offset 1");
    // one UTF-16 char needs two bytes
    assertThatThrownBy(in(4, 1, 0xD8)::readString).isInstanceOf(CorruptDataException.class)
        .hasMessage("string of 1 chars exceeds the 1 bytes left at offset 0");
  }

  @Test
  void bytesRoundTripWithNullApartFromEmpty() throws IOException {
    byte[][] values = {null, {}, {0}, {1, 2, 3, -1}, new byte[300]};
    BinaryOut out = new BinaryOut();
    for (byte[] b : values) {
      out.writeBytes(b);
    }
    out.writeRaw(new byte[] {9, 0, 1, 6}, 1, 2);
    BinaryIn in = in(out);
    for (byte[] b : values) {
      assertThat(in.readBytes()).isEqualTo(b);
    }
    assertThat(in.remaining()).isEqualTo(2);
    in.skip(1);
    assertThat(in.readBoolean()).isTrue();
    assertThat(in.remaining()).isZero();
  }

  @Test
  void aSliceIsReadAndNothingOutsideIt() throws IOException {
    BinaryOut out = new BinaryOut();
    out.writeString("before");
    int from = out.size();
    out.writeString("inside");
    int to = out.size();
    out.writeString("after");
    byte[] all = out.toByteArray();
    BinaryIn in = new BinaryIn(all, from, to - from);
    assertThat(in.position()).isEqualTo(from);
    assertThat(in.readString()).isEqualTo("inside");
    assertThat(in.position()).isEqualTo(to);
    assertThat(in.remaining()).isZero();
    assertThatThrownBy(in::readString).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("offset " + to);
    // the string claims its bytes, but they lie past the slice
    BinaryIn cut = new BinaryIn(all, from, to - from - 1);
    assertThatThrownBy(cut::readString).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("offset " + from);
    assertThat(cut.position()).isEqualTo(from);
  }

  @Test
  void hugeClaimedLengthsFailBeforeAllocating() {
    // a header claiming a 2 GB UTF-8 string, a 1 G-char UTF-16 string and a 2 GB byte array, in a few bytes
    BinaryOut out = new BinaryOut();
    out.writeVarLong(((long) Integer.MAX_VALUE << 1) + 1);
    byte[] utf8 = Arrays.copyOf(out.toByteArray(), 10);
    assertThatThrownBy(new BinaryIn(utf8, 0, utf8.length)::readString).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("2147483647 bytes exceeds the");
    out = new BinaryOut();
    out.writeVarLong(((1L << 30) << 1 | 1) + 1);
    out.writeByte(1);
    byte[] utf16 = Arrays.copyOf(out.toByteArray(), 10);
    assertThatThrownBy(new BinaryIn(utf16, 0, utf16.length)::readString).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("1073741824 chars exceeds the 4 bytes left");
    // the largest header: the char count times two overflows a long
    out = new BinaryOut();
    out.writeVarLong(-1);
    byte[] max = Arrays.copyOf(out.toByteArray(), 12);
    assertThatThrownBy(new BinaryIn(max, 0, max.length)::readString).isInstanceOf(CorruptDataException.class);
    assertThatThrownBy(new BinaryIn(max, 0, max.length)::readBytes).isInstanceOf(CorruptDataException.class);
    out = new BinaryOut();
    out.writeVarLong(1L << 31);
    byte[] bytes = Arrays.copyOf(out.toByteArray(), 10);
    assertThatThrownBy(new BinaryIn(bytes, 0, bytes.length)::readBytes).isInstanceOf(CorruptDataException.class);
    assertThatThrownBy(() -> new BinaryIn(bytes, 0, bytes.length).readCount(1)).isInstanceOf(CorruptDataException.class);
  }

  @Test
  void countsMustFitTheBytesLeft() throws IOException {
    assertThat(in(3, 0, 0, 0).readCount(1)).isEqualTo(3);
    assertThatThrownBy(() -> in(3, 0, 0).readCount(1)).isInstanceOf(CorruptDataException.class)
        .hasMessage("count 3 exceeds the 2 bytes left at offset 0");
    assertThatThrownBy(() -> in(2, 0, 0, 0).readCount(2)).isInstanceOf(CorruptDataException.class);
  }

  @Test
  void skipStaysInsideTheSlice() {
    BinaryIn in = in(1, 2, 3);
    assertThatThrownBy(() -> in.skip(4)).isInstanceOf(CorruptDataException.class);
    assertThatThrownBy(() -> in.skip(-1)).isInstanceOf(CorruptDataException.class);
    assertThat(in.position()).isZero();
  }

  @Test
  void theBufferGrowsPastItsFirstCapacity() throws IOException {
    BinaryOut out = new BinaryOut();
    for (int i = 0; i < 10_000; i++) {
      out.writeVarInt(i);
    }
    BinaryIn in = in(out);
    for (int i = 0; i < 10_000; i++) {
      assertThat(in.readVarInt()).isEqualTo(i);
    }
    byte[] copy = out.toByteArray();
    copy[0] = 42;
    assertThat(out.toByteArray()[0]).isZero();
  }
}
