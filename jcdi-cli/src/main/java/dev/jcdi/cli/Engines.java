package dev.jcdi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each container engine on a host will do with CDI, read from its configuration files (under a
 * configuration root, {@code /} on a real host): installed or not, its version, whether CDI is on,
 * which spec directories it reads. Reads files and runs {@code ENGINE --version}; changes nothing.
 */
final class Engines {
  private Engines() {}

  /** The spec directories engines read when their configuration names none. */
  static final List<String> DEFAULT_DIRS = List.of("/etc/cdi", "/var/run/cdi");

  private static final List<String> BIN_DIRS = List.of("usr/local/sbin", "usr/local/bin", "usr/sbin", "usr/bin", "sbin", "bin");

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  /**
   * What one engine will see.
   *
   * @param binary the engine's binary, or {@code null} when it is not installed
   * @param version its version as it prints it, or {@code null}
   * @param cdi whether CDI is on
   * @param why why CDI is on or off, naming the setting
   * @param configs the configuration files read
   * @param dirs the spec directories it reads, in priority order
   * @param errors problems reading its configuration
   */
  record Engine(String name, Path binary, String version, boolean cdi, String why, List<Path> configs, List<String> dirs, List<String> errors) {}

  static List<Engine> all(Path root) {
    return List.of(docker(root), containerd(root), containersConf("podman", root), containersConf("buildah", root), crio(root));
  }

  static Engine docker(Path root) {
    Optional<Path> bin = binary(root, "dockerd");
    String version = bin.flatMap(Engines::version).orElse(null);
    int[] v = parse(version);
    Path config = under(root, "/etc/docker/daemon.json");
    List<Path> configs = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Boolean feature = null;
    List<String> dirs = null;
    if (Files.isRegularFile(config)) {
      configs.add(config);
      try {
        JsonNode tree = new ObjectMapper().readTree(Files.readString(config, StandardCharsets.UTF_8));
        JsonNode f = tree == null ? null : tree.path("features").get("cdi");
        if (f != null && f.isBoolean()) {
          feature = f.booleanValue();
        }
        JsonNode d = tree == null ? null : tree.get("cdi-spec-dirs");
        if (d != null && d.isArray()) {
          dirs = new ArrayList<>();
          for (JsonNode e : d) {
            dirs.add(e.asText());
          }
        }
      } catch (IOException e) {
        errors.add(config + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    boolean cdi;
    String why;
    if (v != null && v[0] < 25) {
      cdi = false;
      why = "docker " + version + " has no CDI (it came with 25)";
    } else if (feature != null) {
      cdi = feature;
      why = "features.cdi is " + feature + " in " + config;
    } else if (v != null && (v[0] > 28 || v[0] == 28 && v[1] >= 2)) {
      cdi = true;
      why = "on by default from docker 28.2";
    } else {
      cdi = false;
      why = "features.cdi is not set in " + config + " (needed before docker 28.2)";
    }
    return new Engine("docker", bin.orElse(null), version, cdi, why, configs, dirs != null ? dirs : DEFAULT_DIRS, errors);
  }

  static Engine containerd(Path root) {
    Optional<Path> bin = binary(root, "containerd");
    String version = bin.flatMap(Engines::version).orElse(null);
    int[] v = parse(version);
    Path config = under(root, "/etc/containerd/config.toml");
    List<Path> configs = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Boolean enabled = null;
    List<String> dirs = null;
    if (Files.isRegularFile(config)) {
      configs.add(config);
      try {
        for (TomlKeys.Entry e : TomlKeys.read(Files.readString(config, StandardCharsets.UTF_8))) {
          if (!e.table().contains("cri")) {
            continue; // the CRI plugin's table: io.containerd.grpc.v1.cri (1.7) or io.containerd.cri.v1.runtime (2.x)
          }
          if (e.key().equals("enable_cdi") && e.value() instanceof Boolean b) {
            enabled = b;
          } else if (e.key().equals("cdi_spec_dirs") && e.value() instanceof List<?> l) {
            dirs = l.stream().map(Object::toString).toList();
          }
        }
      } catch (IOException e) {
        errors.add(config + ": " + e.getMessage());
      }
    }
    boolean cdi;
    String why;
    if (v != null && v[0] == 1 && v[1] < 7) {
      cdi = false;
      why = "containerd " + version + " has no CDI (it came with 1.7)";
    } else if (enabled != null) {
      cdi = enabled;
      why = "enable_cdi = " + enabled + " in " + config;
    } else if (v != null && v[0] >= 2) {
      cdi = true;
      why = "on by default from containerd 2.0";
    } else {
      cdi = false;
      why = "enable_cdi is not set in " + config + " (off by default before containerd 2.0)";
    }
    return new Engine("containerd", bin.orElse(null), version, cdi, why, configs, dirs != null ? dirs : DEFAULT_DIRS, errors);
  }

  /** podman and buildah: containers.conf, then containers.conf.d, later files winning; CDI always on. */
  static Engine containersConf(String name, Path root) {
    Optional<Path> bin = binary(root, name);
    String version = bin.flatMap(Engines::version).orElse(null);
    List<Path> configs = new ArrayList<>();
    configs.add(under(root, "/usr/share/containers/containers.conf"));
    configs.add(under(root, "/etc/containers/containers.conf"));
    configs.addAll(dropIns(under(root, "/etc/containers/containers.conf.d")));
    List<String> errors = new ArrayList<>();
    // containers/common reads only /etc/cdi unless cdi_spec_dirs says otherwise
    List<String> dirs = tomlDirs(configs, "engine", errors);
    List<Path> read = configs.stream().filter(Files::isRegularFile).toList();
    return new Engine(name, bin.orElse(null), version, true, name + " always reads CDI specs (since podman 4.1)", read,
        dirs != null ? dirs : List.of("/etc/cdi"), errors);
  }

  static Engine crio(Path root) {
    Optional<Path> bin = binary(root, "crio");
    String version = bin.flatMap(Engines::version).orElse(null);
    List<Path> configs = new ArrayList<>();
    configs.add(under(root, "/etc/crio/crio.conf"));
    configs.addAll(dropIns(under(root, "/etc/crio/crio.conf.d")));
    List<String> errors = new ArrayList<>();
    List<String> dirs = tomlDirs(configs, "crio.runtime", errors);
    List<Path> read = configs.stream().filter(Files::isRegularFile).toList();
    return new Engine("cri-o", bin.orElse(null), version, true, "CRI-O always reads CDI specs", read, dirs != null ? dirs : DEFAULT_DIRS, errors);
  }

  private static List<String> tomlDirs(List<Path> configs, String table, List<String> errors) {
    List<String> dirs = null;
    for (Path c : configs) {
      if (!Files.isRegularFile(c)) {
        continue;
      }
      try {
        for (TomlKeys.Entry e : TomlKeys.read(Files.readString(c, StandardCharsets.UTF_8))) {
          if (e.table().equals(table) && e.key().equals("cdi_spec_dirs") && e.value() instanceof List<?> l) {
            dirs = l.stream().map(Object::toString).toList();
          }
        }
      } catch (IOException e) {
        errors.add(c + ": " + e.getMessage());
      }
    }
    return dirs;
  }

  private static List<Path> dropIns(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.conf")) {
      s.forEach(out::add);
    } catch (IOException e) {
      return out;
    }
    out.sort(null);
    return out;
  }

  /** Returns {@code path} (absolute) under {@code root}. */
  static Path under(Path root, String path) {
    return root.resolve(path.substring(1));
  }

  private static Optional<Path> binary(Path root, String name) {
    return BIN_DIRS.stream().map(d -> root.resolve(d).resolve(name)).filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
  }

  /** Runs {@code binary --version} and returns the first version number it prints. */
  static Optional<String> version(Path binary) {
    Path out = null;
    try {
      // output to a file, so that a binary that hangs with its output open cannot hang info
      out = Files.createTempFile("cdi-info-", ".out");
      Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true)
          .redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      byte[] text;
      try (java.io.InputStream in = Files.newInputStream(out)) {
        text = in.readNBytes(64 * 1024);
      }
      Matcher m = VERSION.matcher(new String(text, StandardCharsets.UTF_8));
      return m.find() ? Optional.of(m.group()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  private static int[] parse(String version) {
    if (version == null) {
      return null;
    }
    Matcher m = VERSION.matcher(version);
    return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
  }
}
