package dev.jcdi.runtime;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The device classes people most often write specs for, each as the node patterns that find its
 * devices on a host (relative to the device root) and a default kind. Symbolic links among the
 * matches (PCI-address and by-id names) become devices of their own, named after the link.
 */
public enum DevicePreset {
  /** DRM (GPU) nodes: card*, renderD* and their PCI-address names. */
  DRI("jcdi.dev/dri", "dev/dri/card*", "dev/dri/renderD*", "dev/dri/by-path/*"),
  /** AMD compute: the KFD node and the render nodes. */
  KFD("jcdi.dev/kfd", "dev/kfd", "dev/dri/renderD*"),
  /** RDMA: verbs, connection manager and MAD nodes. */
  RDMA("jcdi.dev/rdma", "dev/infiniband/uverbs*", "dev/infiniband/rdma_cm", "dev/infiniband/umad*"),
  /** VFIO: the container node, IOMMU groups and iommufd device nodes. */
  VFIO("jcdi.dev/vfio", "dev/vfio/vfio", "dev/vfio/[0-9]*", "dev/vfio/devices/vfio*"),
  /** KVM. */
  KVM("jcdi.dev/kvm", "dev/kvm"),
  /** FUSE. */
  FUSE("jcdi.dev/fuse", "dev/fuse"),
  /** TUN/TAP. */
  TUN("jcdi.dev/tun", "dev/net/tun"),
  /** ALSA sound nodes. */
  SND("jcdi.dev/snd", "dev/snd/*"),
  /** Video4Linux nodes. */
  VIDEO("jcdi.dev/video", "dev/video*", "dev/media*", "dev/v4l-subdev*"),
  /** Compute accelerators of the Linux accel subsystem. */
  ACCEL("jcdi.dev/accel", "dev/accel/accel*"),
  /** Raw HID nodes. */
  HIDRAW("jcdi.dev/hidraw", "dev/hidraw*"),
  /** USB serial adapters, with their stable by-id names where udev made them. */
  SERIAL("jcdi.dev/serial", "dev/ttyUSB*", "dev/ttyACM*", "dev/serial/by-id/*");

  private final String kind;
  private final List<String> patterns;

  DevicePreset(String kind, String... patterns) {
    this.kind = kind;
    this.patterns = List.of(patterns);
  }

  /** {@return the kind a spec of this preset has unless told otherwise, e.g. {@code jcdi.dev/dri}} */
  public String defaultKind() {
    return kind;
  }

  /** {@return the node patterns, relative to the device root, in the order devices are listed} */
  public List<String> patterns() {
    return patterns;
  }

  /** {@return the preset's name as a user types it, e.g. {@code dri}} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * {@return the preset named {@code name} (any case), if there is one}
   *
   * @param name the preset's name
   */
  public static Optional<DevicePreset> find(String name) {
    for (DevicePreset p : values()) {
      if (p.label().equalsIgnoreCase(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
