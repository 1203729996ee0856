package dev.jcdi.runtime.internal;

import dev.jcdi.runtime.RegisteredDevice;
import dev.jcdi.runtime.RegisteredSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One spec file as the registry last read it: its stamp and content digest (to tell whether it
 * changed), and what it contributes: a loaded spec with its devices, or errors.
 */
final class CachedSpecFile {
  final Path path;
  /** {@code null} when the file could not even be examined; such an entry is re-examined every time. */
  final FileStamp stamp;
  /** The wall-clock time just before the stamp was read. */
  final long capturedAt;
  /** SHA-256 of the content read, or {@code null} when nothing was read. */
  final byte[] digest;
  /** The loaded spec, or {@code null} when the file has errors. */
  final RegisteredSpec spec;
  /** The spec's devices, in the spec's order, each with its qualified name. */
  final List<RegisteredDevice> devices;
  /** Why the file contributes nothing; empty when it loaded. */
  final List<String> errors;
  /** What validation warned of when the content was parsed; logged again when restored from a {@link SpecStore}. */
  final List<Warning> warnings;
  /**
   * What a {@link SpecStore} keeps of this entry apart from its stamp (digest, errors, warnings,
   * spec), as the store encoded it, when the entry was restored from one; else {@code null}, and
   * a store encodes it when it writes: restored content is written back without encoding it again.
   */
  final SpecStore.Payload payload;

  /** One validation warning: where, and what (the field and the message). */
  record Warning(String location, String text) {}

  CachedSpecFile(
      Path path,
      FileStamp stamp,
      long capturedAt,
      byte[] digest,
      RegisteredSpec spec,
      List<RegisteredDevice> devices,
      List<String> errors) {
    this(path, stamp, capturedAt, digest, spec, devices, errors, List.of(), null);
  }

  CachedSpecFile(
      Path path,
      FileStamp stamp,
      long capturedAt,
      byte[] digest,
      RegisteredSpec spec,
      List<RegisteredDevice> devices,
      List<String> errors,
      List<Warning> warnings,
      SpecStore.Payload payload) {
    this.path = path;
    this.stamp = stamp;
    this.capturedAt = capturedAt;
    this.digest = digest;
    this.spec = spec;
    this.devices = List.copyOf(devices);
    this.errors = List.copyOf(errors);
    this.warnings = List.copyOf(warnings);
    this.payload = payload;
  }

  static CachedSpecFile failed(Path path, FileStamp stamp, long capturedAt, byte[] digest, List<String> errors) {
    return new CachedSpecFile(path, stamp, capturedAt, digest, null, List.of(), errors);
  }

  /** Returns whether this entry can be kept for a file now stamped {@code now} without reading it. */
  boolean unchangedBy(FileStamp now) {
    return stamp != null && stamp.equals(now) && !stamp.racy(capturedAt);
  }

  /** Returns whether {@code content} has the digest of the content this entry was made from. */
  boolean sameContent(byte[] otherDigest) {
    return digest != null && Arrays.equals(digest, otherDigest);
  }

  /** Returns this entry, same content, under a newer stamp. */
  CachedSpecFile restamped(FileStamp newStamp, long newCapturedAt) {
    return new CachedSpecFile(path, newStamp, newCapturedAt, digest, spec, devices, errors, warnings, payload);
  }

  /** Returns whether a {@link SpecStore} can keep this entry: its content was read and its stamp can be written. */
  boolean storable() {
    return stamp != null && digest != null && stamp.fileKey() instanceof FileStamp.Inode;
  }
}
