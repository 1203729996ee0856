package dev.jcdi.spec;

import dev.jcdi.spec.Violation.Rule;
import dev.jcdi.spec.Violation.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks a spec against every rule of the CDI spec (cdi-reference.md §1–4) and returns all the
 * violations, each with the path of the field that breaks the rule. Stateless and thread-safe.
 */
public final class SpecValidator {
  /** The most bytes the keys and values of one annotation map may take together (Kubernetes' limit). */
  public static final int MAX_ANNOTATIONS_SIZE = 256 * 1024;

  private static final long UINT32_MAX = 0xFFFF_FFFFL;

  /**
   * The mounts of the OCI runtime-spec's default config (runc spec): a CDI mount at one of these
   * replaces the container's own at injection, as in the reference, so validation warns.
   */
  static final java.util.Set<String> DEFAULT_MOUNTS =
      java.util.Set.of("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup");

  private SpecValidator() {}

  /**
   * Returns every violation in {@code spec}, errors and warnings, in the order of the spec's fields.
   * A required text or list that is empty breaks the rule for an empty value (a spec built in code
   * cannot tell absent from empty, as in the reference).
   *
   * @param spec the spec
   * @return the violations, empty when the spec is valid
   */
  public static List<Violation> validate(Spec spec) {
    Run r = new Run(null);
    r.spec(spec);
    return List.copyOf(r.out);
  }

  /**
   * Returns every violation in the spec of {@code document}, as {@link #validate(Spec)} does, and
   * reports a required field that the file leaves out (or gives as {@code null}) as missing.
   *
   * @param document a spec read from a file
   * @return the violations, empty when the spec is valid
   */
  public static List<Violation> validate(SpecDocument document) {
    Run r = new Run(document);
    r.spec(document.spec());
    return List.copyOf(r.out);
  }

  /**
   * {@return whether {@code spec} has no error (warnings allowed)}
   *
   * @param spec the spec to check
   */
  public static boolean isValid(Spec spec) {
    return !hasError(validate(spec));
  }

  /**
   * {@return the warnings of a valid spec}
   *
   * @param spec the spec to check
   * @param source the file the spec was read from, named in the exception, or {@code null}
   * @throws InvalidSpecException listing every violation when the spec has an error
   */
  public static List<Violation> requireValid(Spec spec, String source) {
    List<Violation> all = validate(spec);
    if (hasError(all)) {
      throw new InvalidSpecException(source, all);
    }
    return all;
  }

  /**
   * {@return the violations of the annotation map at {@code path}: keys must be Kubernetes qualified
   * names (an optional DNS subdomain prefix and {@code /}, then a name of at most 63 characters) and
   * keys and values together at most {@link #MAX_ANNOTATIONS_SIZE} bytes}
   *
   * @param annotations the annotations
   * @param path the field path of the map, named in each violation
   */
  public static List<Violation> validateAnnotations(Map<String, String> annotations, String path) {
    Run r = new Run(null);
    r.annotations(annotations == null ? Map.of() : annotations, path);
    return List.copyOf(r.out);
  }

  private static boolean hasError(List<Violation> violations) {
    for (Violation v : violations) {
      if (v.isError()) {
        return true;
      }
    }
    return false;
  }

  /** Returns the reason {@code key} is not a valid annotation key, or null when it is valid. */
  static String annotationKeyError(String key) {
    // Lower-case rune by rune, as Go's strings.ToLower does ("İ" is "i", not "i" and a dot).
    StringBuilder lower = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); ) {
      int c = key.codePointAt(i);
      lower.appendCodePoint(Character.toLowerCase(c));
      i += Character.charCount(c);
    }
    String k = lower.toString();
    String[] parts = k.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        return "prefix part must not be empty";
      }
      if (prefix.length() > 253) {
        return "prefix part must be no more than 253 characters";
      }
      if (!isDns1123Subdomain(prefix)) {
        return "prefix part must be a lowercase DNS subdomain (e.g. 'example.com')";
      }
    } else {
      return "a qualified name has at most one '/' (an optional DNS subdomain prefix and a name, e.g. 'example.com/MyName')";
    }
    if (name.isEmpty()) {
      return "name part must not be empty";
    }
    if (name.length() > 63) {
      return "name part must be no more than 63 characters";
    }
    if (!isQualifiedNamePart(name)) {
      return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    }
    return null;
  }

  /**
   * Returns whether {@code s} is a DNS-1123 subdomain as Kubernetes checks it:
   * {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*} (without the cost of a
   * regular expression on a short-lived process's first spec).
   */
  static boolean isDns1123Subdomain(String s) {
    int start = 0;
    while (true) {
      int end = s.indexOf('.', start);
      if (end < 0) {
        end = s.length();
      }
      if (end == start || s.charAt(start) == '-' || s.charAt(end - 1) == '-') {
        return false;
      }
      for (int i = start; i < end; i++) {
        char c = s.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
          return false;
        }
      }
      if (end == s.length()) {
        return true;
      }
      start = end + 1;
    }
  }

  /**
   * Returns whether {@code s} is the name part of a Kubernetes qualified name:
   * {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}.
   */
  static boolean isQualifiedNamePart(String s) {
    if (s.isEmpty() || !isAlphanumeric(s.charAt(0)) || !isAlphanumeric(s.charAt(s.length() - 1))) {
      return false;
    }
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (!(isAlphanumeric(c) || c == '-' || c == '_' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean onlyRwm(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != 'r' && c != 'w' && c != 'm') {
        return false;
      }
    }
    return true;
  }

  private static final class Run {
    final List<Violation> out = new ArrayList<>();
    /** The file the spec was read from, which knows which fields it has; null for a spec built in code. */
    final SpecDocument document;
    SpecVersion declared;

    Run(SpecDocument document) {
      this.document = document;
    }

    /** Whether the file has the field at {@code path}; a spec built in code has every field. */
    boolean present(String path) {
      return document == null || document.isPresent(path);
    }

    /** Whether the empty {@code value} at {@code path} is a field the file leaves out. */
    boolean missing(String path, String value) {
      return value.isEmpty() && !present(path);
    }

    void error(String path, Rule rule, String message) {
      out.add(new Violation(path, rule, Severity.ERROR, message));
    }

    void warn(String path, Rule rule, String message) {
      out.add(new Violation(path, rule, Severity.WARNING, message));
    }

    static String at(String parent, String field) {
      return parent.isEmpty() ? field : parent + "." + field;
    }

    void spec(Spec spec) {
      if (missing("cdiVersion", spec.cdiVersion())) {
        error("cdiVersion", Rule.REQUIRED_FIELD, "missing required field \"cdiVersion\"");
      } else {
        declared = SpecVersion.find(spec.cdiVersion()).orElse(null);
        if (declared == null) {
          error("cdiVersion", Rule.VERSION_UNKNOWN,
              "invalid version " + Names.quote(dev.jcdi.spec.internal.Text.abbreviated(spec.cdiVersion())) + " (known: " + known() + ")");
        } else {
          SpecVersion min = SpecVersion.minimumRequired(spec);
          if (declared.compareTo(min) < 0) {
            error("cdiVersion", Rule.VERSION_TOO_LOW,
                "the spec version must be at least v" + min + " (" + reason(spec, min) + "), not " + spec.cdiVersion());
          }
        }
      }
      if (missing("kind", spec.kind())) {
        error("kind", Rule.REQUIRED_FIELD, "missing required field \"kind\"");
      } else {
        try {
          Kind.parse(spec.kind());
        } catch (InvalidNameException e) {
          error("kind", Rule.KIND, e.getMessage());
        }
      }
      annotations(spec.annotations(), "annotations");
      edits(spec.containerEdits(), "containerEdits");
      List<Device> devices = spec.devices();
      if (devices.isEmpty()) {
        boolean absent = !present("devices");
        error("devices", absent ? Rule.REQUIRED_FIELD : Rule.NO_DEVICES,
            absent ? "missing required field \"devices\": a spec needs at least one device" : "a spec needs at least one device");
      }
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < devices.size(); i++) {
        Device d = devices.get(i);
        String p = "devices[" + i + "]";
        if (missing(p + ".name", d.name())) {
          error(p + ".name", Rule.REQUIRED_FIELD, "missing required field \"name\"");
        } else {
          Optional<String> nameError = Names.deviceNameError(d.name());
          if (nameError.isPresent()) {
            error(p + ".name", Rule.DEVICE_NAME, nameError.get());
          }
          Integer first = seen.putIfAbsent(d.name(), i);
          if (first != null) {
            error(p + ".name", Rule.DUPLICATE_DEVICE,
                "duplicate device " + Names.quote(d.name()) + " (also devices[" + first + "])");
          }
        }
        annotations(d.annotations(), p + ".annotations");
        if (d.containerEdits().isEmpty() && !present(p + ".containerEdits")) {
          error(p + ".containerEdits", Rule.REQUIRED_FIELD, "missing required field \"containerEdits\": a device must edit the container");
        } else if (d.containerEdits().isEmpty()) {
          error(p + ".containerEdits", Rule.EMPTY_DEVICE_EDITS, "empty device edits: a device must edit the container");
        } else {
          edits(d.containerEdits(), p + ".containerEdits");
        }
      }
    }

    static String known() {
      StringBuilder b = new StringBuilder();
      for (SpecVersion v : SpecVersion.values()) {
        if (v.isAtLeast(SpecVersion.EARLIEST)) {
          b.append(b.length() == 0 ? "" : ", ").append(v);
        }
      }
      return b.toString();
    }

    static String reason(Spec spec, SpecVersion min) {
      return switch (min) {
        case V1_1_0 -> "it uses netDevices or intelRdt schemata/enableMonitoring";
        case V0_7_0 -> "it uses intelRdt or additionalGids";
        case V0_6_0 -> "it uses annotations or a '.' in the class of its kind";
        case V0_5_0 -> "it uses a device node hostPath or a device name starting with a digit";
        case V0_4_0 -> "it uses a mount type";
        default -> "0.1.0 and 0.2.0 are no longer supported";
      };
    }

    void annotations(Map<String, String> annotations, String path) {
      long size = 0;
      for (Map.Entry<String, String> e : annotations.entrySet()) {
        String key = e.getKey();
        String error = annotationKeyError(key);
        if (error != null) {
          error(path + "[" + jsonQuote(key) + "]", Rule.ANNOTATION_KEY,
              "invalid annotation key " + Names.quote(key) + ": " + error);
        }
        size += key.getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
      }
      if (size > MAX_ANNOTATIONS_SIZE) {
        error(path, Rule.ANNOTATIONS_TOO_LARGE,
            "annotations too large: " + size + " bytes of keys and values, the limit is " + MAX_ANNOTATIONS_SIZE);
      }
    }

    static String jsonQuote(String s) {
      return Names.quote(s);
    }

    void edits(ContainerEdits e, String path) {
      env(e.env(), at(path, "env"), Rule.ENV);
      List<DeviceNode> nodes = e.deviceNodes();
      for (int i = 0; i < nodes.size(); i++) {
        deviceNode(nodes.get(i), at(path, "deviceNodes") + "[" + i + "]");
      }
      List<Hook> hooks = e.hooks();
      for (int i = 0; i < hooks.size(); i++) {
        hook(hooks.get(i), at(path, "hooks") + "[" + i + "]");
      }
      List<Mount> mounts = e.mounts();
      for (int i = 0; i < mounts.size(); i++) {
        mount(mounts.get(i), at(path, "mounts") + "[" + i + "]");
      }
      if (e.intelRdt().isPresent()) {
        intelRdt(e.intelRdt().get(), at(path, "intelRdt"));
      }
      netDevices(e.netDevices(), at(path, "netDevices"));
      List<Long> gids = e.additionalGids();
      for (int i = 0; i < gids.size(); i++) {
        uint32(gids.get(i), at(path, "additionalGids") + "[" + i + "]");
      }
    }

    void env(List<String> env, String path, Rule rule) {
      List<String> list = env;
      for (int i = 0; i < list.size(); i++) {
        String v = list.get(i);
        if (v.indexOf('=') <= 0) {
          error(path + "[" + i + "]", rule,
              "invalid environment variable " + Names.quote(v) + ": expected KEY=VALUE with a non-empty KEY");
        } else if (v.indexOf('\0') >= 0) {
          error(path + "[" + i + "]", rule,
              "invalid environment variable " + Names.quote(v) + ": it contains a NUL character, which no process environment can hold");
        }
      }
    }

    void uint32(OptionalLong v, String path) {
      if (v.isPresent()) {
        uint32(v.getAsLong(), path);
      }
    }

    void uint32(long v, String path) {
      if (v < 0 || v > UINT32_MAX) {
        error(path, Rule.INTEGER_RANGE, v + " is out of range for an unsigned 32-bit integer (0 to 4294967295)");
      }
    }

    void nonNegative(OptionalLong v, String path) {
      if (v.isPresent() && v.getAsLong() < 0) {
        error(path, Rule.INTEGER_RANGE, "device number " + v.getAsLong() + " must not be negative (a cgroup rule would read it as \"any\")");
      }
    }

    void deviceNode(DeviceNode n, String path) {
      if (n.path().isEmpty()) {
        boolean absent = missing(at(path, "path"), n.path());
        error(at(path, "path"), absent ? Rule.REQUIRED_FIELD : Rule.DEVICE_NODE_PATH,
            absent ? "missing required field \"path\"" : "invalid (empty) device path");
      }
      String name = n.path();
      if (!name.isEmpty() && !nul(name, at(path, "path"), Rule.DEVICE_NODE_PATH, "device path")) {
        if (!name.startsWith("/")) {
          // OCI: a device's path in the container MUST be absolute; the reference does not check, runc fails later.
          error(at(path, "path"), Rule.DEVICE_NODE_PATH,
              "invalid device path " + Names.quote(name) + ": it must be absolute (a path in the container)");
        } else {
          clean(name, at(path, "path"), "device path");
        }
      }
      if (n.hostPath().isPresent()) {
        String host = n.hostPath().get();
        if (!nul(host, at(path, "hostPath"), Rule.DEVICE_NODE_PATH, "device host path")) {
          clean(host, at(path, "hostPath"), "device host path");
        }
      }
      String t = n.type().orElse("");
      if (!t.isEmpty() && !t.equals("b") && !t.equals("c") && !t.equals("u") && !t.equals("p")) {
        error(at(path, "type"), Rule.DEVICE_NODE_TYPE,
            "device " + Names.quote(name) + ": invalid type " + Names.quote(t) + " (expected b, c, u or p)");
      }
      String perms = n.permissions().orElse("");
      if (!perms.isEmpty() && !perms.equals(DeviceNode.NO_PERMISSIONS) && !onlyRwm(perms)) {
        error(at(path, "permissions"), Rule.DEVICE_NODE_PERMISSIONS,
            "device " + Names.quote(name) + ": invalid permissions " + Names.quote(perms) + " (expected letters from \"rwm\", or \"none\")");
      }
      // A negative number is a wildcard in a cgroup rule: -1 would allow every device of the type.
      nonNegative(n.major(), at(path, "major"));
      nonNegative(n.minor(), at(path, "minor"));
      uint32(n.fileMode(), at(path, "fileMode"));
      uint32(n.uid(), at(path, "uid"));
      uint32(n.gid(), at(path, "gid"));
    }

    void hook(Hook h, String path) {
      String name = h.hookName();
      if (missing(at(path, "hookName"), name)) {
        error(at(path, "hookName"), Rule.REQUIRED_FIELD, "missing required field \"hookName\"");
      } else if (!Hook.isValidHookName(name)) {
        error(at(path, "hookName"), Rule.HOOK_NAME,
            "invalid hook name " + Names.quote(name) + " (expected one of " + String.join(", ", Hook.HOOK_NAMES) + ")");
      }
      String label = name;
      if (h.path().isEmpty()) {
        error(at(path, "path"), missing(at(path, "path"), h.path()) ? Rule.REQUIRED_FIELD : Rule.HOOK_PATH,
            "invalid hook " + Names.quote(label) + " with empty path");
      } else if (nul(h.path(), at(path, "path"), Rule.HOOK_PATH, "hook path")) {
        // reported
      } else if (!h.path().startsWith("/")) {
        // OCI: the hook path MUST be absolute; the reference does not check, runc rejects it later.
        error(at(path, "path"), Rule.HOOK_PATH,
            "invalid hook " + Names.quote(label) + ": path " + Names.quote(h.path()) + " is not absolute");
      } else {
        clean(h.path(), at(path, "path"), "hook path");
      }
      env(h.env(), at(path, "env"), Rule.HOOK_ENV);
      if (h.timeout().isPresent() && h.timeout().getAsLong() <= 0) {
        // SPEC.md: the timeout, when set, must be greater than zero.
        error(at(path, "timeout"), Rule.HOOK_TIMEOUT,
            "invalid hook " + Names.quote(label) + ": timeout " + h.timeout().getAsLong() + " must be greater than zero");
      }
    }

    void mount(Mount m, String path) {
      if (m.hostPath().isEmpty()) {
        error(at(path, "hostPath"), missing(at(path, "hostPath"), m.hostPath()) ? Rule.REQUIRED_FIELD : Rule.MOUNT_HOST_PATH,
            "invalid mount, empty host path");
      }
      if (!m.hostPath().isEmpty()
          && !nul(m.hostPath(), at(path, "hostPath"), Rule.MOUNT_HOST_PATH, "mount host path")
          && m.hostPath().startsWith("/")) {
        // A relative source is not a path for every type (tmpfs, proc): only absolute ones are cleaned.
        clean(m.hostPath(), at(path, "hostPath"), "mount host path");
      }
      String target = m.containerPath();
      if (target.isEmpty()) {
        error(at(path, "containerPath"), missing(at(path, "containerPath"), target) ? Rule.REQUIRED_FIELD : Rule.MOUNT_CONTAINER_PATH,
            "invalid mount, empty container path");
      } else if (!nul(target, at(path, "containerPath"), Rule.MOUNT_CONTAINER_PATH, "mount container path")) {
        if (!target.startsWith("/")) {
          // OCI: a mount destination MUST be absolute; the reference does not check, runc fails later.
          error(at(path, "containerPath"), Rule.MOUNT_CONTAINER_PATH,
              "invalid mount container path " + Names.quote(target) + ": it must be absolute (a path in the container)");
        } else {
          clean(target, at(path, "containerPath"), "mount container path");
          String resolved = dev.jcdi.spec.internal.GoFilepath.clean(target);
          if (DEFAULT_MOUNTS.contains(resolved)) {
            warn(at(path, "containerPath"), Rule.MOUNT_REPLACES_DEFAULT,
                "the mount at " + Names.quote(target) + " replaces the container's own " + resolved
                    + " mount (a default OCI mount) when injected");
          }
        }
      }
    }

    /** Reports a NUL character in {@code value} as an error; returns whether there was one. */
    boolean nul(String value, String path, Rule rule, String what) {
      if (value.indexOf('\0') < 0) {
        return false;
      }
      error(path, rule, "invalid " + what + " " + Names.quote(value) + ": it contains a NUL character, which no path can hold");
      return true;
    }

    /** Warns when the absolute {@code value} is not clean, saying what it resolves to. */
    void clean(String value, String path, String what) {
      String resolved = dev.jcdi.spec.internal.GoFilepath.clean(value);
      if (!resolved.equals(value)) {
        warn(path, Rule.PATH_NOT_CLEAN,
            what + " " + Names.quote(value) + " is not clean: it resolves to " + Names.quote(resolved));
      }
    }

    void intelRdt(IntelRdt rdt, String path) {
      String clos = rdt.closID().orElse(null);
      if (clos != null && !clos.equals("/")
          && (clos.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 4096 || clos.equals(".") || clos.equals("..") || clos.contains("/") || clos.contains("\n"))) {
        error(at(path, "closID"), Rule.CLOS_ID,
            "invalid closID " + Names.quote(clos.length() > 64 ? clos.substring(0, 64) + "..." : clos)
                + ": must be \"/\" or a name shorter than 4096 bytes, not \".\" or \"..\", without '/' or newline");
      }
      removedField(rdt.enableCMT(), "enableCMT", path);
      removedField(rdt.enableMBM(), "enableMBM", path);
    }

    void removedField(Optional<Boolean> value, String field, String path) {
      if (value.isEmpty()) {
        return;
      }
      if (declared == null || declared.isAtLeast(SpecVersion.V1_1_0)) {
        error(at(path, field), Rule.REMOVED_FIELD,
            "unknown field \"" + field + "\": it was removed in CDI 1.1.0 (allowed only in specs of version 0.7.0 to 1.0.0)");
      } else {
        warn(at(path, field), Rule.REMOVED_FIELD,
            "\"" + field + "\" has no effect on an OCI config (dropped in CDI 1.1.0)");
      }
    }

    void netDevices(List<NetDevice> list, String path) {
      Map<String, Integer> hosts = new HashMap<>();
      Map<String, Integer> names = new HashMap<>();
      for (int i = 0; i < list.size(); i++) {
        NetDevice d = list.get(i);
        String p = path + "[" + i + "]";
        if (d.hostInterfaceName().isEmpty()) {
          error(at(p, "hostInterfaceName"), missing(at(p, "hostInterfaceName"), d.hostInterfaceName()) ? Rule.REQUIRED_FIELD : Rule.NET_DEVICE_NAME,
              "invalid linux net device, empty hostInterfaceName");
        } else {
          Integer first = hosts.putIfAbsent(d.hostInterfaceName(), i);
          if (first != null) {
            error(at(p, "hostInterfaceName"), Rule.NET_DEVICE_DUPLICATE,
                "invalid linux net device, duplicate hostInterfaceName " + Names.quote(d.hostInterfaceName())
                    + " (also " + path + "[" + first + "])");
          }
        }
        if (d.name().isEmpty()) {
          error(at(p, "name"), missing(at(p, "name"), d.name()) ? Rule.REQUIRED_FIELD : Rule.NET_DEVICE_NAME,
              "invalid linux net device, empty name");
        } else {
          Integer first = names.putIfAbsent(d.name(), i);
          if (first != null) {
            error(at(p, "name"), Rule.NET_DEVICE_DUPLICATE,
                "invalid linux net device, duplicate name " + Names.quote(d.name()) + " (also " + path + "[" + first + "])");
          }
        }
      }
    }
  }
}
