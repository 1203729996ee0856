package dev.jcdi.spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The two formats a CDI spec file may have, chosen by the file's extension. */
public enum SpecFormat {
  /** JSON, in files named {@code *.json}. */
  JSON(".json"),
  /** YAML, in files named {@code *.yaml} (or any other name when a file is named explicitly). */
  YAML(".yaml");

  private final String extension;

  SpecFormat(String extension) {
    this.extension = extension;
  }

  /** {@return the extension, with its dot: {@code .json} or {@code .yaml}} */
  public String extension() {
    return extension;
  }

  /**
   * {@return the format of a spec file name as a registry sees it: {@code .json} or {@code .yaml},
   * exactly (the reference ignores {@code .yml} and any other name), or empty}
   *
   * @param fileName a file name, without directory
   */
  public static Optional<SpecFormat> ofSpecFileName(String fileName) {
    if (fileName.endsWith(".json")) {
      return Optional.of(JSON);
    }
    if (fileName.endsWith(".yaml")) {
      return Optional.of(YAML);
    }
    return Optional.empty();
  }

  /**
   * {@return the format to parse {@code file} with when it is named explicitly: JSON for {@code
   * .json}, YAML for anything else ({@code .yaml}, {@code .yml}, no extension)}
   *
   * @param file the file
   */
  public static SpecFormat forPath(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
  }
}
