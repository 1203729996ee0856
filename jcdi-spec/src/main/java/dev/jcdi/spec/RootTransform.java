package dev.jcdi.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

  /**
   * Checks and normalises the roots.
   *
   * @param from the root the paths are under now; absolute
   * @param to the root to move them to; absolute
   * @param containerPaths whether container paths (device node and mount destinations) move too;
   *     else only host paths (device node {@code hostPath}, mount {@code hostPath}, hook {@code path})
   */
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

  /**
   * Returns {@code path} moved from {@link #from} to {@link #to}, or unchanged when it is not under {@code from}.
   *
   * @param path a path
   * @return the moved path
   */
  public String apply(String path) {
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
   *
   * @param spec the spec
   * @return the spec with its paths under {@link #from} moved to {@link #to}
   */
  public Spec applyTo(Spec spec) {
    List<Device> devices = new ArrayList<>();
    for (Device d : spec.devices()) {
      devices.add(new Device(d.name(), d.annotations(), edits(d.containerEdits())));
    }
    return new Spec(spec.cdiVersion(), spec.kind(), spec.annotations(), devices, edits(spec.containerEdits()));
  }

  private ContainerEdits edits(ContainerEdits e) {
    List<DeviceNode> nodes = new ArrayList<>();
    for (DeviceNode n : e.deviceNodes()) {
      nodes.add(node(n));
    }
    List<Mount> mounts = new ArrayList<>();
    for (Mount m : e.mounts()) {
      mounts.add(new Mount(apply(m.hostPath()), containerPaths ? apply(m.containerPath()) : m.containerPath(), m.options(), m.type()));
    }
    List<Hook> hooks = new ArrayList<>();
    for (Hook h : e.hooks()) {
      hooks.add(new Hook(h.hookName(), apply(h.path()), h.args(), h.env(), h.timeout()));
    }
    return new ContainerEdits(e.env(), nodes, e.netDevices(), hooks, mounts, e.intelRdt(), e.additionalGids());
  }

  private DeviceNode node(DeviceNode n) {
    boolean explicitHost = n.hostPath().filter(h -> !h.isEmpty()).isPresent();
    String host = explicitHost ? n.hostPath().get() : n.path();
    String newHost = apply(host);
    String newPath = containerPaths ? apply(n.path()) : n.path();
    Optional<String> hostPath;
    if (explicitHost) {
      hostPath = Optional.of(newHost);
    } else if (!newHost.equals(newPath)) {
      hostPath = Optional.of(newHost); // the node now lives elsewhere on the host than in the container
    } else {
      hostPath = n.hostPath();
    }
    return new DeviceNode(newPath, hostPath, n.type(), n.major(), n.minor(), n.fileMode(), n.permissions(), n.uid(), n.gid());
  }
}
