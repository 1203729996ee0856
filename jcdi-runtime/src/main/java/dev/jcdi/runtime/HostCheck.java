package dev.jcdi.runtime;

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.Device;
import dev.jcdi.spec.DeviceNode;
import dev.jcdi.spec.Hook;
import dev.jcdi.spec.Mount;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.internal.IoMessages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a spec is still true on this host: every device node it names exists with the type and
 * numbers the spec gives (or is a node the runtime can read them from), every bind-mount source
 * exists, every hook is an executable file. What it finds is what would fail, or go wrong, when a
 * container starts with the device. Reads the host; changes nothing.
 */
public final class HostCheck {
  private HostCheck() {}

  /**
   * Something about a spec entry that the host does not match.
   *
   * @param field the entry's field path, as {@link dev.jcdi.spec.SpecDocument#position} takes it
   * @param message what is wrong, naming the host path
   */
  public record Problem(String field, String message) {}

  /**
   * Returns, for each device of {@code spec} in order, what would fail at container start: its own
   * edits' problems and then the spec-wide edits' problems (they apply to every device). An empty
   * list means the device is fine.
   *
   * @param spec the spec to check
   * @return for each device name, its problems
   */
  public static Map<String, List<Problem>> check(Spec spec) {
    List<Problem> shared = check(spec.containerEdits(), "containerEdits");
    Map<String, List<Problem>> out = new LinkedHashMap<>();
    List<Device> devices = spec.devices();
    for (int i = 0; i < devices.size(); i++) {
      Device d = devices.get(i);
      List<Problem> problems = new ArrayList<>(check(d.containerEdits(), "devices[" + i + "].containerEdits"));
      problems.addAll(shared);
      out.put(d.name(), List.copyOf(problems));
    }
    return out;
  }

  /**
   * {@return the problems of one set of edits, whose field path is {@code at}}
   *
   * @param edits the edits to check
   * @param at the field path of the edits, named in each problem
   */
  public static List<Problem> check(ContainerEdits edits, String at) {
    List<Problem> out = new ArrayList<>();
    List<DeviceNode> nodes = edits.deviceNodes();
    for (int i = 0; i < nodes.size(); i++) {
      node(nodes.get(i), at + ".deviceNodes[" + i + "]", out);
    }
    List<Mount> mounts = edits.mounts();
    for (int i = 0; i < mounts.size(); i++) {
      Mount m = mounts.get(i);
      if (isBindMount(m) && m.hostPath().startsWith("/")) {
        String field = at + ".mounts[" + i + "].hostPath";
        if (!exists(m.hostPath())) {
          out.add(new Problem(field, "mount source " + m.hostPath() + " does not exist"));
        }
      }
    }
    List<Hook> hooks = edits.hooks();
    for (int i = 0; i < hooks.size(); i++) {
      Hook h = hooks.get(i);
      if (h.path().isEmpty()) {
        continue;
      }
      String field = at + ".hooks[" + i + "].path";
      Path p;
      try {
        p = Path.of(h.path());
      } catch (InvalidPathException e) {
        out.add(new Problem(field, "hook " + h.path() + " is not a valid path"));
        continue;
      }
      if (!Files.exists(p)) {
        out.add(new Problem(field, "hook " + h.path() + " does not exist"));
      } else if (!Files.isRegularFile(p)) {
        out.add(new Problem(field, "hook " + h.path() + " is not a regular file"));
      } else if (!Files.isExecutable(p)) {
        out.add(new Problem(field, "hook " + h.path() + " is not executable"));
      }
    }
    return out;
  }

  private static void node(DeviceNode n, String field, List<Problem> out) {
    String host = n.hostPath().filter(h -> !h.isEmpty()).orElse(n.path());
    if (host.isEmpty()) {
      return;
    }
    HostDevice d;
    try {
      d = HostDevices.stat(host);
    } catch (NoSuchFileException e) {
      out.add(new Problem(field, "device node " + host + " does not exist"));
      return;
    } catch (IOException | InvalidPathException e) {
      out.add(new Problem(field, "device node " + host + ": " + (e instanceof IOException io ? IoMessages.reason(io) : e.getMessage())));
      return;
    }
    String spec = n.type().orElse("");
    String type = spec.isEmpty() ? null : spec.equals("u") ? "c" : spec;
    if (type != null && !type.equals(d.type())) {
      out.add(new Problem(field, "device node " + host + " is of type " + d.type() + " on the host, " + spec + " in the spec"));
      return;
    }
    if (d.type().equals("p")) {
      return; // a FIFO has no numbers
    }
    boolean majorMoved = n.major().isPresent() && n.major().getAsLong() != d.major();
    boolean minorMoved = n.minor().isPresent() && n.minor().getAsLong() != d.minor();
    if (majorMoved || minorMoved) {
      String major = n.major().isPresent() ? String.valueOf(n.major().getAsLong()) : "?";
      String minor = n.minor().isPresent() ? String.valueOf(n.minor().getAsLong()) : "?";
      out.add(new Problem(field, "device node " + host + " is " + d.major() + ":" + d.minor() + " on the host, "
          + major + ":" + minor + " in the spec ("
          + (majorMoved ? "major " + major + " moved to " + d.major() : "")
          + (majorMoved && minorMoved ? ", " : "")
          + (minorMoved ? "minor " + minor + " moved to " + d.minor() : "") + ")"));
    }
  }

  private static final Set<String> BIND_TYPES = Set.of("bind", "rbind", "none");

  private static boolean isBindMount(Mount m) {
    String type = m.type().orElse("");
    if (type.isEmpty() || BIND_TYPES.contains(type)) {
      return true;
    }
    return m.options().contains("bind") || m.options().contains("rbind");
  }

  private static boolean exists(String path) {
    try {
      return Files.exists(Path.of(path));
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
