package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.internal.BinaryIn;
import dev.jcdi.spec.internal.BinaryOut;
import dev.jcdi.spec.internal.SpecCodec;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Encodes a spec to its binary form and checks that what comes back is the same spec in every way. */
final class BinarySpecs {
  private BinarySpecs() {}

  static byte[] encode(Spec spec) {
    BinaryOut out = new BinaryOut();
    SpecCodec.write(out, spec);
    return out.toByteArray();
  }

  static Spec decode(byte[] bytes) throws IOException {
    BinaryIn in = new BinaryIn(bytes, 0, bytes.length);
    Spec spec = SpecCodec.read(in);
    assertThat(in.remaining()).as("bytes left after the spec").isZero();
    return spec;
  }

  /**
   * Encodes and decodes {@code spec} and checks that the result equals it, has the same shape
   * (collection classes, map order), writes the same JSON and YAML and validates the same.
   */
  static Spec roundTrip(Spec spec) throws IOException {
    Spec back = decode(encode(spec));
    assertThat(back).isEqualTo(spec);
    assertSameShape(spec, back, "spec");
    assertSameWriting(spec, back, SpecFormat.JSON);
    assertSameWriting(spec, back, SpecFormat.YAML);
    assertThat(SpecValidator.validate(back)).isEqualTo(SpecValidator.validate(spec));
    assertThat(SpecVersion.minimumRequired(back)).isEqualTo(SpecVersion.minimumRequired(spec));
    return back;
  }

  private static void assertSameWriting(Spec spec, Spec back, SpecFormat format) {
    String expected;
    try {
      expected = new String(SpecWriter.writeBytes(spec, format), StandardCharsets.ISO_8859_1);
    } catch (RuntimeException e) {
      // the writer refuses some specs (text it cannot encode); it must refuse the decoded one alike
      String refusal = e.toString();
      try {
        SpecWriter.writeBytes(back, format);
      } catch (RuntimeException again) {
        assertThat(again.toString()).isEqualTo(refusal);
        return;
      }
      throw new AssertionError("the writer refused the original but not the decoded spec: " + refusal);
    }
    assertThat(new String(SpecWriter.writeBytes(back, format), StandardCharsets.ISO_8859_1))
        .as(format + " writing").isEqualTo(expected);
  }

  /** Walks two values component by component: same classes everywhere, same map order, same leaves. */
  static void assertSameShape(Object a, Object b, String path) {
    if (a == null || b == null) {
      assertThat(b).as(path).isSameAs(a);
      return;
    }
    assertThat(b.getClass()).as(path + " class").isEqualTo(a.getClass());
    if (a instanceof Record) {
      for (RecordComponent c : a.getClass().getRecordComponents()) {
        try {
          assertSameShape(c.getAccessor().invoke(a), c.getAccessor().invoke(b), path + "." + c.getName());
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new AssertionError(e);
        }
      }
    } else if (a instanceof List<?> la) {
      List<?> lb = (List<?>) b;
      assertThat(lb).as(path + " size").hasSameSizeAs(la);
      for (int i = 0; i < la.size(); i++) {
        assertSameShape(la.get(i), lb.get(i), path + "[" + i + "]");
      }
    } else if (a instanceof Map<?, ?> ma) {
      Map<?, ?> mb = (Map<?, ?>) b;
      assertThat(new ArrayList<>(mb.keySet())).as(path + " keys in order").isEqualTo(new ArrayList<>(ma.keySet()));
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        assertSameShape(e.getValue(), mb.get(e.getKey()), path + "[" + e.getKey() + "]");
      }
    } else if (a instanceof Optional<?> oa) {
      assertSameShape(oa.orElse(null), ((Optional<?>) b).orElse(null), path + ".get()");
    } else {
      assertThat(b).as(path).isEqualTo(a);
    }
  }
}
