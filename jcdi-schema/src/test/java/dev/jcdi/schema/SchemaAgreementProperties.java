package dev.jcdi.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.Device;
import dev.jcdi.spec.DeviceNode;
import dev.jcdi.spec.Hook;
import dev.jcdi.spec.IntelRdt;
import dev.jcdi.spec.Mount;
import dev.jcdi.spec.NetDevice;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecFormat;
import dev.jcdi.spec.SpecParseException;
import dev.jcdi.spec.SpecValidator;
import dev.jcdi.spec.SpecVersion;
import dev.jcdi.spec.SpecWriter;
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
import net.jqwik.api.statistics.Statistics;

/**
 * The builtin schema is never stricter than the model's validation: every spec {@link SpecValidator}
 * accepts conforms to it, written as JSON or as YAML. The specs are near-valid (each field is valid
 * most of the time), so both outcomes of the validator are well represented.
 */
class SchemaAgreementProperties {
  private static final String ALNUM = "abcXYZ019";

  private static <T> Arbitrary<T> mostly(Arbitrary<T> valid, Arbitrary<T> other) {
    return Arbitraries.frequencyOf(Tuple.of(60, valid), Tuple.of(1, other));
  }

  private static <T> Arbitrary<T> maybe(Arbitrary<T> a) {
    return a.injectNull(0.4);
  }

  private static <T> Arbitrary<List<T>> lists(Arbitrary<T> item) {
    return item.list().ofMaxSize(2);
  }

  private static Arbitrary<String> word() {
    return Arbitraries.strings().withChars(ALNUM + "_-.").ofMinLength(1).ofMaxLength(8);
  }

  private static Arbitrary<String> junk() {
    return Arbitraries.of("", "=", "a/b", "..", ".", "-x", "x-", "a b", "\n", "é", "9", "rwx", "/", "x\u0000");
  }

  private static Arbitrary<String> name() {
    Arbitrary<String> inner = Arbitraries.strings().withChars(ALNUM + "_-.:").ofMaxLength(6);
    Arbitrary<Character> edge = Arbitraries.of('a', 'Z', '0', '9');
    return mostly(Combinators.combine(edge, inner, edge).as((a, m, b) -> a + m + b), junk());
  }

  private static Arbitrary<String> kind() {
    Arbitrary<String> part = Combinators.combine(Arbitraries.of("a", "vendor", "x.y", "n_v-1"), Arbitraries.of("", "2", "b")).as(String::concat);
    return mostly(Combinators.combine(part, part).as((v, c) -> v + "/" + c), junk());
  }

  private static Arbitrary<String> path() {
    return mostly(word().map(w -> "/dev/" + w), junk());
  }

  private static Arbitrary<Long> uint32() {
    return maybe(mostly(Arbitraries.longs().between(0, 0xFFFF_FFFFL), Arbitraries.of(-1L, 1L << 32)));
  }

  private static Arbitrary<Map<String, String>> annotations() {
    Arbitrary<String> key = mostly(Combinators.combine(Arbitraries.of("", "vendor.com/", "A.b/"), word().filter(w -> Character.isLetterOrDigit(w.charAt(0)) && Character.isLetterOrDigit(w.charAt(w.length() - 1)))).as(String::concat), junk());
    return Arbitraries.maps(key, Arbitraries.strings().ofMaxLength(5)).ofMaxSize(2);
  }

  /** Device edits: never empty, so that the common invalid case is not the only one. */
  private static Arbitrary<ContainerEdits> deviceEdits() {
    return edits().map(e -> new ContainerEdits(
        java.util.stream.Stream.concat(java.util.stream.Stream.of("DEVICE=1"), e.env().stream()).toList(),
        e.deviceNodes(), e.netDevices(), e.hooks(), e.mounts(), e.intelRdt(), e.additionalGids()));
  }

  private static Arbitrary<ContainerEdits> edits() {
    Arbitrary<String> env = mostly(Combinators.combine(word(), Arbitraries.strings().ofMaxLength(4)).as((k, v) -> k + "=" + v), junk());
    Arbitrary<DeviceNode> node = Combinators.combine(
            path(), maybe(path()), maybe(mostly(Arbitraries.of("b", "c", "u", "p", ""), junk())),
            maybe(mostly(Arbitraries.longs().between(0, 300), Arbitraries.of(-1L))), maybe(Arbitraries.longs().between(0, 300)),
            uint32(), maybe(mostly(Arbitraries.of("r", "rw", "rwm", "m", "none", ""), junk())), uint32())
        .as((p, h, t, maj, min, mode, perms, id) -> new DeviceNode(p, Optional.ofNullable(h), Optional.ofNullable(t), (maj == null ? OptionalLong.empty() : OptionalLong.of(maj)), (min == null ? OptionalLong.empty() : OptionalLong.of(min)), (mode == null ? OptionalLong.empty() : OptionalLong.of(mode)), Optional.ofNullable(perms), (id == null ? OptionalLong.empty() : OptionalLong.of(id)), (id == null ? OptionalLong.empty() : OptionalLong.of(id))));
    Arbitrary<Mount> mount = Combinators.combine(path(), path(), lists(word()), maybe(Arbitraries.of("bind", "tmpfs")))
        .as((h, c, o, t) -> new Mount(h, c, o, Optional.ofNullable(t)));
    Arbitrary<Hook> hook = Combinators.combine(
            mostly(Arbitraries.of(Hook.HOOK_NAMES), junk()), path(), lists(word()), lists(env),
            maybe(mostly(Arbitraries.longs().between(1, 100), Arbitraries.of(0L, -5L))))
        .as((n, p, a, e, t) -> new Hook(n, p, a, e, t == null ? OptionalLong.empty() : OptionalLong.of(t)));
    Arbitrary<IntelRdt> rdt = maybe(Combinators.combine(
            maybe(mostly(word(), junk())), maybe(word()), maybe(word()), lists(word()),
            maybe(Arbitraries.of(true, false)), mostly(Arbitraries.just((Boolean) null), Arbitraries.of(true, false)),
            mostly(Arbitraries.just((Boolean) null), Arbitraries.of(true, false)))
        .as((c, l, m, sc, mon, cmt, mbm) -> new IntelRdt(Optional.ofNullable(c), Optional.ofNullable(l), Optional.ofNullable(m),
            Optional.ofNullable(sc), Optional.ofNullable(mon), Optional.ofNullable(cmt), Optional.ofNullable(mbm))));
    Arbitrary<NetDevice> net = Combinators.combine(mostly(word(), junk()), mostly(word(), junk())).as(NetDevice::new);
    return Combinators.combine(
            lists(env), lists(node), lists(net), lists(hook), lists(mount), rdt, lists(uint32().filter(x -> x != null)))
        .as((e, n, nd, h, m, r, g) -> new ContainerEdits(e, n, nd, h, m, Optional.ofNullable(r), g));
  }

  @Provide
  Arbitrary<Spec> specs() {
    Arbitrary<String> version = mostly(Arbitraries.of(SpecVersion.values()).map(SpecVersion::toString), Arbitraries.of("0.9.0", "1", "v2.0.0"));
    Arbitrary<Device> device = Combinators.combine(name(), annotations(), deviceEdits()).as(Device::new);
    Arbitrary<Boolean> lift = mostly(Arbitraries.just(true), Arbitraries.just(false));
    return Combinators.combine(version, kind(), annotations(), device.list().ofMinSize(1).ofMaxSize(3), maybe(edits()), lift)
        .as((v, k, a, d, e, up) -> {
          Spec s = new Spec(v, k, a, d, e);
          // Lift the declared version to the minimum, mostly, so that valid specs are common.
          return SpecVersion.find(v).isPresent() && up ? s.withVersion(SpecVersion.minimumRequired(s)) : s;
        });
  }

  @Property(tries = 1000, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
  void everySpecTheValidatorAcceptsConformsToTheBuiltinSchema(@ForAll("specs") Spec spec) throws SpecParseException {
    boolean valid = SpecValidator.isValid(spec);
    Statistics.collect(valid ? "valid" : "invalid");
    if (valid) {
      assertThat(SpecSchema.builtin().validate(SpecWriter.toJson(spec), SpecFormat.JSON, "p.json")).isEmpty();
      assertThat(SpecSchema.builtin().validate(SpecWriter.toYaml(spec), SpecFormat.YAML, "p.yaml")).isEmpty();
    }
  }
}
