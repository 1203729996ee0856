package dev.jcdi.cli;

import dev.jcdi.runtime.OciConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.UUID;
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
    return config.equals("-") ? OciConfig.parse(stdin.readAllBytes()) : OciConfig.read(Path.of(config));
  }

  void write(OciConfig result, String config, java.io.PrintWriter out) throws IOException {
    if (inPlace) {
      writeAtomically(Path.of(config), result.toJsonBytes());
    } else if (outputFile != null) {
      writeAtomically(outputFile, result.toJsonBytes());
    } else {
      out.print(result.toJson());
      out.flush();
    }
  }

  /** Writes a temp file next to {@code target}, syncs it and renames it into place, keeping the mode. */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = dir.resolve("." + abs.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Set<PosixFilePermission> mode =
          Files.exists(abs) ? Files.getPosixFilePermissions(abs) : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
      Files.setPosixFilePermissions(tmp, mode);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
