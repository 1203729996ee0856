package dev.jcdi.cli;

import dev.jcdi.runtime.Registry;
import dev.jcdi.spec.InvalidNameException;
import dev.jcdi.spec.QualifiedName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Why a requested device does not resolve, said so that the reader can fix it: no spec defines it
 * (and the known names nearest to it), the spec file that defines it is invalid (its first error,
 * with file and line), or two files of one directory define it (both paths). Shared by {@code cdi
 * inject}, {@code cdi resolve} and {@code cdi-runtime}, so that they explain alike.
 */
final class UnresolvedReasons {
  /** The registry's conflict error, DeviceIndex's wording. */
  private static final Pattern CONFLICT = Pattern.compile("conflicting device \"(.*)\" \\(specs \"(.*)\", \"(.*)\"\\)");
  /** How much of an invalid spec file is searched for the device. */
  private static final int SCAN_BYTES = 1 << 20;
  private static final int MAX_SUGGESTIONS = 3;

  private UnresolvedReasons() {}

  /** Returns {@code "NAME: reason"} for each name, joined by {@code "; "}: one line for all. */
  static String explainAll(Registry registry, List<String> names) {
    return names.stream().map(n -> n + ": " + explain(registry, n)).collect(Collectors.joining("; "));
  }

  /** Returns why {@code name} does not resolve in {@code registry}, as a clause without the name. */
  static String explain(Registry registry, String name) {
    QualifiedName q;
    try {
      q = QualifiedName.parse(name);
    } catch (InvalidNameException e) {
      return "not a qualified CDI device name (vendor.com/class=name): " + e.getMessage();
    }
    Map<Path, List<String>> errors = registry.errors();
    for (List<String> list : errors.values()) {
      for (String error : list) {
        Matcher m = CONFLICT.matcher(error);
        if (m.find() && m.group(1).equals(name)) {
          return "two spec files of one directory define it, so neither counts: " + m.group(3) + " and " + m.group(2);
        }
      }
    }
    for (Map.Entry<Path, List<String>> e : errors.entrySet()) {
      Path file = e.getKey();
      List<String> own = e.getValue().stream().filter(s -> !CONFLICT.matcher(s).find()).toList();
      if (!own.isEmpty() && Files.isRegularFile(file) && mentions(file, q)) {
        return "the spec that defines it is invalid: " + RegistryCommand.located(file, own.get(0));
      }
    }
    String dirs = registry.specDirs().stream().map(Path::toString).collect(Collectors.joining(", "));
    List<String> known = registry.devices();
    if (known.isEmpty()) {
      return "no spec in " + dirs + " defines it (they define no devices)";
    }
    List<String> nearest = nearest(name, known);
    if (!nearest.isEmpty()) {
      return "no spec in " + dirs + " defines it (nearest known: " + String.join(", ", nearest) + ")";
    }
    return "no spec in " + dirs + " defines it (" + known.size() + " other device" + (known.size() == 1 ? "" : "s")
        + " known; `cdi devices` lists them)";
  }

  /**
   * Returns whether the text of {@code file} names the device's kind and, as a device name, its
   * name: an invalid file cannot be parsed into devices, so its text is what tells.
   */
  private static boolean mentions(Path file, QualifiedName q) {
    String text;
    try (InputStream in = Files.newInputStream(file)) {
      text = new String(in.readNBytes(SCAN_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return false;
    }
    if (!text.contains(q.vendor() + "/" + q.className())) {
      return false;
    }
    Pattern named = Pattern.compile("[\"']?name[\"']?\\s*:\\s*[\"']?" + Pattern.quote(q.name()) + "[\"']?\\s*([,}\\r\\n#]|$)");
    return named.matcher(text).find();
  }

  /** Returns the known names closest to {@code name} by edit distance, if any is close enough to be a typo. */
  static List<String> nearest(String name, List<String> known) {
    int limit = Math.max(2, name.length() / 4);
    record Scored(String name, int distance) {}
    List<Scored> close = new ArrayList<>();
    for (String k : known) {
      int d = distance(name, k, limit);
      if (d <= limit) {
        close.add(new Scored(k, d));
      }
    }
    close.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
    return close.stream().limit(MAX_SUGGESTIONS).map(Scored::name).toList();
  }

  /** Levenshtein distance of {@code a} and {@code b}, or {@code limit + 1} once it must exceed {@code limit}. */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) {
      return limit + 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
