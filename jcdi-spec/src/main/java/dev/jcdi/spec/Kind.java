package dev.jcdi.spec;

import java.util.Objects;

/**
 * A device kind, {@code vendor/class}: the vendor (usually a domain) and the device class.
 *
 * <p>A class containing {@code .} is only valid in specs of version 0.6.0 or later; {@link
 * SpecVersion#minimumRequired} accounts for that.
 *
 * @param vendor the vendor, e.g. {@code vendor.com}
 * @param className the class, e.g. {@code gpu}
 */
public record Kind(String vendor, String className) {

  /**
   * Checks that the vendor and the class are valid names.
   *
   * @param vendor the vendor, e.g. {@code vendor.com}
   * @param className the class, e.g. {@code gpu}
   * @throws InvalidNameException naming the part that is wrong
   */
  public Kind {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(className, "className");
    java.util.Optional<String> vendorError = Names.vendorOrClassError("vendor", vendor);
    if (vendorError.isPresent()) {
      fail(InvalidNameException.Part.VENDOR, vendor + "/" + className, vendorError.get());
    }
    java.util.Optional<String> classError = Names.vendorOrClassError("class", className);
    if (classError.isPresent()) {
      fail(InvalidNameException.Part.CLASS, vendor + "/" + className, classError.get());
    }
  }

  /**
   * {@return the kind with the given vendor and class; throws {@link InvalidNameException}}
   *
   * @param vendor the vendor, e.g. {@code vendor.com}
   * @param className the class, e.g. {@code gpu}
   */
  public static Kind of(String vendor, String className) {
    return new Kind(vendor, className);
  }

  /**
   * Parses {@code vendor/class}, split at the first {@code /}.
   *
   * @param kind the text to parse
   * @return the kind
   * @throws InvalidNameException naming the part that is missing or wrong
   */
  public static Kind parse(String kind) {
    if (kind == null || kind.isEmpty()) {
      throw new InvalidNameException(InvalidNameException.Part.STRUCTURE, kind, "invalid kind: empty");
    }
    int slash = kind.indexOf('/');
    if (slash < 0) {
      throw new InvalidNameException(
          InvalidNameException.Part.VENDOR,
          kind,
          "invalid kind " + Names.quote(kind) + ": missing vendor (expected vendor/class)");
    }
    String vendor = kind.substring(0, slash);
    String cls = kind.substring(slash + 1);
    if (vendor.isEmpty()) {
      throw new InvalidNameException(
          InvalidNameException.Part.VENDOR, kind, "invalid kind " + Names.quote(kind) + ": missing vendor");
    }
    if (cls.isEmpty()) {
      throw new InvalidNameException(
          InvalidNameException.Part.CLASS, kind, "invalid kind " + Names.quote(kind) + ": missing class");
    }
    return new Kind(vendor, cls);
  }

  /**
   * {@return whether {@code kind} parses as a valid kind}
   *
   * @param kind the text to check
   */
  public static boolean isValid(String kind) {
    try {
      parse(kind);
      return true;
    } catch (InvalidNameException e) {
      return false;
    }
  }

  /**
   * {@return the qualified name of the device {@code name} of this kind}
   *
   * @param name the device name, the part after {@code =}
   * @throws InvalidNameException when {@code name} is not a valid device name
   */
  public QualifiedName device(String name) {
    return QualifiedName.of(vendor, className, name);
  }

  /** Returns {@code vendor/class}. */
  @Override
  public String toString() {
    return vendor + "/" + className;
  }

  private static void fail(InvalidNameException.Part part, String input, String message) {
    throw new InvalidNameException(part, input, message);
  }
}
