package dev.jcdi.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Moves the paths of a spec from one root to another, for a driver installed under a root other
 * than the one its spec was written for (such as {@code /run/driver} instead of {@code /}), as
 * {@code nvidia-ctk cdi transform root} does. A path is under a root when it is the root or
 * continues it with {@code /}: {@code /run/driver} holds {@code /run/driver/lib}, not {@code
 * /run/driverx}.
 *
 * @param from the root the paths are under now; absolute
 * @param to the root to move them to; absolute
 * @param containerPaths whether container paths (device node and mount destinations) move too;
 *     else only host paths (device node {@code hostPath}, mount {@code hostPath}, hook {@code path})
 */
public record RootTransform(String from, String to, boolean containerPaths) {

  public RootTransform {
    from = root(from, "from");
    to = root(to, "to");
  }

  private static String root(String dir, String name) {
    Objects.requireNonNull(dir, name);
    if (!dir.startsWith("/")) {
      throw new IllegalArgumentException("invalid root " + Names.quote(dir) + " (" + name + "): must be an absolute path");
    }
    String d = dir;
    while (d.length() > 1 && d.endsWith("/")) {
      d = d.substring(0, d.length() - 1);
    }
    return d;
  }

  /** Returns {@code path} moved from {@link #from} to {@link #to}, or unchanged when it is not under {@code from}. */
  public String apply(String path) {
    if (path == null) {
      return null;
    }
    String rest;
    if (from.equals("/")) {
      if (!path.startsWith("/")) {
        return path;
      }
      rest = path;
    } else if (path.equals(from)) {
      rest = "";
    } else if (path.startsWith(from + "/")) {
      rest = path.substring(from.length());
    } else {
      return path;
    }
    if (to.equals("/")) {
      return rest.isEmpty() ? "/" : rest;
    }
    return to + rest;
  }

  /**
   * Returns {@code spec} with its paths moved. A device node whose host path moves while its
   * container path stays gets an explicit {@code hostPath}, so the spec may need a higher version
   * ({@link SpecVersion#minimumRequired}); the declared version is left for the caller to settle.
   */
  public Spec applyTo(Spec spec) {
    List<Device> devices = null;
    if (spec.devices() != null) {
      devices = new ArrayList<>();
      for (Device d : spec.devices()) {
        devices.add(d == null ? null : new Device(d.name(), d.annotations(), edits(d.containerEdits())));
      }
    }
    return new Spec(spec.cdiVersion(), spec.kind(), spec.annotations(), devices, edits(spec.containerEdits()));
  }

  private ContainerEdits edits(ContainerEdits e) {
    if (e == null) {
      return null;
    }
    List<DeviceNode> nodes = null;
    if (e.deviceNodes() != null) {
      nodes = new ArrayList<>();
      for (DeviceNode n : e.deviceNodes()) {
        nodes.add(n == null ? null : node(n));
      }
    }
    List<Mount> mounts = null;
    if (e.mounts() != null) {
      mounts = new ArrayList<>();
      for (Mount m : e.mounts()) {
        mounts.add(m == null ? null : new Mount(apply(m.hostPath()), containerPaths ? apply(m.containerPath()) : m.containerPath(), m.options(), m.type()));
      }
    }
    List<Hook> hooks = null;
    if (e.hooks() != null) {
      hooks = new ArrayList<>();
      for (Hook h : e.hooks()) {
        hooks.add(h == null ? null : new Hook(h.hookName(), apply(h.path()), h.args(), h.env(), h.timeout()));
      }
    }
    return new ContainerEdits(e.env(), nodes, e.netDevices(), hooks, mounts, e.intelRdt(), e.additionalGids());
  }

  private DeviceNode node(DeviceNode n) {
    boolean explicitHost = n.hostPath() != null && !n.hostPath().isEmpty();
    String host = explicitHost ? n.hostPath() : n.path();
    String newHost = apply(host);
    String newPath = containerPaths ? apply(n.path()) : n.path();
    String hostPath;
    if (explicitHost) {
      hostPath = newHost;
    } else if (newHost != null && !newHost.equals(newPath)) {
      hostPath = newHost; // the node now lives elsewhere on the host than in the container
    } else {
      hostPath = n.hostPath();
    }
    return new DeviceNode(newPath, hostPath, n.type(), n.major(), n.minor(), n.fileMode(), n.permissions(), n.uid(), n.gid());
  }
}
