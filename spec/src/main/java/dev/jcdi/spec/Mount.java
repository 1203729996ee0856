package dev.jcdi.spec;

import java.util.List;

/**
 * A mount added to the container. Absent optional fields are {@code null}.
 *
 * @param hostPath the mount source on the host; required
 * @param containerPath the mount destination in the container; required
 * @param options OCI mount options, or {@code null}
 * @param type the file-system type (CDI 0.4.0), or {@code null}
 */
public record Mount(String hostPath, String containerPath, List<String> options, String type) {

  public Mount {
    options = Lists.copy(options, "mount options");
  }

  /** Returns a mount of {@code hostPath} at {@code containerPath} with no type and no options. */
  public static Mount of(String hostPath, String containerPath) {
    return new Mount(hostPath, containerPath, null, null);
  }

  /**
   * Returns a bind mount with the given options, e.g. {@code "ro", "nosuid"}, and {@code "bind"}
   * appended unless {@code "bind"} or {@code "rbind"} is among them: runc performs a bind mount only
   * when an option asks for it, whatever the type says.
   */
  public static Mount bind(String hostPath, String containerPath, String... options) {
    List<String> opts = new java.util.ArrayList<>(List.of(options));
    if (!opts.contains("bind") && !opts.contains("rbind")) {
      opts.add("bind");
    }
    return new Mount(hostPath, containerPath, opts, "bind");
  }
}
