package dev.jcdi.spec;

/**
 * A network interface moved from the host into the container (CDI 1.1.0).
 *
 * @param hostInterfaceName the interface name on the host; required ({@code ""} when absent)
 * @param name the interface name inside the container; required ({@code ""} when absent)
 */
public record NetDevice(String hostInterfaceName, String name) {

  /**
   * Reads {@code null} arguments as absent ({@code ""}).
   *
   * @param hostInterfaceName the interface name on the host; required ({@code ""} when absent)
   * @param name the interface name inside the container; required ({@code ""} when absent)
   */
  public NetDevice {
    hostInterfaceName = Lists.text(hostInterfaceName);
    name = Lists.text(name);
  }

  /**
   * {@return a net device moving {@code hostInterfaceName} into the container as {@code name}}
   *
   * @param hostInterfaceName the interface on the host
   * @param name the interface name in the container
   */
  public static NetDevice of(String hostInterfaceName, String name) {
    return new NetDevice(hostInterfaceName, name);
  }
}
