package dev.jcdi.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A mount added to the container. No component is ever {@code null}: absent options are empty, an
 * absent type is {@link Optional#empty()}, and the constructor reads a {@code null} argument as absent.
 *
 * @param hostPath the mount source on the host; required ({@code ""} when absent)
 * @param containerPath the mount destination in the container; required ({@code ""} when absent)
 * @param options OCI mount options
 * @param type the file-system type (CDI 0.4.0)
 */
public record Mount(String hostPath, String containerPath, List<String> options, Optional<String> type) {

  /**
   * Copies the options and reads {@code null} as absent.
   *
   * @param hostPath the mount source on the host; required ({@code ""} when absent)
   * @param containerPath the mount destination in the container; required ({@code ""} when absent)
   * @param options OCI mount options
   * @param type the file-system type (CDI 0.4.0)
   */
  public Mount {
    hostPath = Lists.text(hostPath);
    containerPath = Lists.text(containerPath);
    options = Lists.copy(options, "mount options");
    type = Lists.optional(type);
  }

  /**
   * Returns a mount of {@code hostPath} at {@code containerPath} with no type and no options.
   *
   * @param hostPath the source on the host
   * @param containerPath the destination in the container
   * @return a new mount
   */
  public static Mount of(String hostPath, String containerPath) {
    return new Mount(hostPath, containerPath, List.of(), Optional.empty());
  }

  /**
   * Returns a bind mount with the given options, e.g. {@code "ro", "nosuid"}. The option {@code
   * bind} is added unless {@code bind} or {@code rbind} is among them: the type alone does not make
   * runc bind-mount, the option does.
   *
   * @param hostPath the source on the host
   * @param containerPath the destination in the container
   * @param options OCI mount options
   * @return a new mount of type {@code bind}
   */
  public static Mount bind(String hostPath, String containerPath, String... options) {
    List<String> opts = new ArrayList<>(List.of(options));
    if (!opts.contains("bind") && !opts.contains("rbind")) {
      opts.add("bind");
    }
    return new Mount(hostPath, containerPath, opts, Optional.of("bind"));
  }
}
