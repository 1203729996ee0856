package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.internal.BinaryIn;
import dev.jcdi.spec.internal.BinaryOut;
import dev.jcdi.spec.internal.SpecCodec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The binary form of a spec reads back a spec equal to the original, of the same shape, that writes
 * the same JSON and YAML and validates the same: for specs using every field of every version and
 * for strings of any UTF-16, lone surrogates included.
 */
class SpecCodecProperties {

  @Provide
  Arbitrary<Spec> specs() {
    return new RoundTripProperties().specs();
  }

  /** Any UTF-16, lone surrogates included, mixed with the round trip's tricky strings. */
  @Provide
  Arbitrary<String> anyStrings() {
    Arbitrary<String> surrogates = Arbitraries.strings().withCharRange('\ud800', '\udfff').ofMaxLength(4);
    Arbitrary<String> anyChar = Arbitraries.strings().all().ofMaxLength(16);
    Arbitrary<String> mixed = Arbitraries.strings()
        .withChars('a', '/', '\u00e9', '\u65e5', '\ud83d', '\ude00', '\ud800', '\udfff', '\u0000').ofMaxLength(8);
    return Arbitraries.frequencyOf(
        Tuple.of(2, RoundTripProperties.strings()), Tuple.of(2, surrogates), Tuple.of(2, anyChar), Tuple.of(2, mixed));
  }

  @Property(tries = 500)
  void decodedSpecIsTheSameSpec(@ForAll("specs") Spec spec) throws IOException {
    BinarySpecs.roundTrip(spec);
  }

  @Property(tries = 300)
  void stringsSurviveInEveryPlace(
      @ForAll("anyStrings") String a, @ForAll("anyStrings") String b, @ForAll("anyStrings") String c) throws IOException {
    DeviceNode node = new DeviceNode(a, Optional.of(b), Optional.of(c), OptionalLong.of(-1), OptionalLong.of(Long.MIN_VALUE),
        OptionalLong.of(Long.MAX_VALUE), Optional.of(a), OptionalLong.of(0), OptionalLong.empty());
    IntelRdt rdt = new IntelRdt(Optional.of(a), Optional.of(b), Optional.of(c), Optional.of(List.of(a, b)),
        Optional.of(true), Optional.of(false), Optional.empty());
    ContainerEdits edits = new ContainerEdits(List.of(a, b), List.of(node), List.of(new NetDevice(b, c)),
        List.of(new Hook(a, b, List.of(c), List.of(a), OptionalLong.of(-5))), List.of(new Mount(a, b, List.of(c), Optional.of(a))),
        Optional.of(rdt), List.of(0L, -1L, 0xFFFF_FFFFL));
    Spec spec = new Spec(a, b, Map.of(c, a), List.of(new Device(c, Map.of(a, b), edits)), edits);
    BinarySpecs.roundTrip(spec);
  }

  @Property(tries = 100)
  void specsFollowOneAnotherInOneBuffer(@ForAll("specs") Spec first, @ForAll("specs") Spec second) throws IOException {
    BinaryOut out = new BinaryOut();
    out.writeString("header");
    SpecCodec.write(out, first);
    SpecCodec.write(out, second);
    out.writeLong(42);
    byte[] bytes = out.toByteArray();
    BinaryIn in = new BinaryIn(bytes, 0, bytes.length);
    assertThat(in.readString()).isEqualTo("header");
    assertThat(SpecCodec.read(in)).isEqualTo(first);
    assertThat(SpecCodec.read(in)).isEqualTo(second);
    assertThat(in.readLong()).isEqualTo(42);
    assertThat(in.remaining()).isZero();
  }
}
