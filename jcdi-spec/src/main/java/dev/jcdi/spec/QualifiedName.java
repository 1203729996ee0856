package dev.jcdi.spec;

import java.util.Objects;

/**
 * A fully qualified CDI device name, {@code vendor/class=name}.
 *
 * @param vendor the vendor, e.g. {@code vendor.com}
 * @param className the device class, e.g. {@code gpu}
 * @param name the device name within its kind, e.g. {@code 0} or {@code all}
 */
public record QualifiedName(String vendor, String className, String name) {

  /**
   * Checks that vendor, class and device name are valid names.
   *
   * @param vendor the vendor, e.g. {@code vendor.com}
   * @param className the device class, e.g. {@code gpu}
   * @param name the device name within its kind, e.g. {@code 0} or {@code all}
   * @throws InvalidNameException naming the part that is wrong
   */
  public QualifiedName {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(name, "name");
    String whole = vendor + "/" + className + "=" + name;
    Names.vendorOrClassError("vendor", vendor)
        .ifPresent(m -> fail(InvalidNameException.Part.VENDOR, whole, m));
    Names.vendorOrClassError("class", className)
        .ifPresent(m -> fail(InvalidNameException.Part.CLASS, whole, m));
    Names.deviceNameError(name).ifPresent(m -> fail(InvalidNameException.Part.NAME, whole, m));
  }

  /**
   * {@return the qualified name of the given parts; throws {@link InvalidNameException}}
   *
   * @param vendor the vendor, e.g. {@code vendor.com}
   * @param className the class, e.g. {@code gpu}
   * @param name the device name
   */
  public static QualifiedName of(String vendor, String className, String name) {
    return new QualifiedName(vendor, className, name);
  }

  /**
   * Parses {@code vendor/class=name}: the kind ends at the first {@code =} and the vendor at the
   * first {@code /}. A string starting with {@code /} is a path, never a qualified name.
   *
   * @param device the text to parse
   * @return the qualified name
   * @throws InvalidNameException naming the part that is missing or wrong
   */
  public static QualifiedName parse(String device) {
    if (device == null || device.isEmpty()) {
      throw new InvalidNameException(
          InvalidNameException.Part.STRUCTURE, device, "invalid device name: empty");
    }
    String q = Names.quote(device);
    if (device.startsWith("/")) {
      throw new InvalidNameException(
          InvalidNameException.Part.STRUCTURE,
          device,
          "unqualified device " + q + ": a path, not vendor/class=name");
    }
    int eq = device.indexOf('=');
    if (eq < 0) {
      throw new InvalidNameException(
          InvalidNameException.Part.NAME, device, "unqualified device " + q + ": missing \"=name\"");
    }
    String kind = device.substring(0, eq);
    String name = device.substring(eq + 1);
    int slash = kind.indexOf('/');
    if (slash < 0) {
      throw new InvalidNameException(
          InvalidNameException.Part.VENDOR, device, "unqualified device " + q + ": missing vendor");
    }
    String vendor = kind.substring(0, slash);
    String cls = kind.substring(slash + 1);
    if (vendor.isEmpty()) {
      throw new InvalidNameException(
          InvalidNameException.Part.VENDOR, device, "unqualified device " + q + ": missing vendor");
    }
    if (cls.isEmpty()) {
      throw new InvalidNameException(
          InvalidNameException.Part.CLASS, device, "unqualified device " + q + ": missing class");
    }
    if (name.isEmpty()) {
      throw new InvalidNameException(
          InvalidNameException.Part.NAME, device, "unqualified device " + q + ": missing device name");
    }
    try {
      return new QualifiedName(vendor, cls, name);
    } catch (InvalidNameException e) {
      throw new InvalidNameException(e.part(), device, "invalid device " + q + ": " + e.getMessage());
    }
  }

  /**
   * {@return whether {@code device} parses as a valid qualified name}
   *
   * @param device the text to check
   */
  public static boolean isQualifiedName(String device) {
    try {
      parse(device);
      return true;
    } catch (InvalidNameException e) {
      return false;
    }
  }

  /**
   * {@return whether {@code name} is a valid device name (the part after {@code =})}
   *
   * @param name the text to check
   */
  public static boolean isValidDeviceName(String name) {
    return Names.deviceNameError(name).isEmpty();
  }

  /** {@return the kind, {@code vendor/class}} */
  public Kind kind() {
    return new Kind(vendor, className);
  }

  /** Returns {@code vendor/class=name}. */
  @Override
  public String toString() {
    return vendor + "/" + className + "=" + name;
  }

  private static void fail(InvalidNameException.Part part, String input, String message) {
    throw new InvalidNameException(part, input, message);
  }
}
