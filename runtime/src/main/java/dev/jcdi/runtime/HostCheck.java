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
   */
  public static Map<String, List<Problem>> check(Spec spec) {
    List<Problem> shared = check(spec.containerEdits(), "containerEdits");
    Map<String, List<Problem>> out = new LinkedHashMap<>();
    List<Device> devices = spec.deviceList();
    for (int i = 0; i < devices.size(); i++) {
      Device d = devices.get(i);
      List<Problem> problems = new ArrayList<>(check(d.containerEdits(), "devices[" + i + "].containerEdits"));
      problems.addAll(shared);
      out.put(d.name(), List.copyOf(problems));
    }
    return out;
  }

  /** Returns the problems of one set of edits, whose field path is {@code at}. */
  public static List<Problem> check(ContainerEdits edits, String at) {
    List<Problem> out = new ArrayList<>();
    if (edits == null) {
      return out;
    }
    List<DeviceNode> nodes = edits.deviceNodes() == null ? List.of() : edits.deviceNodes();
    for (int i = 0; i < nodes.size(); i++) {
      DeviceNode n = nodes.get(i);
      if (n != null) {
        node(n, at + ".deviceNodes[" + i + "]", out);
      }
    }
    List<Mount> mounts = edits.mounts() == null ? List.of() : edits.mounts();
    for (int i = 0; i < mounts.size(); i++) {
      Mount m = mounts.get(i);
      if (m != null && isBindMount(m) && m.hostPath() != null && m.hostPath().startsWith("/")) {
        String field = at + ".mounts[" + i + "].hostPath";
        if (!exists(m.hostPath())) {
          out.add(new Problem(field, "mount source " + m.hostPath() + " does not exist"));
        }
      }
    }
    List<Hook> hooks = edits.hooks() == null ? List.of() : edits.hooks();
    for (int i = 0; i < hooks.size(); i++) {
      Hook h = hooks.get(i);
      if (h == null || h.path() == null) {
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
    String host = n.hostPath() != null && !n.hostPath().isEmpty() ? n.hostPath() : n.path();
    if (host == null) {
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
    String type = n.type() == null || n.type().isEmpty() ? null : n.type().equals("u") ? "c" : n.type();
    if (type != null && !type.equals(d.type())) {
      out.add(new Problem(field, "device node " + host + " is of type " + d.type() + " on the host, " + n.type() + " in the spec"));
      return;
    }
    if (d.type().equals("p")) {
      return; // a FIFO has no numbers
    }
    boolean majorMoved = n.major() != null && n.major() != d.major();
    boolean minorMoved = n.minor() != null && n.minor() != d.minor();
    if (majorMoved || minorMoved) {
      out.add(new Problem(field, "device node " + host + " is " + d.major() + ":" + d.minor() + " on the host, "
          + (n.major() == null ? "?" : n.major()) + ":" + (n.minor() == null ? "?" : n.minor()) + " in the spec ("
          + (majorMoved ? "major " + n.major() + " moved to " + d.major() : "")
          + (majorMoved && minorMoved ? ", " : "")
          + (minorMoved ? "minor " + n.minor() + " moved to " + d.minor() : "") + ")"));
    }
  }

  private static final Set<String> BIND_TYPES = Set.of("bind", "rbind", "none");

  private static boolean isBindMount(Mount m) {
    if (m.type() == null || m.type().isEmpty() || BIND_TYPES.contains(m.type())) {
      return true;
    }
    return m.options() != null && (m.options().contains("bind") || m.options().contains("rbind"));
  }

  private static boolean exists(String path) {
    try {
      return Files.exists(Path.of(path));
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
