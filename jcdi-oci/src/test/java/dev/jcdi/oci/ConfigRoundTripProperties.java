package dev.jcdi.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcdi.oci.OciConfig.DeviceRule;
import dev.jcdi.oci.OciConfig.HookEntry;
import dev.jcdi.oci.OciConfig.IdMapping;
import dev.jcdi.oci.OciConfig.IntelRdt;
import dev.jcdi.oci.OciConfig.LinuxDevice;
import dev.jcdi.oci.OciConfig.MountEntry;
import dev.jcdi.oci.OciConfig.Namespace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * For random valid configs: read, no change, write gives the canonical text byte for byte; an edit
 * through a view changes the member it names and nothing else, in value or order.
 *
 * <p>A config is generated as a small JSON model from a seed, then rendered twice: once with random
 * white space and random {@code \\u} escapes (the input), once canonically (two-space indent,
 * {@code "key": value}, numbers as written, strings as Jackson's UTF-8 generator escapes them): the expected output.
 */
class ConfigRoundTripProperties {
  private static final ObjectMapper JSON = new ObjectMapper();

  // --- a JSON model that keeps member order and number text ---

  private sealed interface J {}

  private record Obj(List<Map.Entry<String, J>> members) implements J {}

  private record Arr(List<J> elements) implements J {}

  private record Str(String value) implements J {}

  private record Num(String text) implements J {}

  private record Lit(String text) implements J {} // true, false, null

  /** Builds random valid configs: OCI sections with the types OCI gives them, unknown members anywhere. */
  private static final class Gen {
    final Random r;

    Gen(long seed) {
      r = new Random(seed);
    }

    boolean chance(int percent) {
      return r.nextInt(100) < percent;
    }

    String text() {
      int n = r.nextInt(8);
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        switch (r.nextInt(10)) {
          case 0 -> b.append((char) r.nextInt(0x20)); // control characters
          case 1 -> b.append("\"\\/");
          case 2 -> b.append("é中\u2028");
          case 3 -> b.append("\uD834\uDD1E"); // a supplementary character, as a pair
          default -> b.append((char) ('a' + r.nextInt(26)));
        }
      }
      return b.toString();
    }

    Num number() {
      String sign = chance(30) ? "-" : "";
      String integer =
          switch (r.nextInt(4)) {
            case 0 -> "0";
            case 1 -> Integer.toString(1 + r.nextInt(1000));
            case 2 -> Long.toString(Math.abs(r.nextLong() / (1 + r.nextInt(1000))) + 1);
            default -> (1 + r.nextInt(9)) + "0123456789012345678901234567890".substring(0, r.nextInt(30));
          };
      String fraction = chance(30) ? "." + "0123456789".substring(r.nextInt(5), 5 + r.nextInt(5)) : "";
      String exponent = chance(20) ? (chance(50) ? "e" : "E") + (chance(30) ? "-" : chance(30) ? "+" : "") + r.nextInt(400) : "";
      return new Num(sign + integer + fraction + exponent);
    }

    Num uint32() {
      return new Num(Long.toString(r.nextInt(3) == 0 ? 0xFFFF_FFFFL - r.nextInt(10) : r.nextInt(70000)));
    }

    Num int64() {
      return new Num(Long.toString(chance(50) ? r.nextLong() : r.nextInt(300)));
    }

    Str str() {
      return new Str(text());
    }

    J any(int depth) {
      int kind = r.nextInt(depth > 2 ? 4 : 6);
      return switch (kind) {
        case 0 -> str();
        case 1 -> number();
        case 2 -> new Lit(List.of("true", "false", "null").get(r.nextInt(3)));
        case 3 -> str();
        case 4 -> {
          List<J> list = new ArrayList<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            list.add(any(depth + 1));
          }
          yield new Arr(list);
        }
        default -> unknownObject(depth + 1, r.nextInt(4));
      };
    }

    Obj unknownObject(int depth, int members) {
      List<Map.Entry<String, J>> list = new ArrayList<>();
      for (int i = 0; i < members; i++) {
        list.add(Map.entry("x-" + i + text(), any(depth)));
      }
      return new Obj(list);
    }

    /** An object of the given known members (each maybe left out) and some unknown ones, shuffled. */
    @SafeVarargs
    final Obj object(Map.Entry<String, J>... known) {
      List<Map.Entry<String, J>> list = new ArrayList<>(unknownObject(1, r.nextInt(3)).members());
      for (Map.Entry<String, J> e : known) {
        if (chance(75)) {
          list.add(e);
        }
      }
      Collections.shuffle(list, r);
      return new Obj(list);
    }

    Arr strings() {
      List<J> list = new ArrayList<>();
      for (int i = r.nextInt(4); i > 0; i--) {
        list.add(str());
      }
      return new Arr(list);
    }

    Arr list(java.util.function.Supplier<J> element) {
      List<J> list = new ArrayList<>();
      for (int i = r.nextInt(4); i > 0; i--) {
        list.add(element.get());
      }
      return new Arr(list);
    }

    Arr env() {
      List<J> list = new ArrayList<>();
      for (int i = r.nextInt(5); i > 0; i--) {
        list.add(new Str("K" + r.nextInt(4) + "=" + text()));
      }
      return new Arr(list);
    }

    Obj config() {
      return object(
          Map.entry("ociVersion", new Str("1.2.0")),
          Map.entry("process", object(
              Map.entry("args", strings()),
              Map.entry("env", env()),
              Map.entry("cwd", str()),
              Map.entry("user", object(Map.entry("uid", uint32()), Map.entry("gid", uint32()),
                  Map.entry("additionalGids", list(this::uint32)))))),
          Map.entry("root", object(Map.entry("path", str()), Map.entry("readonly", new Lit("true")))),
          Map.entry("mounts", list(() -> object(Map.entry("destination", new Str("/m" + r.nextInt(3))),
              Map.entry("type", str()), Map.entry("source", str()), Map.entry("options", strings())))),
          Map.entry("hooks", object(Map.entry("prestart", list(() -> object(Map.entry("path", str()),
              Map.entry("args", strings()), Map.entry("env", strings()), Map.entry("timeout", int64())))))),
          Map.entry("linux", object(
              Map.entry("devices", list(() -> object(Map.entry("path", new Str("/dev/d" + r.nextInt(3))), Map.entry("type", new Str("c")),
                  Map.entry("major", int64()), Map.entry("minor", int64()), Map.entry("fileMode", uint32()),
                  Map.entry("uid", uint32()), Map.entry("gid", uint32())))),
              Map.entry("resources", object(Map.entry("devices", list(() -> object(Map.entry("allow", new Lit("false")),
                  Map.entry("type", new Str("a")), Map.entry("major", int64()), Map.entry("access", str())))))),
              Map.entry("namespaces", list(() -> object(Map.entry("type", new Str(List.of("pid", "user", "mount").get(r.nextInt(3))))))),
              Map.entry("netDevices", new Obj(List.of(Map.entry("eth" + r.nextInt(3), object(Map.entry("name", str())))))),
              Map.entry("intelRdt", object(Map.entry("closID", str()))))),
          Map.entry("annotations", new Obj(List.of(Map.entry("a" + r.nextInt(3), str()), Map.entry("b/" + text(), str())))));
    }
  }

  // --- rendering ---

  private static String canonical(J j) {
    StringBuilder b = new StringBuilder();
    canonical(j, b, 0);
    return b.append('\n').toString();
  }

  private static void canonical(J j, StringBuilder b, int level) {
    if (j instanceof Obj o && o.members().isEmpty()) {
      b.append("{}");
    } else if (j instanceof Arr a && a.elements().isEmpty()) {
      b.append("[]");
    } else if (j instanceof Obj o) {
      b.append('{');
      for (Iterator<Map.Entry<String, J>> it = o.members().iterator(); it.hasNext(); ) {
        Map.Entry<String, J> e = it.next();
        b.append('\n').append("  ".repeat(level + 1)).append(jacksonString(e.getKey())).append(": ");
        canonical(e.getValue(), b, level + 1);
        b.append(it.hasNext() ? "," : "");
      }
      b.append('\n').append("  ".repeat(level)).append('}');
    } else if (j instanceof Arr a) {
      b.append('[');
      for (Iterator<J> it = a.elements().iterator(); it.hasNext(); ) {
        b.append('\n').append("  ".repeat(level + 1));
        canonical(it.next(), b, level + 1);
        b.append(it.hasNext() ? "," : "");
      }
      b.append('\n').append("  ".repeat(level)).append(']');
    } else if (j instanceof Str str) {
      b.append(jacksonString(str.value()));
    } else {
      b.append(scalarText(j));
    }
  }

  private static String scalarText(J j) {
    return j instanceof Num n ? n.text() : ((Lit) j).text();
  }

  private static String jacksonString(String s) {
    try {
      // through the UTF-8 generator, as OciConfig writes: it escapes a supplementary character as
      // its surrogate pair, which is the same JSON string
      return new String(JSON.writeValueAsBytes(s), StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  /** The same JSON with random white space and random escapes. */
  private static String noisy(J j, Random r) {
    StringBuilder b = new StringBuilder();
    noisy(j, b, r);
    return b.toString();
  }

  private static void space(StringBuilder b, Random r) {
    for (int i = r.nextInt(3); i > 0; i--) {
      b.append(" \t\n\r".charAt(r.nextInt(4)));
    }
  }

  private static void noisy(J j, StringBuilder b, Random r) {
    space(b, r);
    if (j instanceof Obj o) {
      b.append('{');
      space(b, r);
      for (Iterator<Map.Entry<String, J>> it = o.members().iterator(); it.hasNext(); ) {
        Map.Entry<String, J> e = it.next();
        space(b, r);
        noisyString(e.getKey(), b, r);
        space(b, r);
        b.append(':');
        noisy(e.getValue(), b, r);
        b.append(it.hasNext() ? "," : "");
      }
      space(b, r);
      b.append('}');
    } else if (j instanceof Arr a) {
      b.append('[');
      space(b, r);
      for (Iterator<J> it = a.elements().iterator(); it.hasNext(); ) {
        noisy(it.next(), b, r);
        b.append(it.hasNext() ? "," : "");
      }
      space(b, r);
      b.append(']');
    } else if (j instanceof Str str) {
      noisyString(str.value(), b, r);
    } else {
      b.append(scalarText(j));
    }
    space(b, r);
  }

  private static void noisyString(String s, StringBuilder b, Random r) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pair = Character.isHighSurrogate(c); // a pair is escaped as a whole or not at all
      if (c < 0x20 || c == '"' || c == '\\' || r.nextInt(5) == 0) {
        b.append(String.format("\\u%04X", (int) c));
        if (pair) {
          b.append(String.format("\\u%04X", (int) s.charAt(++i)));
        }
      } else {
        b.append(c);
        if (pair) {
          b.append(s.charAt(++i));
        }
      }
    }
    b.append('"');
  }

  // --- properties ---

  @Property(tries = 300)
  void readNoChangeWriteGivesTheCanonicalText(@ForAll long seed) throws Exception {
    J model = new Gen(seed).config();
    String expected = canonical(model);
    OciConfig config = OciConfig.parse(noisy(model, new Random(seed ^ 0x5DEECE66DL)).getBytes(StandardCharsets.UTF_8));
    assertThat(new String(config.toJsonBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(config.edit().toConfig().toJsonBytes()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    assertThat(OciConfig.parse(expected).toJson()).isEqualTo(expected);
  }

  /** An edit through a view: the path of the member it names, the change, and a check of the result. */
  private record Edit(String name, List<String> path, Consumer<ConfigEditor> change, Predicate<OciConfig> effect) {}

  private static Edit randomEdit(Random r) {
    String v = "v" + r.nextInt(100);
    String key = "K" + r.nextInt(5);
    List<Edit> edits =
        List.of(
            new Edit("setEnv", List.of("process", "env"), e -> e.process().setEnv(key + "=" + v),
                c -> c.env(key).orElseThrow().equals(v)),
            new Edit("unsetEnv", List.of("process", "env"), e -> e.process().unsetEnv(key), c -> c.env(key).isEmpty()),
            new Edit("setArgs", List.of("process", "args"), e -> e.process().setArgs(List.of(v)), c -> c.args().equals(List.of(v))),
            new Edit("setCwd", List.of("process", "cwd"), e -> e.process().setCwd(v), c -> c.cwd().orElseThrow().equals(v)),
            new Edit("setUid", List.of("process", "user", "uid"), e -> e.process().user().setUid(7), c -> c.user().uid().equals(OptionalLong.of(7))),
            new Edit("addAdditionalGid", List.of("process", "user", "additionalGids"), e -> e.process().user().addAdditionalGid(9),
                c -> c.user().additionalGids().contains(9L)),
            new Edit("setRootPath", List.of("root", "path"), e -> e.root().setPath(v), c -> c.root().path().equals(Optional.of(v))),
            new Edit("addMount", List.of("mounts"), e -> e.mounts().add(new MountEntry("/new", Optional.of("bind"), Optional.of(v), List.of("rbind"))),
                c -> c.mounts().get(c.mounts().size() - 1).source().equals(Optional.of(v))),
            new Edit("removeMount", List.of("mounts"), e -> e.mounts().removeFirst("/m1"), c -> true),
            new Edit("sortMounts", List.of("mounts"), e -> e.mounts().sortByKey(d -> d), c -> true),
            new Edit("addDevice", List.of("linux", "devices"),
                e -> e.linux().devices().add(new LinuxDevice("/dev/n", "c", OptionalLong.of(1L), OptionalLong.of(3L), OptionalLong.of(0666L), null, null)),
                c -> c.linuxDevices().get(c.linuxDevices().size() - 1).path().equals("/dev/n")),
            new Edit("addDeviceRule", List.of("linux", "resources", "devices"),
                e -> e.linux().deviceRules().add(new DeviceRule(Optional.of(true), Optional.of("c"), OptionalLong.of(1L), OptionalLong.of(3L), Optional.of("rwm"))), c -> !c.deviceRules().isEmpty()),
            new Edit("addNamespace", List.of("linux", "namespaces"), e -> e.linux().namespaces().add(new Namespace("user", null)),
                OciConfig::hasUserNamespace),
            new Edit("addUidMapping", List.of("linux", "uidMappings"), e -> e.linux().uidMappings().add(new IdMapping(OptionalLong.of(0L), OptionalLong.of(1000L), OptionalLong.of(1L))),
                c -> c.uidMappings().size() == 1),
            new Edit("putNetDevice", List.of("linux", "netDevices", "eth1"), e -> e.linux().netDevices().put("eth1", v),
                c -> c.netDevices().get("eth1").equals(v)),
            new Edit("setIntelRdt", List.of("linux", "intelRdt"), e -> e.linux().setIntelRdt(new IntelRdt(Optional.of(v), null, null, null, null)),
                c -> c.intelRdt().orElseThrow().get("closID").asText().equals(v)),
            new Edit("addHook", List.of("hooks", "poststop"), e -> e.hooks().kind("poststop").add(new HookEntry("/bin/" + v, null, null, OptionalLong.of(3L))),
                c -> c.hooks("poststop").size() == 1),
            new Edit("putAnnotation", List.of("annotations", "a1"), e -> e.annotations().put("a1", v),
                c -> c.annotations().get("a1").equals(v)),
            new Edit("removeAnnotation", List.of("annotations", "a2"), e -> e.annotations().remove("a2"),
                c -> !c.annotations().containsKey("a2")));
    return edits.get(r.nextInt(edits.size()));
  }

  @Property(tries = 500)
  void anEditThroughAViewChangesOnlyWhatItNames(@ForAll long seed) throws Exception {
    J model = new Gen(seed).config();
    OciConfig before = OciConfig.parse(canonical(model));
    Edit edit = randomEdit(new Random(seed));
    ConfigEditor editor = before.edit();
    edit.change().accept(editor);
    OciConfig after = editor.toConfig();
    assertThat(edit.effect().test(after)).as("%s took effect", edit.name()).isTrue();

    ObjectNode b = (ObjectNode) before.tree();
    ObjectNode a = (ObjectNode) after.tree();
    List<String> path = edit.path();
    // the first member of the path the config did not have: it, and what is inside, was added
    int k = 0;
    JsonNode node = b;
    while (k < path.size() - 1 && node.get(path.get(k)) instanceof ObjectNode next) {
      node = next;
      k++;
    }
    ObjectNode parentBefore = (ObjectNode) node;
    ObjectNode parentAfter = (ObjectNode) walk(a, path.subList(0, k));
    String member = path.get(k);
    List<String> namesBefore = names(parentBefore);
    List<String> namesAfter = names(parentAfter);
    if (parentBefore.has(member) && (k == path.size() - 1 || parentBefore.get(member).isObject())) {
      assertThat(namesAfter.indexOf(member)).as("%s keeps the place of %s", edit.name(), path).isIn(namesBefore.indexOf(member), -1);
    } else if (parentAfter.has(member)) {
      assertThat(namesAfter.get(namesAfter.size() - 1)).as("%s adds %s at the end", edit.name(), path).isEqualTo(member);
    }
    parentBefore.remove(member);
    parentAfter.remove(member);
    assertThat(OciConfig.of(a).toJson()).as("everything but %s", path).isEqualTo(OciConfig.of(b).toJson());
  }

  private static JsonNode walk(JsonNode n, List<String> names) {
    for (String name : names) {
      n = n.get(name);
    }
    return n;
  }

  private static List<String> names(ObjectNode o) {
    List<String> out = new ArrayList<>();
    o.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
