package dev.jcdi.runtime;

import dev.jcdi.spec.Spec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A valid spec file loaded into a {@link Registry}.
 *
 * @param path the spec file, as the spec directory and the file name joined
 * @param priority the index of its spec directory: a higher priority wins over a lower one
 * @param spec the spec read from the file
 * @param vendor the vendor of its kind, e.g. {@code vendor.com}
 * @param className the class of its kind, e.g. {@code gpu}
 */
public record RegisteredSpec(Path path, int priority, Spec spec, String vendor, String className) {

  /**
   * Checks that no component is {@code null}.
   *
   * @param path the spec file, as the spec directory and the file name joined
   * @param priority the index of its spec directory: a higher priority wins over a lower one
   * @param spec the spec read from the file
   * @param vendor the vendor of its kind, e.g. {@code vendor.com}
   * @param className the class of its kind, e.g. {@code gpu}
   */
  public RegisteredSpec {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(className, "className");
  }

  /** {@return the kind, {@code vendor/class}} */
  public String kind() {
    return vendor + "/" + className;
  }
}
