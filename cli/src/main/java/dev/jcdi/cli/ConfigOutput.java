package dev.jcdi.cli;

import dev.jcdi.oci.OciConfig;
import dev.jcdi.spec.internal.AtomicFiles;
import dev.jcdi.spec.internal.IoMessages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
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
      // A link is written through, as an editor saves a linked file: the link stays, its target changes.
      Path real = target;
      // a dangling link too: its target is created; a loop of links fails in the write (ELOOP)
      for (int hops = 0; hops < 40 && Files.isSymbolicLink(real); hops++) {
        real = real.toAbsolutePath().getParent().resolve(Files.readSymbolicLink(real));
      }
      try {
        writeAtomically(real, result.toJsonBytes());
      } catch (IOException e) {
        throw new IOException("cannot write " + target + ": " + IoMessages.reason(e), e);
      }
    } else {
      out.print(result.toJson());
      out.flush();
    }
  }

  /** Replaces {@code target} atomically, keeping its mode (0644 for a new file). */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Set<PosixFilePermission> mode =
        Files.exists(target) ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--");
    AtomicFiles.write(target, bytes, mode, true);
  }
}
