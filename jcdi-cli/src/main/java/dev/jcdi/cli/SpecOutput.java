package dev.jcdi.cli;

import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecDocument;
import dev.jcdi.spec.SpecFiles;
import dev.jcdi.spec.SpecFormat;
import dev.jcdi.spec.SpecParseException;
import dev.jcdi.spec.SpecReader;
import dev.jcdi.spec.SpecWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What the commands that print or rewrite a spec share: the format, and writing in place through the producer. */
final class SpecOutput {
  /** The formats a spec is printed in. */
  enum Format {
    YAML,
    JSON;

    SpecFormat specFormat() {
      return this == JSON ? SpecFormat.JSON : SpecFormat.YAML;
    }
  }

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      description = "Print the spec as yaml or json (default: the input's format; yaml for generated specs and stdin).")
  Format format;

  /** Returns the format to print a spec read from {@code source} ({@code null}: generated or stdin). */
  SpecFormat formatFor(Path source) {
    if (format != null) {
      return format.specFormat();
    }
    return source == null ? SpecFormat.YAML : SpecFormat.ofSpecFileName(source.getFileName().toString()).orElse(SpecFormat.YAML);
  }

  void print(Spec spec, Path source, PrintWriter out) {
    out.print(SpecWriter.write(spec, formatFor(source)));
    out.flush();
  }

  /**
   * Replaces {@code file} with {@code spec} through the producer: validated, atomically, mode 0644,
   * at the version the spec declares, never over another vendor's spec.
   */
  static Path writeInPlace(Path file, Spec spec) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    return SpecFiles.write(dir, spec, SpecFiles.WriteOptions.DEFAULT
        .withFileName(file.getFileName().toString())
        .withVersionPolicy(SpecFiles.VersionPolicy.KEEP));
  }

  /** Returns whether {@code file}'s name is one the producer writes in place unchanged (.json or .yaml). */
  static boolean writableName(Path file) {
    return file.getFileName() != null && SpecFormat.ofSpecFileName(file.getFileName().toString()).isPresent();
  }

  /** Reads a spec from {@code path}, or from {@code stdin} when it is {@code -} (JSON when it starts with '{', else YAML). */
  static SpecDocument read(String path, InputStream stdin) throws IOException {
    if (!path.equals("-")) {
      return SpecReader.standard().read(Path.of(path));
    }
    byte[] bytes = stdin.readAllBytes();
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    SpecFormat f = text.stripLeading().startsWith("{") ? SpecFormat.JSON : SpecFormat.YAML;
    return SpecReader.standard().parse(bytes, f, "<stdin>");
  }

  /** Prints why a spec could not be read, one problem a line, as {@code file:line:col: message}. */
  static void reportUnreadable(String command, String path, IOException e, PrintWriter err) {
    if (e instanceof SpecParseException p) {
      for (SpecParseException.Problem problem : p.problems()) {
        err.println(path + ":" + (problem.position() == null ? "1:1" : problem.position()) + ": " + problem.message());
      }
    } else {
      err.println("cdi " + command + ": " + path + ": " + dev.jcdi.spec.internal.IoMessages.reason(e));
    }
    err.flush();
  }
}
