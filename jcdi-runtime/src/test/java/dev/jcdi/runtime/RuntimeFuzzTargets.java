package dev.jcdi.runtime;

import dev.jcdi.testkit.UserMessages;
import dev.jcdi.oci.OciConfig;
import dev.jcdi.oci.OciConfigException;
import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.Device;
import dev.jcdi.spec.Hook;
import dev.jcdi.spec.QualifiedName;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecFormat;
import dev.jcdi.spec.SpecParseException;
import dev.jcdi.spec.SpecReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fuzz targets of this module: each takes the fuzzer's bytes and fails with an {@link
 * AssertionError} (or any unexpected exception) when a rule breaks. Jazzer drives them in the
 * {@code fuzz} profile ({@code RuntimeFuzzTest} in src/fuzz/java); {@link FuzzInputsTest} replays
 * their stored inputs in every build.
 */
final class RuntimeFuzzTargets {
  private RuntimeFuzzTargets() {}

  /**
   * A config: a typed error naming the input, or a config whose accessors all answer and whose
   * JSON reads back as the same config.
   */
  static void ociConfig(byte[] data) {
    OciConfig c;
    try {
      c = OciConfig.read(new ByteArrayInputStream(data), "fuzz.json");
    } catch (OciConfigException e) {
      checkMessage(e.getMessage(), text(data), e);
      if (!e.getMessage().contains("fuzz.json")) {
        throw new AssertionError("error does not name the input: " + e.getMessage(), e);
      }
      return;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    readEverything(c);
    OciConfig again = reparse(c);
    if (!again.toJson().equals(c.toJson())) {
      throw new AssertionError("written config is not stable:\n" + c.toJson() + "\n" + again.toJson());
    }
    try {
      if (!OciConfig.of(c.tree()).equals(c)) {
        throw new AssertionError("OciConfig.of(tree) differs");
      }
    } catch (OciConfigException e) {
      throw new AssertionError("OciConfig.of rejects the tree of a parsed config", e);
    }
  }

  /**
   * Annotations: the first line is {@code PLUGIN TAB DEVICE-ID TAB NAME,NAME...} for {@link
   * Annotations#update}, each further line an annotation {@code KEY TAB VALUE} for {@link
   * Annotations#parse}. Only {@link InvalidAnnotationException} may come out; what is built parses
   * back to what went in.
   */
  static void annotations(byte[] data) {
    String[] lines = text(data).split("\n", -1);
    String[] first = lines[0].split("\t", 3);
    String plugin = first[0];
    String deviceId = first.length > 1 ? first[1] : "";
    List<String> devices = first.length > 2 ? Arrays.asList(first[2].split(",", -1)) : List.of();
    Map<String, String> annotations = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String[] kv = lines[i].split("\t", 2);
      annotations.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    try {
      String key = Annotations.key(plugin, deviceId);
      String name = key.substring(Annotations.PREFIX.length());
      if (!key.startsWith(Annotations.PREFIX) || name.getBytes(StandardCharsets.UTF_8).length > Annotations.MAX_NAME_LENGTH) {
        throw new AssertionError("bad key " + key);
      }
      if (!name.matches("[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?")) {
        throw new AssertionError("key name breaks the rule: " + key);
      }
    } catch (InvalidAnnotationException e) {
      checkMessage(e.getMessage(), text(data), e);
    }
    try {
      String value = Annotations.value(devices);
      for (String d : devices) {
        QualifiedName.parse(d);
      }
      if (!value.equals(String.join(",", devices))) {
        throw new AssertionError("value " + value + " of " + devices);
      }
    } catch (InvalidAnnotationException e) {
      checkMessage(e.getMessage(), text(data), e);
    }
    try {
      Map<String, String> updated = Annotations.update(annotations, plugin, deviceId, devices);
      if (updated.size() != annotations.size() + 1) {
        throw new AssertionError("update lost or kept annotations");
      }
      ParsedAnnotations p = Annotations.parse(Map.of(Annotations.key(plugin, deviceId), updated.get(Annotations.key(plugin, deviceId))));
      if (!devices.isEmpty() && !p.devices().equals(devices)) {
        throw new AssertionError("update then parse gives " + p.devices() + " for " + devices);
      }
    } catch (InvalidAnnotationException e) {
      checkMessage(e.getMessage(), text(data), e);
    }
    try {
      ParsedAnnotations p = Annotations.parse(annotations);
      List<String> expectedKeys = annotations.keySet().stream().filter(k -> k.startsWith(Annotations.PREFIX)).sorted().toList();
      if (!p.keys().equals(expectedKeys)) {
        throw new AssertionError("keys " + p.keys() + " for " + annotations);
      }
      for (String d : p.devices()) {
        if (!QualifiedName.isQualifiedName(d)) {
          throw new AssertionError("parse let through " + d);
        }
      }
    } catch (InvalidAnnotationException e) {
      checkMessage(e.getMessage(), text(data), e);
    }
  }

  private static final byte[] EXAMPLE_CONFIG = exampleConfig();

  /**
   * Applies a spec's edits to a config: the input is a spec (YAML or JSON), then a NUL byte and a
   * config (without one, the example config). The edits of the spec, of each device, and of all
   * devices together are applied; only {@link InjectionException} may come out, the input config
   * never changes, and a result is a config that reads back as itself.
   */
  static void editApplier(byte[] data) {
    int nul = indexOf(data, (byte) 0);
    byte[] specBytes = nul < 0 ? data : Arrays.copyOfRange(data, 0, nul);
    byte[] configBytes = nul < 0 ? EXAMPLE_CONFIG : Arrays.copyOfRange(data, nul + 1, data.length);
    Spec spec;
    try {
      spec = SpecReader.standard().parse(specBytes, SpecFormat.YAML, "fuzz.yaml").spec();
    } catch (SpecParseException e) {
      return; // the reader's own target covers this
    }
    OciConfig config;
    try {
      config = OciConfig.parse(configBytes);
    } catch (OciConfigException e) {
      config = OciConfig.empty();
    }
    String before = config.toJson();
    List<ContainerEdits> all = new ArrayList<>();
    all.add(spec.containerEdits());
    ContainerEdits merged = spec.containerEdits();
    for (Device d : spec.devices()) {
      all.add(spec.containerEdits().append(d.containerEdits()));
      merged = merged.append(d.containerEdits());
    }
    all.add(merged);
    for (ContainerEdits edits : all) {
      String editsBefore = edits.toString();
      OciConfig out;
      try {
        out = EditApplier.apply(config, edits);
      } catch (InjectionException e) {
        checkMessage(e.getMessage(), text(data), e);
        continue;
      } finally {
        if (!config.toJson().equals(before)) {
          throw new AssertionError("apply changed its input config");
        }
        if (!edits.toString().equals(editsBefore)) {
          throw new AssertionError("apply changed its edits");
        }
      }
      readEverything(out);
      OciConfig again = reparse(out);
      if (!again.equals(out)) {
        throw new AssertionError("result does not read back as itself:\n" + out.toJson());
      }
    }
  }

  private static OciConfig reparse(OciConfig c) {
    try {
      return OciConfig.parse(c.toJsonBytes());
    } catch (OciConfigException e) {
      throw new AssertionError("written config does not read back: " + e.getMessage() + "\n" + c.toJson(), e);
    }
  }

  private static void readEverything(OciConfig c) {
    c.env();
    c.user();
    c.hasUserNamespace();
    c.linuxDevices();
    c.deviceRules();
    c.mounts();
    for (String h : Hook.HOOK_NAMES) {
      c.hooks(h);
    }
    c.intelRdt();
    c.netDevices();
    c.annotations();
    c.tree();
  }

  /** A message for a user: text, without a library's internals (the check every target shares). */
  static void checkMessage(String message, String input, Throwable cause) {
    UserMessages.check(message, input, cause);
  }

  static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] data, byte b) {
    for (int i = 0; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] exampleConfig() {
    try (var in = RuntimeFuzzTargets.class.getResourceAsStream("RuntimeFuzzTestInputs/ociConfig/seed-config.json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
