package dev.jcdi.runtime;

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.Device;
import dev.jcdi.spec.DeviceNode;
import dev.jcdi.spec.Kind;
import dev.jcdi.spec.Mount;
import dev.jcdi.spec.QualifiedName;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecVersion;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a vendor-neutral spec from the device nodes on a host: one device per node, named after
 * the node (or a template), with the type and numbers read from the host, plus a device {@code
 * all} with every node. Reads the host; writes nothing.
 */
public final class SpecGenerator {
  /** The name of the device that holds every node. */
  public static final String ALL = "all";

  private final String kind;
  private final Path devRoot;
  private final String containerRoot;
  private final String nameTemplate;
  private final List<String> patterns;
  private final List<DevicePreset> presets;
  private final List<String> env;
  private final List<Mount> mounts;
  private final boolean allDevice;

  private SpecGenerator(Builder b) {
    this.kind = b.kind;
    this.devRoot = b.devRoot;
    this.containerRoot = b.containerRoot;
    this.nameTemplate = b.nameTemplate;
    this.patterns = List.copyOf(b.patterns);
    this.presets = List.copyOf(b.presets);
    this.env = List.copyOf(b.env);
    this.mounts = List.copyOf(b.mounts);
    this.allDevice = b.allDevice;
  }

  /** {@return a builder for a spec of {@code kind}; with a preset and no kind, the preset's kind is used} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SpecGenerator}. */
  public static final class Builder {
    private String kind;
    private Path devRoot = Path.of("/");
    private String containerRoot = "/";
    private String nameTemplate;
    private final List<String> patterns = new ArrayList<>();
    private final List<DevicePreset> presets = new ArrayList<>();
    private final List<String> env = new ArrayList<>();
    private final List<Mount> mounts = new ArrayList<>();
    private boolean allDevice = true;

    private Builder() {}

    /**
     * Sets the kind, {@code vendor/class}.
     *
     * @param k the kind
     * @return this builder
     */
    public Builder kind(String k) {
      kind = k;
      return this;
    }

    /**
     * Finds nodes under {@code dir} instead of {@code /}; container paths drop the prefix.
     *
     * @param dir the device root on the host
     * @return this builder
     */
    public Builder devRoot(Path dir) {
      devRoot = Objects.requireNonNull(dir, "devRoot");
      return this;
    }

    /**
     * Puts the nodes under {@code dir} in the container instead of {@code /}.
     *
     * @param dir the root in the container, an absolute path
     * @return this builder
     */
    public Builder containerRoot(String dir) {
      if (!Objects.requireNonNull(dir, "containerRoot").startsWith("/")) {
        throw new IllegalArgumentException("invalid container root \"" + dir + "\": must be an absolute path");
      }
      containerRoot = dir;
      return this;
    }

    /**
     * Names devices by a template instead of the node's file name: {@code {name}} is the file name,
     * {@code {parent}} the name of its directory, {@code {path}} its path below the root with
     * {@code /} as {@code -}, {@code {index}} its place among the nodes from 0. For {@code
     * /dev/bus/usb/001/004}, {@code usb-{parent}-{name}} gives {@code usb-001-004}.
     *
     * @param template the name template
     * @return this builder
     */
    public Builder nameTemplate(String template) {
      nameTemplate = template;
      return this;
    }

    /**
     * Adds a node path or glob ({@code *}, {@code ?}, {@code [..]} per path element), absolute or
     * relative to the device root. It must match at least one node.
     *
     * @param pattern a node path or glob
     * @return this builder
     */
    public Builder pattern(String pattern) {
      patterns.add(Objects.requireNonNull(pattern, "pattern"));
      return this;
    }

    /**
     * Adds the nodes of a preset; the presets together must find at least one node.
     *
     * @param preset the preset
     * @return this builder
     */
    public Builder preset(DevicePreset preset) {
      presets.add(Objects.requireNonNull(preset, "preset"));
      return this;
    }

    /**
     * Adds a spec-wide {@code KEY=VALUE} environment entry.
     *
     * @param entry the {@code KEY=VALUE} entry
     * @return this builder
     */
    public Builder env(String entry) {
      env.add(Objects.requireNonNull(entry, "env"));
      return this;
    }

    /**
     * Adds a spec-wide mount.
     *
     * @param m the mount
     * @return this builder
     */
    public Builder mount(Mount m) {
      mounts.add(Objects.requireNonNull(m, "mount"));
      return this;
    }

    /**
     * Whether to add the device {@code all} (the default).
     *
     * @param on whether to add it
     * @return this builder
     */
    public Builder allDevice(boolean on) {
      allDevice = on;
      return this;
    }

    /**
     * Returns a generator with these settings.
     *
     * @return the generator
     */
    public SpecGenerator build() {
      return new SpecGenerator(this);
    }
  }

  /** A device node found on the host, before it becomes a device. */
  private record Found(String name, Path match, Path real, HostDevice node) {}

  /**
   * {@return the spec, at the lowest version that fits it}
   *
   * @throws IllegalArgumentException when the kind, a template or a generated name is invalid, or
   *     two nodes get the same name
   * @throws NoSuchFileException when a pattern matches nothing, or the presets find nothing
   * @throws FileSystemException when a path named without wildcards is not a device node
   * @throws IOException when the host cannot be read
   */
  public Spec generate() throws IOException {
    String k = kind != null ? kind : presets.isEmpty() ? null : presets.get(0).defaultKind();
    if (k == null) {
      throw new IllegalArgumentException("a kind (vendor/class) is required");
    }
    Kind.parse(k); // a clear error for a bad kind before any scanning
    if (patterns.isEmpty() && presets.isEmpty()) {
      throw new IllegalArgumentException("no device nodes given: name paths or globs, or a preset");
    }
    Path root = devRoot.toRealPath();
    List<Found> found = new ArrayList<>();
    for (String p : patterns) {
      int before = found.size();
      scan(root, p, found);
      if (found.size() == before) {
        throw new NoSuchFileException(p, null, "no device node matches under " + root);
      }
    }
    if (!presets.isEmpty()) {
      int before = found.size();
      for (DevicePreset preset : presets) {
        for (String p : preset.patterns()) {
          scan(root, p, found);
        }
      }
      if (found.size() == before) {
        throw new NoSuchFileException(root.toString(), null,
            "no device nodes of preset " + presets.stream().map(DevicePreset::label).toList() + " found");
      }
    }
    Map<String, Found> byName = new LinkedHashMap<>();
    Map<Path, DeviceNode> nodes = new LinkedHashMap<>();
    for (Found f : found) {
      Found other = byName.get(f.name());
      if (other != null) {
        if (other.real().equals(f.real())) {
          continue; // the same node found twice, e.g. by two presets
        }
        throw new IllegalArgumentException("device name \"" + f.name() + "\" given to both " + other.match() + " and "
            + f.match() + ": use a name template such as --name-template '{parent}-{name}'");
      }
      if (allDevice && f.name().equals(ALL)) {
        throw new IllegalArgumentException("device name \"all\" from " + f.match() + " is taken by the device with every node");
      }
      byName.put(f.name(), f);
      nodes.computeIfAbsent(f.real(), r -> node(root, f));
    }
    Spec.Builder spec = Spec.builder(k);
    for (Found f : byName.values()) {
      spec.device(f.name(), ContainerEdits.builder().deviceNodes(nodes.get(f.real())).build());
    }
    if (allDevice) {
      ContainerEdits.Builder all = ContainerEdits.builder();
      nodes.values().forEach(all::deviceNodes);
      spec.device(ALL, all.build());
    }
    if (!env.isEmpty() || !mounts.isEmpty()) {
      ContainerEdits.Builder edits = ContainerEdits.builder();
      env.forEach(edits::env);
      mounts.forEach(edits::mounts);
      spec.containerEdits(edits.build());
    }
    Spec s = spec.build();
    return s.withVersion(SpecVersion.minimumRequired(s));
  }

  private DeviceNode node(Path root, Found f) {
    String rel = root.relativize(f.real()).toString();
    String path = containerRoot.endsWith("/") ? containerRoot + rel : containerRoot + "/" + rel;
    String host = f.real().toString();
    HostDevice d = f.node();
    DeviceNode node = DeviceNode.of(path).withType(d.type()).withNumbers(d.major(), d.minor());
    return host.equals(path) ? node : node.withHostPath(host);
  }

  private void scan(Path root, String pattern, List<Found> out) throws IOException {
    String rel = pattern;
    while (rel.startsWith("/")) {
      rel = rel.substring(1);
    }
    if (rel.isEmpty()) {
      throw new IllegalArgumentException("invalid node pattern \"" + pattern + "\": names no file");
    }
    String[] parts = rel.split("/+");
    boolean wild = rel.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    List<Path> matches = new ArrayList<>();
    expand(root, parts, 0, matches);
    for (Path m : matches) {
      Path real;
      try {
        real = m.toRealPath();
      } catch (NoSuchFileException e) {
        if (wild) {
          continue; // a dangling link among the matches
        }
        throw e;
      }
      if (!real.startsWith(root)) {
        if (wild) {
          continue;
        }
        throw new FileSystemException(m.toString(), null, "points outside the device root " + root);
      }
      HostDevice node;
      try {
        node = HostDevices.stat(real);
      } catch (FileSystemException e) {
        if (wild && !(e instanceof NoSuchFileException)) {
          continue; // a directory or file among the matches, e.g. /dev/snd/by-path
        }
        throw e;
      }
      if (node.type().equals("p")) {
        if (wild) {
          continue;
        }
        throw new FileSystemException(m.toString(), null, HostDevices.NOT_A_DEVICE_NODE);
      }
      out.add(new Found(name(root, m, out.size(), wild), m, real, node));
    }
  }

  private static void expand(Path dir, String[] parts, int i, List<Path> out) throws IOException {
    if (i == parts.length) {
      out.add(dir);
      return;
    }
    String part = parts[i];
    if (part.equals(".") || part.equals("..")) {
      throw new IllegalArgumentException("invalid node pattern element \"" + part + "\": no . or .. in a pattern");
    }
    boolean wild = part.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    if (!wild) {
      Path next = dir.resolve(part);
      if (i == parts.length - 1 ? Files.exists(next, LinkOption.NOFOLLOW_LINKS) : Files.isDirectory(next)) {
        expand(next, parts, i + 1, out);
      }
      return;
    }
    if (!Files.isDirectory(dir)) {
      return;
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + part);
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path e : s) {
        String n = e.getFileName().toString();
        if ((n.startsWith(".") && !part.startsWith(".")) || !matcher.matches(e.getFileName())) {
          continue;
        }
        entries.add(e);
      }
    }
    entries.sort(Comparator.comparing(p -> p.getFileName().toString(), SpecGenerator::natural));
    for (Path e : entries) {
      expand(e, parts, i + 1, out);
    }
  }

  private String name(Path root, Path match, int index, boolean wild) {
    String file = match.getFileName().toString();
    String name = file;
    if (nameTemplate == null && wild && !QualifiedName.isValidDeviceName(name)) {
      // a discovered alias such as a udev by-id link may hold characters a device name may not
      name = name.replaceAll("[^A-Za-z0-9_.:-]", "_").replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }
    if (nameTemplate != null) {
      Path parent = match.getParent();
      String parentName = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
      String path = root.relativize(match).toString().replace('/', '-');
      name = nameTemplate.replace("{name}", file).replace("{parent}", parentName).replace("{path}", path)
          .replace("{index}", Integer.toString(index));
    }
    if (!QualifiedName.isValidDeviceName(name)) {
      throw new IllegalArgumentException("invalid device name \"" + name + "\" for " + match
          + (nameTemplate == null ? ": give a --name-template, e.g. '{parent}-{name}'" : " from template \"" + nameTemplate + "\""));
    }
    return name;
  }

  /** Orders names with their digit runs as numbers: card2 before card10. */
  static int natural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int si = i;
        int sj = j;
        while (i < a.length() && Character.isDigit(a.charAt(i))) {
          i++;
        }
        while (j < b.length() && Character.isDigit(b.charAt(j))) {
          j++;
        }
        String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
        String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
        int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
        if (c != 0) {
          return c;
        }
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }
}
