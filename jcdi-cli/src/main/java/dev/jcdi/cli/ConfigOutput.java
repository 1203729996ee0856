package dev.jcdi.cli;

import dev.jcdi.oci.OciConfig;
import dev.jcdi.spec.internal.AtomicFiles;
import dev.jcdi.spec.internal.IoMessages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where a command that edits an OCI config reads it from and writes the result to. */
final class ConfigOutput {
  @Option(names = {"-o", "--output-file"}, paramLabel = "FILE", description = "Write the config to FILE instead of stdout.")
  Path outputFile;

  @Option(names = "--in-place", description = "Replace CONFIG with the result, atomically.")
  boolean inPlace;

  void check(CommandLine cl, String config) {
    if (inPlace && outputFile != null) {
      throw new CommandLine.ParameterException(cl, "--in-place and -o are mutually exclusive");
    }
    if (inPlace && config.equals("-")) {
      throw new CommandLine.ParameterException(cl, "--in-place needs a CONFIG file, not stdin");
    }
  }

  static OciConfig read(String config, InputStream stdin) throws IOException {
    return config.equals("-") ? OciConfig.read(stdin, "<stdin>") : OciConfig.read(Path.of(config));
  }

  void write(OciConfig result, String config, java.io.PrintWriter out) throws IOException {
    Path target = inPlace ? Path.of(config) : outputFile;
    if (target != null) {
      try {
        // A link is written through, as an editor saves a linked file; a device or FIFO is written
        // into; a replaced file keeps its mode, owner and group (AtomicFiles).
        AtomicFiles.write(target, result.toJsonBytes(), PosixFilePermissions.fromString("rw-r--r--"),
            AtomicFiles.Existing.REPLACE_KEEPING_MODE);
      } catch (IOException e) {
        throw new IOException("cannot write " + target + ": " + IoMessages.reason(e), e);
      }
    } else {
      out.print(result.toJson());
      out.flush();
    }
  }
}
