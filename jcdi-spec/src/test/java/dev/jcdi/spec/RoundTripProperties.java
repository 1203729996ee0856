package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Read -> write -> read gives an equal spec, in JSON and YAML, for specs using every field of every
 * version, absent fields apart from empty ones, and strings a YAML reader could mistake for others.
 */
class RoundTripProperties {

  private static final List<String> TRICKY = List.of(
      "y", "Y", "n", "yes", "No", "on", "OFF", "true", "False", "null", "Null", "NULL", "~", "", " ", "0", "-0", "0660",
      "0o660", "0x1b6", "1.0", "1e3", ".inf", "-.inf", ".NaN", "2001-12-14", "1:30", "1_000", "a: b", "a:b", "#x", "a #b",
      "- a", "-", "--", "---", "...", "? x", "?", ":", "[", "]", "{", "}", ",", "&a", "*a", "!x", "!!str", "%", "@", "`",
      "|", ">", "'", "\"", "'quoted'", "\"dq\"", "\\", "\\n", "\n", "a\nb", "\r\n", "\t", "trailing ", " leading", "=",
      "A=1", "A=", "=X", "/dev/null", "vendor.com/gpu", "vendor.com/gpu=0", "<<", "\u00e9", "\u65e5\u672c", "\ud83d\ude00",
      "\u007f", "\u0085", "\u00a0", "\u2028", "\ufeff", "\u0000", "\u001b", "\ufffd");

  /** Any string of valid UTF-16 (no lone surrogates), biased towards the tricky ones. */
  static Arbitrary<String> strings() {
    Arbitrary<String> bmp = Arbitraries.strings()
        .withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff').ofMaxLength(12);
    Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(12);
    Arbitrary<String> glued = Combinators.combine(Arbitraries.of(TRICKY), Arbitraries.of(TRICKY)).as(String::concat);
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(TRICKY)), Tuple.of(2, glued), Tuple.of(3, ascii), Tuple.of(2, bmp));
  }

  static <T> Arbitrary<T> optional(Arbitrary<T> a) {
    return a.injectNull(0.3);
  }

  static Arbitrary<String> optionalString() {
    return optional(strings());
  }

  static <T> Arbitrary<List<T>> lists(Arbitrary<T> item) {
    return optional(item.list().ofMaxSize(3));
  }

  static Arbitrary<Map<String, String>> maps() {
    return optional(Arbitraries.maps(strings(), strings()).ofMaxSize(3));
  }

  static Arbitrary<Long> uint32() {
    return optional(Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.longs().between(0, 0xFFFF_FFFFL)),
        Tuple.of(1, Arbitraries.of(0L, 0xFFFF_FFFFL, 0666L, 0660L))));
  }

  static Arbitrary<Long> int64() {
    return optional(Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.longs()), Tuple.of(1, Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE))));
  }

  static Arbitrary<Boolean> bool() {
    return optional(Arbitraries.of(true, false));
  }

  static Arbitrary<DeviceNode> deviceNodes() {
    return Combinators.combine(
            optionalString(), optionalString(), optional(Arbitraries.of("", "b", "c", "u", "p", "x")), int64(), int64(),
            uint32(), optional(Arbitraries.of("", "r", "rw", "rwm", "none", "y")), Combinators.combine(uint32(), uint32()).as(java.util.Arrays::asList))
        .as((p, h, t, maj, min, mode, perms, ids) -> new DeviceNode(p, Optional.ofNullable(h), Optional.ofNullable(t), (maj == null ? OptionalLong.empty() : OptionalLong.of(maj)), (min == null ? OptionalLong.empty() : OptionalLong.of(min)), (mode == null ? OptionalLong.empty() : OptionalLong.of(mode)), Optional.ofNullable(perms), (ids.get(0) == null ? OptionalLong.empty() : OptionalLong.of(ids.get(0))), (ids.get(1) == null ? OptionalLong.empty() : OptionalLong.of(ids.get(1)))));
  }

  static Arbitrary<Mount> mounts() {
    return Combinators.combine(optionalString(), optionalString(), lists(strings()), optionalString()).as((h, c, o, t) -> new Mount(h, c, o, Optional.ofNullable(t)));
  }

  static Arbitrary<Hook> hooks() {
    return Combinators.combine(
            optional(Arbitraries.oneOf(Arbitraries.of(Hook.HOOK_NAMES), strings())), optionalString(), lists(strings()),
            lists(strings()), int64())
        .as((n, p, a, e, t) -> new Hook(n, p, a, e, t == null ? OptionalLong.empty() : OptionalLong.of(t)));
  }

  static Arbitrary<IntelRdt> intelRdt() {
    return optional(Combinators.combine(
            optionalString(), optionalString(), optionalString(), lists(strings()), bool(), bool(), bool())
        .as((c, l, m, s, mon, cmt, mbm) -> new IntelRdt(Optional.ofNullable(c), Optional.ofNullable(l), Optional.ofNullable(m),
            Optional.ofNullable(s), Optional.ofNullable(mon), Optional.ofNullable(cmt), Optional.ofNullable(mbm))));
  }

  static Arbitrary<NetDevice> netDevices() {
    return Combinators.combine(optionalString(), optionalString()).as(NetDevice::new);
  }

  static Arbitrary<ContainerEdits> edits() {
    return optional(Combinators.combine(
            lists(strings()), lists(deviceNodes()), lists(netDevices()), lists(hooks()), lists(mounts()), intelRdt(),
            lists(uint32().filter(x -> x != null)))
        .as((e, n, nd, h, m, rdt, g) -> new ContainerEdits(e, n, nd, h, m, Optional.ofNullable(rdt), g)));
  }

  static Arbitrary<Device> devices() {
    return Combinators.combine(optionalString(), maps(), edits()).as(Device::new);
  }

  static Arbitrary<String> versions() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(SpecVersion.values()).map(SpecVersion::toString)),
        Tuple.of(1, Arbitraries.of(SpecVersion.values()).map(v -> "v" + v)),
        Tuple.of(1, strings()));
  }

  @Provide
  Arbitrary<Spec> specs() {
    return Combinators.combine(
            versions(), optional(Arbitraries.oneOf(Arbitraries.of("vendor.com/gpu", "a/b.c", "x"), strings())), maps(),
            lists(devices()), edits())
        .as(Spec::new);
  }

  private static Spec read(byte[] bytes, SpecFormat f) throws SpecParseException {
    return SpecReader.standard().parse(bytes, f, "rt" + f.extension()).spec();
  }

  @Property(tries = 500)
  void jsonRoundTrips(@ForAll("specs") Spec spec) throws SpecParseException {
    roundTrip(spec, SpecFormat.JSON);
  }

  @Property(tries = 500)
  void yamlRoundTrips(@ForAll("specs") Spec spec) throws SpecParseException {
    roundTrip(spec, SpecFormat.YAML);
  }

  private static void roundTrip(Spec spec, SpecFormat f) throws SpecParseException {
    byte[] written = SpecWriter.writeBytes(spec, f);
    Spec back = read(written, f);
    assertThat(back).isEqualTo(spec);
    // and again: what was read writes the same bytes
    assertThat(new String(SpecWriter.writeBytes(back, f), StandardCharsets.UTF_8))
        .isEqualTo(new String(written, StandardCharsets.UTF_8));
    // the round trip keeps everything validation and versioning look at
    assertThat(SpecValidator.validate(back)).isEqualTo(SpecValidator.validate(spec));
    assertThat(SpecVersion.minimumRequired(back)).isEqualTo(SpecVersion.minimumRequired(spec));
  }

  @Property(tries = 200)
  void jsonAndYamlReadTheSameSpec(@ForAll("specs") Spec spec) throws SpecParseException {
    Spec viaJson = read(SpecWriter.writeBytes(spec, SpecFormat.JSON), SpecFormat.JSON);
    Spec viaYaml = read(SpecWriter.writeBytes(viaJson, SpecFormat.YAML), SpecFormat.YAML);
    assertThat(viaYaml).isEqualTo(spec);
  }

  @Property(tries = 300)
  void yamlOutputStartsWithDocumentMarker(@ForAll("specs") Spec spec) {
    assertThat(SpecWriter.toYaml(spec)).matches("(?s)---(\\n| \\{\\}\\n$).*");
  }
}
