package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jcdi.spec.internal.BinaryIn;
import dev.jcdi.spec.internal.BinaryOut;
import dev.jcdi.spec.internal.CorruptDataException;
import dev.jcdi.spec.internal.SpecCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes the spec decoder is given, it returns a spec or throws an IOException: never
 * another exception, never a read past its slice, never an allocation the bytes cannot back.
 */
class SpecCodecCorruptionTest {

  /** A spec with every field present, negative numbers, and a lone surrogate. */
  private static Spec everyField() {
    DeviceNode node = new DeviceNode("/dev/x", Optional.of("/dev/y"), Optional.of("c"), OptionalLong.of(195),
        OptionalLong.of(-1), OptionalLong.of(0666), Optional.of("rw"), OptionalLong.of(1000), OptionalLong.of(Long.MIN_VALUE));
    IntelRdt rdt = new IntelRdt(Optional.of("clos"), Optional.of("L3:0=f"), Optional.empty(), Optional.of(List.of()),
        Optional.of(true), Optional.empty(), Optional.of(false));
    ContainerEdits edits = new ContainerEdits(List.of("A=1", "B=\ud800"), List.of(node, DeviceNode.of("/dev/z")),
        List.of(new NetDevice("eth0", "net0")),
        List.of(new Hook("createContainer", "/bin/hook", List.of("hook", "x"), List.of("E=1"), OptionalLong.of(5))),
        List.of(new Mount("/a", "/b", List.of("ro", "bind"), Optional.of("bind"))), Optional.of(rdt), List.of(44L, 0xFFFF_FFFFL));
    return new Spec("1.1.0", "vendor.com/gpu", Map.of("k", "v"),
        List.of(new Device("0", Map.of("a", "b"), edits), Device.of("1", ContainerEdits.builder().env("X=1").build())),
        edits);
  }

  private static List<byte[]> samples() throws IOException {
    List<byte[]> samples = new ArrayList<>();
    samples.add(BinarySpecs.encode(everyField()));
    samples.add(BinarySpecs.encode(new Spec(null, null, null, null, null)));
    List<Spec> files = SpecCodecFilesTest.specs();
    for (int i = 0; i < files.size(); i += Math.max(1, files.size() / 4)) {
      samples.add(BinarySpecs.encode(files.get(i)));
    }
    return samples;
  }

  /** Decodes {@code bytes}; an IOException is an answer, so is a spec; anything else fails the test. */
  private static Spec decodeOrNull(byte[] bytes, int offset, int length, String what) {
    BinaryIn in = new BinaryIn(bytes, offset, length);
    try {
      Spec spec = SpecCodec.read(in);
      assertThat(in.position()).as(what + ": read past its slice").isLessThanOrEqualTo(offset + length);
      return spec;
    } catch (IOException expected) {
      assertThat(expected.getMessage()).as(what).contains("offset ");
      return null;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": " + e, e);
    }
  }

  @Test
  void aTruncatedSpecIsRefusedAtEveryLength() throws IOException {
    for (byte[] full : samples()) {
      // a slice of a larger array, so that a read past the slice would find bytes and not fail by itself
      byte[] padded = new byte[full.length + 64];
      System.arraycopy(full, 0, padded, 16, full.length);
      assertThat(decodeOrNull(padded, 16, full.length, "whole")).isNotNull();
      for (int cut = 0; cut < full.length; cut++) {
        assertThat(decodeOrNull(padded, 16, cut, "cut at " + cut)).as("cut at " + cut).isNull();
      }
    }
  }

  @Test
  void aFlippedByteGivesAnIoExceptionOrSomeSpec() throws IOException {
    Random random = new Random(20261130L);
    int refused = 0;
    int decoded = 0;
    for (byte[] full : samples()) {
      for (int at = 0; at < full.length; at++) {
        int[] masks = {0x01, 0x80, 0xFF, 1 + random.nextInt(255)};
        for (int mask : masks) {
          byte[] bad = full.clone();
          bad[at] ^= (byte) mask;
          Spec spec = decodeOrNull(bad, 0, bad.length, "byte " + at + " ^ " + mask);
          if (spec == null) {
            refused++;
          } else {
            decoded++;
            // whatever decoded is a spec like any other: it survives the binary form in turn
            assertThat(BinarySpecs.decode(BinarySpecs.encode(spec))).isEqualTo(spec);
          }
        }
      }
    }
    // both answers happen: a flip in a string's content decodes, a flip in a header is refused
    assertThat(refused).isPositive();
    assertThat(decoded).isPositive();
  }

  @Test
  void randomBytesGiveAnIoExceptionOrSomeSpec() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[1 + random.nextInt(48)];
      random.nextBytes(bytes);
      bytes[0] = (byte) SpecCodec.FORMAT;
      decodeOrNull(bytes, 0, bytes.length, "random " + i);
    }
  }

  @Test
  void anUnknownFormatIsRefused() {
    byte[] bytes = BinarySpecs.encode(everyField());
    bytes[0] = 2;
    assertThatThrownBy(() -> BinarySpecs.decode(bytes)).isInstanceOf(CorruptDataException.class)
        .hasMessage("unknown spec encoding 2 at offset 0");
  }

  @Test
  void hugeClaimedLengthsFailWithoutAllocating() {
    // a cdiVersion claiming 2 GB, then a device count of 2^31 and an annotation count of 2^62
    BinaryOut out = new BinaryOut();
    out.writeByte(SpecCodec.FORMAT);
    out.writeByte(0);
    out.writeVarLong(((long) Integer.MAX_VALUE << 1) + 1);
    out.writeRaw(new byte[8], 0, 8);
    byte[] string = out.toByteArray();
    assertThatThrownBy(() -> BinarySpecs.decode(string)).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("2147483647 bytes exceeds the 8 bytes left at offset 2");

    out = new BinaryOut();
    out.writeByte(SpecCodec.FORMAT);
    literal(out, "1.0.0");
    literal(out, "a/b");
    out.writeVarInt(0);
    out.writeVarLong(1L << 31);
    byte[] devices = out.toByteArray();
    assertThatThrownBy(() -> BinarySpecs.decode(devices)).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("count 2147483648");

    out = new BinaryOut();
    out.writeByte(SpecCodec.FORMAT);
    literal(out, "1.0.0");
    literal(out, "a/b");
    out.writeVarLong(1L << 62);
    byte[] annotations = out.toByteArray();
    assertThatThrownBy(() -> BinarySpecs.decode(annotations)).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("count 4611686018427387904");
  }

  private static void literal(BinaryOut out, String s) {
    out.writeByte(0);
    out.writeString(s);
  }

  @Test
  void aReferenceToAStringNotYetReadIsRefused() {
    BinaryOut out = new BinaryOut();
    out.writeByte(SpecCodec.FORMAT);
    literal(out, "1.0.0");
    out.writeVarInt(2);
    byte[] bytes = out.toByteArray();
    assertThatThrownBy(() -> BinarySpecs.decode(bytes)).isInstanceOf(CorruptDataException.class)
        .hasMessage("reference to string 1 of 1 at offset 8");
    out = new BinaryOut();
    out.writeByte(SpecCodec.FORMAT);
    out.writeVarLong(-1);
    byte[] negative = out.toByteArray();
    assertThatThrownBy(() -> BinarySpecs.decode(negative)).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("reference to string");
  }

  @Test
  void aRepeatedStringIsWrittenOnce() throws IOException {
    String path = "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.550.54.15";
    Spec once = new Spec("1.0.0", "a/b", null,
        List.of(Device.of("0", ContainerEdits.builder().mounts(Mount.bind(path, path, "ro")).build())), null);
    List<Mount> mounts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      mounts.add(Mount.bind(path, path, "ro"));
    }
    Spec tenTimes = new Spec("1.0.0", "a/b", null,
        List.of(Device.of("0", ContainerEdits.builder().mounts(mounts.toArray(new Mount[0])).build())), null);
    // the first mount spells the path once (a tag, a header and 51 bytes) and refers to it for its
    // container side; each further mount is five one-byte references (the paths, "ro", "bind", and
    // "bind" as its type) and an option count
    assertThat(BinarySpecs.encode(once).length).isEqualTo(37 + path.length());
    assertThat(BinarySpecs.encode(tenTimes).length - BinarySpecs.encode(once).length).isEqualTo(9 * 6);
    BinarySpecs.roundTrip(tenTimes);
  }

  @Test
  void anAbsentRequiredStringIsRefused() {
    BinaryOut out = new BinaryOut();
    out.writeByte(SpecCodec.FORMAT);
    literal(out, null);
    byte[] bytes = out.toByteArray();
    assertThatThrownBy(() -> BinarySpecs.decode(bytes)).isInstanceOf(CorruptDataException.class)
        .hasMessage("absent string where one is required at offset 1");
  }

  @Test
  void unknownFlagsAreRefused() {
    byte[] bytes = BinarySpecs.encode(new Spec("1.0.0", "a/b", null, null, null));
    // the spec-level edits mask is the last byte
    bytes[bytes.length - 1] = (byte) 0x80;
    assertThatThrownBy(() -> BinarySpecs.decode(bytes)).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("unknown container edits flags 128");
  }
}
