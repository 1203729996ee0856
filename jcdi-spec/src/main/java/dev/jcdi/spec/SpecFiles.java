package dev.jcdi.spec;

import dev.jcdi.spec.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The producer side: writes spec files into a spec directory safely and removes them. A write
 * validates the spec, stamps the lowest version that fits (unless told otherwise), writes a temp
 * file in the same directory, syncs it, and renames it into place, so a registry never sees a
 * half-written spec. Nothing is left behind when a write fails.
 */
public final class SpecFiles {
  /** The logger, looked up when first used: finding the logger finder costs a cold process ~10 ms. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(SpecFiles.class.getName());
  }

  private SpecFiles() {}

  /** What version a written spec declares. */
  public enum VersionPolicy {
    /** The lowest version whose fields the spec uses, so older consumers accept it (the default). */
    MINIMUM,
    /** The version the spec already declares, which must still be at least its minimum. */
    KEEP
  }

  /**
   * How to write a spec file.
   *
   * @param fileName the file name in the directory, or empty for {@link #specName}; {@code .yaml}
   *     is appended when it ends in neither {@code .json} nor {@code .yaml}
   * @param versionPolicy what version to declare
   * @param permissions the file mode, {@code rw-r--r--} by default
   * @param overwrite whether an existing file may be replaced; a file that belongs to another
   *     vendor's kind is never replaced
   */
  public record WriteOptions(
      Optional<String> fileName, VersionPolicy versionPolicy, Set<PosixFilePermission> permissions, boolean overwrite) {

    /** Default options: name from the kind, minimum version, mode 0644, overwrite the same vendor's file. */
    public static final WriteOptions DEFAULT =
        new WriteOptions(Optional.empty(), VersionPolicy.MINIMUM, PosixFilePermissions.fromString("rw-r--r--"), true);

    /**
     * Checks the file name and copies the permissions.
     *
     * @param fileName the file name in the directory, or empty for {@link #specName}; {@code .yaml}
     *     is appended when it ends in neither {@code .json} nor {@code .yaml}
     * @param versionPolicy what version to declare
     * @param permissions the file mode, {@code rw-r--r--} by default
     * @param overwrite whether an existing file may be replaced; a file that belongs to another
     *     vendor's kind is never replaced
     */
    public WriteOptions {
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(versionPolicy, "versionPolicy");
      permissions = Set.copyOf(Objects.requireNonNull(permissions, "permissions"));
      fileName.ifPresent(SpecFiles::checkFileName);
    }

    /**
     * Returns these options writing to the file {@code name}.
     *
     * @param name a plain file name, e.g. {@code vendor.com-gpu.yaml}
     * @return new options
     * @throws IllegalArgumentException if {@code name} is not a plain file name, or is only an
     *     extension such as {@code .yaml}
     */
    public WriteOptions withFileName(String name) {
      return new WriteOptions(Optional.of(name), versionPolicy, permissions, overwrite);
    }

    /**
     * {@return these options with the given version policy}
     *
     * @param policy how to choose the version written
     */
    public WriteOptions withVersionPolicy(VersionPolicy policy) {
      return new WriteOptions(fileName, policy, permissions, overwrite);
    }

    /**
     * {@return these options with the given file mode, e.g. {@code "rw-------"}}
     *
     * @param mode the file mode, as {@link java.nio.file.attribute.PosixFilePermissions#fromString} reads it
     */
    public WriteOptions withPermissions(String mode) {
      return new WriteOptions(fileName, versionPolicy, PosixFilePermissions.fromString(mode), overwrite);
    }

    /**
     * {@return these options allowing or refusing to replace an existing file}
     *
     * @param allow whether an existing file may be replaced
     */
    public WriteOptions withOverwrite(boolean allow) {
      return new WriteOptions(fileName, versionPolicy, permissions, allow);
    }
  }

  /**
   * Writes {@code spec} into {@code dir} with the default options.
   *
   * @param dir the spec directory; created when missing
   * @param spec the spec to write
   * @return the file written
   * @throws InvalidSpecException when the spec is invalid
   * @throws SpecWriteException when the file may not be written
   * @throws IOException when writing fails
   */
  public static Path write(Path dir, Spec spec) throws IOException {
    return write(dir, spec, WriteOptions.DEFAULT);
  }

  /**
   * Writes {@code spec} into {@code dir} atomically (temp file in {@code dir}, fsync, rename).
   *
   * @param dir the spec directory; created when missing
   * @param spec the spec to write
   * @param options the file name, version policy, permissions and whether to overwrite
   * @return the file written
   * @throws InvalidSpecException when the spec is invalid; nothing is written
   * @throws SpecWriteException when the target exists and may not be replaced
   * @throws IOException when writing fails; no temp file is left behind
   */
  public static Path write(Path dir, Spec spec, WriteOptions options) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    Spec toWrite = spec;
    if (options.versionPolicy() == VersionPolicy.MINIMUM) {
      toWrite = spec.withVersion(SpecVersion.minimumRequired(spec));
    }
    String name = options.fileName().orElse(null);
    if (name == null && Kind.isValid(spec.kind())) {
      name = specName(spec);
    }
    // Without a valid kind there is no conventional name: the violation is reported against the directory.
    String source = name == null ? dir.toString() : dir.resolve(withExtension(name)).toString();
    for (Violation w : SpecValidator.requireValid(toWrite, source)) {
      Log.LOG.log(System.Logger.Level.WARNING, "{0}: {1}", source, w);
    }
    Path target = dir.resolve(withExtension(name == null ? specName(spec) : name));
    SpecFormat format = SpecFormat.ofSpecFileName(target.getFileName().toString()).orElse(SpecFormat.YAML);
    byte[] bytes = SpecWriter.writeBytes(toWrite, format);

    Files.createDirectories(dir);
    if (Files.isDirectory(target)) {
      throw new SpecWriteException(target, "is a directory");
    }
    checkOwner(target, toWrite, options.overwrite());

    AtomicFiles.Existing existing = options.overwrite() ? AtomicFiles.Existing.REPLACE : AtomicFiles.Existing.KEEP;
    if (!AtomicFiles.write(target, bytes, options.permissions(), existing)) {
      throw new SpecWriteException(target, "already exists and overwriting was not allowed");
    }
    return target;
  }

  /**
   * Removes the spec file {@code name} from {@code dir} ({@code .yaml} is appended as for {@link
   * #write}). A file that is already gone is success.
   *
   * @param dir the spec directory
   * @param name the file name, with or without extension
   * @return whether a file was removed
   * @throws IllegalArgumentException when {@code name} is not a plain file name
   * @throws SpecWriteException when {@code name} is a directory
   */
  public static boolean remove(Path dir, String name) throws IOException {
    checkFileName(name);
    Path target = dir.resolve(withExtension(name));
    if (Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new SpecWriteException(target, "is a directory, not a spec file");
    }
    try {
      Files.delete(target);
      AtomicFiles.syncDirectory(dir);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /**
   * {@return {@code name} with {@code .yaml} appended unless it ends in {@code .json} or {@code
   * .yaml} (so {@code z.yml} becomes {@code z.yml.yaml}, as the reference does)}
   *
   * @param name a file name
   */
  public static String withExtension(String name) {
    return SpecFormat.ofSpecFileName(name).isPresent() ? name : name + SpecFormat.YAML.extension();
  }

  /**
   * {@return the conventional file name (no extension) for specs of {@code kind}: {@code vendor-class}}
   *
   * @param kind the kind
   */
  public static String specName(Kind kind) {
    return kind.vendor() + "-" + kind.className();
  }

  /**
   * {@return {@link #specName(Kind)} for the kind of {@code spec}; throws {@link InvalidNameException}}
   *
   * @param spec the spec
   */
  public static String specName(Spec spec) {
    return specName(Kind.parse(spec.kind()));
  }

  /**
   * {@return the file name (no extension) of a transient spec of {@code kind}, such as one a DRA
   * driver writes per claim: {@code vendor-class_id}, each {@code /} of the id replaced by {@code _}}
   *
   * @param kind the kind
   * @param transientId the id, e.g. a claim's UID
   */
  public static String transientSpecName(Kind kind, String transientId) {
    Objects.requireNonNull(transientId, "transientId");
    // An empty id gives "vendor-class_", as the reference's GenerateTransientSpecName does.
    return specName(kind) + "_" + transientId.replace('/', '_');
  }

  /**
   * {@return a transient spec file name for {@code kind} that no other call returns}
   *
   * @param kind the kind
   */
  public static String uniqueTransientSpecName(Kind kind) {
    return transientSpecName(kind, UUID.randomUUID().toString());
  }

  /** A spec file name names a file in the spec directory itself: no path, no {@code .} or {@code ..}. */
  private static void checkFileName(String fileName) {
    Objects.requireNonNull(fileName, "fileName");
    if (fileName.isEmpty() || fileName.contains("/") || fileName.equals(".") || fileName.equals("..")) {
      throw new IllegalArgumentException("invalid spec file name " + Names.quote(fileName) + ": must be a plain file name");
    }
    if (fileName.equals(".json") || fileName.equals(".yaml")) {
      // a name that is only an extension would be a hidden file with no name at all
      throw new IllegalArgumentException("invalid spec file name " + Names.quote(fileName) + ": a name is needed before the extension");
    }
  }

  private static void checkOwner(Path target, Spec spec, boolean overwrite) throws IOException {
    if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!overwrite) {
      throw new SpecWriteException(target, "already exists and overwriting was not allowed");
    }
    if (!Files.isRegularFile(target)) {
      return; // a device or FIFO has no vendor (and reading one may block); the write decides what to do
    }
    String vendor = Kind.parse(spec.kind()).vendor();
    try {
      Spec existing = SpecReader.standard().read(target).spec();
      // a file without a kind names no vendor to protect
      String other = existing.kind().isEmpty() ? null : existing.kind().split("/", 2)[0];
      if (other != null && !other.equals(vendor)) {
        throw new SpecWriteException(
            target, "belongs to vendor " + Names.quote(other) + ", refusing to overwrite it with a spec of vendor " + Names.quote(vendor));
      }
    } catch (SpecParseException e) {
      // An unreadable file has no owner to protect: replacing it is how a producer repairs it.
      Log.LOG.log(System.Logger.Level.DEBUG, "replacing unreadable spec file {0}", target);
    }
  }
}
