package dev.jcdi.runtime.internal;

import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecReader;
import dev.jcdi.spec.SpecValidator;
import dev.jcdi.spec.internal.BinaryIn;
import dev.jcdi.spec.internal.BinaryOut;
import dev.jcdi.spec.internal.SpecCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed spec files of earlier processes, kept in one file, so that a short-lived process (a
 * {@code cdi devices}) parses only the spec files that changed since one of them last wrote it.
 *
 * <p>An entry is what the registry's in-memory cache holds of a file (its stamp, the digest of its
 * content, its errors and warnings, its spec), and is used by the same rules: it stands for the
 * file without reading it only while the file's stamp is equal and old enough to be trusted
 * ({@link FileStamp#racy}); else the file is read, and its spec is reused only if its content has
 * the same digest. So the store never changes what a registry sees, only how much it parses.
 *
 * <p>A file that feeds container configurations is trusted only as far as whoever can write it:
 * the store reads and writes its file only when that file and its directory are owned by the user
 * the process runs as and writable by no one else, and the file is a regular file, not a link. It
 * creates a missing directory (mode 0700) only under a directory that user owns, so that {@code
 * sudo} with another user's {@code HOME} neither reads nor leaves a file there. It replaces its file
 * atomically (a new file, renamed), so that a reader sees a whole file, never a torn one, and
 * concurrent writers each leave a whole one. What is wrong with the file (missing, untrusted,
 * corrupt, of another jcdi build or reader) only costs parsing: it is never an error.
 *
 * <p>Not thread-safe: {@link SpecCache} confines it to the registry's refresh lock.
 */
public final class SpecStore {
  /** The logger, looked up when first used. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(SpecStore.class.getName());
  }

  private static final byte[] MAGIC = "jcdi spec cache\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "jcdi end".getBytes(StandardCharsets.US_ASCII);
  /** The file ends with a CRC-32 of what precedes it (8 bytes), then {@link #END}. */
  private static final int CHECKSUM_BYTES = 8;
  /** The version of the file's layout; a change to the layout changes it. */
  static final int FORMAT = 1;
  /** A larger file is not read (and is replaced): it cannot be one this code wrote for sane spec directories. */
  static final long MAX_BYTES = 256L << 20;
  /** At most this many entries of other directories are kept when the file is written again. */
  static final int MAX_OTHER_ENTRIES = 50_000;

  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFDIR = 0040000;

  private final Path file;
  private final String identity;
  /** The user the process runs as, or -1 where that cannot be told: then nothing is read or written. */
  private final int uid;
  /** The file's content as last read or written, or an empty array. */
  private byte[] data = new byte[0];
  /** Path to {start of the entry, start of its stamp, end of the entry}, into {@link #data}. */
  private Map<String, int[]> index = Map.of();

  private SpecStore(Path file, String identity, int uid) {
    this.file = file;
    this.identity = identity;
    this.uid = uid;
  }

  /**
   * Opens the store in {@code file} for specs read by {@code reader}: reads the file if it is there,
   * trusted, and written by this build of jcdi for a reader with the same limits.
   */
  public static SpecStore open(Path file, SpecReader reader) {
    String identity = identity(reader);
    SpecStore store = new SpecStore(file.toAbsolutePath().normalize(), identity, identity == null ? -1 : currentUid());
    store.load();
    return store;
  }

  /** Opens a store with the given identity, for tests that change what the store is keyed by. */
  static SpecStore open(Path file, String identity) {
    SpecStore store = new SpecStore(file.toAbsolutePath().normalize(), identity, currentUid());
    store.load();
    return store;
  }

  /** Returns the file this store reads and writes. */
  public Path file() {
    return file;
  }

  /** Returns how many entries the store holds as last read or written. */
  public int size() {
    return index.size();
  }

  private void load() {
    if (uid < 0) {
      return;
    }
    byte[] bytes;
    try {
      bytes = readTrusted();
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      Log.LOG.log(System.Logger.Level.DEBUG, "{0}: not used: {1}", file, e.getMessage());
      return;
    }
    if (bytes == null) {
      return;
    }
    try {
      index = indexOf(bytes);
      data = bytes;
    } catch (IOException e) {
      Log.LOG.log(System.Logger.Level.DEBUG, "{0}: not used: {1}", file, e.getMessage());
    }
  }

  /** Reads the file if it and its directory pass the trust rules; {@code null} when they do not. */
  private byte[] readTrusted() throws IOException {
    Path dir = file.getParent();
    if (dir == null || !trusted(dir, S_IFDIR) || !trusted(file, S_IFREG)) {
      return null;
    }
    try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = ch.size();
      if (size > MAX_BYTES) {
        throw new IOException("larger than " + MAX_BYTES + " bytes");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read until full or the end
      }
      if (buf.hasRemaining()) {
        throw new IOException("shorter than its size");
      }
      return buf.array();
    }
  }

  /** Returns whether {@code path} is of the given type, owned by this user and writable by no one else; follows no link. */
  private boolean trusted(Path path, int type) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    int owner = (Integer) a.get("uid");
    if ((mode & S_IFMT) != type || owner != uid || (mode & 022) != 0) {
      Log.LOG.log(System.Logger.Level.DEBUG, "{0}: not used: not a {1} owned by uid {2} and writable only by it",
          path, type == S_IFDIR ? "directory" : "regular file", uid);
      return false;
    }
    return true;
  }

  /** Checks the layout and identity of {@code bytes} and returns where each entry is. */
  private Map<String, int[]> indexOf(byte[] bytes) throws IOException {
    if (bytes.length < MAGIC.length + CHECKSUM_BYTES + END.length) {
      throw new IOException("too short");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new IOException("not a jcdi spec cache");
      }
    }
    for (int i = 0; i < END.length; i++) {
      if (bytes[bytes.length - END.length + i] != END[i]) {
        throw new IOException("incomplete");
      }
    }
    int checked = bytes.length - CHECKSUM_BYTES - END.length;
    if (checksum(bytes, checked) != new BinaryIn(bytes, checked, CHECKSUM_BYTES).readLong()) {
      throw new IOException("damaged: checksum mismatch");
    }
    BinaryIn in = new BinaryIn(bytes, MAGIC.length, checked - MAGIC.length);
    if (in.readVarInt() != FORMAT || !identity.equals(in.readString())) {
      throw new IOException("written by another jcdi build or for another reader");
    }
    int count = in.readVarInt();
    Map<String, int[]> found = new HashMap<>(Math.max(16, (int) Math.min(count, in.remaining()) * 2));
    for (int k = 0; k < count; k++) {
      int start = in.position();
      String path = in.readString();
      if (path == null) {
        throw new IOException("an entry without a path at offset " + start);
      }
      int stampAt = in.position();
      skipStamp(in);
      in.readLong(); // captured at
      int payload = in.readVarInt();
      in.skip(payload);
      found.put(path, new int[] {start, stampAt, in.position()});
    }
    if (in.remaining() != 0) {
      throw new IOException("bytes after the last entry");
    }
    return found;
  }

  /**
   * Returns the entry for the spec file at {@code path} of the directory with priority {@code
   * priority}, as a registry entry, or {@code null} when there is none (or it cannot be read).
   */
  CachedSpecFile restore(Path path, int priority) {
    int[] at = index.get(path.toString());
    if (at == null) {
      return null;
    }
    try {
      BinaryIn in = new BinaryIn(data, at[1], at[2] - at[1]);
      FileStamp stamp = readStamp(in);
      long captured = in.readLong();
      int length = in.readVarInt();
      int payloadAt = in.position();
      in.skip(length);
      byte[] payload = java.util.Arrays.copyOfRange(data, payloadAt, payloadAt + length);
      return decodePayload(payload, path, priority, stamp, captured);
    } catch (IOException | RuntimeException e) {
      // RuntimeException: a spec decoded from a damaged entry that no longer names a valid kind
      Log.LOG.log(System.Logger.Level.DEBUG, "{0}: entry for {1} not used: {2}", file, path, e.toString());
      return null;
    }
  }

  private static CachedSpecFile decodePayload(byte[] payload, Path path, int priority, FileStamp stamp, long captured)
      throws IOException {
    BinaryIn in = new BinaryIn(payload, 0, payload.length);
    byte[] digest = in.readBytes();
    if (digest == null || digest.length != 32) {
      throw new IOException("no content digest");
    }
    int errorCount = in.readVarInt();
    List<String> errors = new ArrayList<>(Math.min(errorCount, in.remaining()));
    for (int i = 0; i < errorCount; i++) {
      errors.add(nonNull(in.readString()));
    }
    int warningCount = in.readVarInt();
    List<CachedSpecFile.Warning> warnings = new ArrayList<>(Math.min(warningCount, in.remaining()));
    for (int i = 0; i < warningCount; i++) {
      warnings.add(new CachedSpecFile.Warning(nonNull(in.readString()), nonNull(in.readString())));
    }
    Spec spec = in.readBoolean() ? SpecCodec.read(in) : null;
    if (in.remaining() != 0) {
      throw new IOException("bytes after the entry");
    }
    if ((spec == null) == errors.isEmpty()) {
      throw new IOException("an entry must hold a spec or errors");
    }
    if (spec == null) {
      return new CachedSpecFile(path, stamp, captured, digest, null, List.of(), errors, warnings, payload);
    }
    return SpecCache.loaded(path, priority, stamp, captured, digest, spec, warnings, payload);
  }

  private static String nonNull(String s) throws IOException {
    if (s == null) {
      throw new IOException("a missing text");
    }
    return s;
  }

  /**
   * Returns whether the store holds an entry for a file directly in one of {@code dirs} that is not
   * among {@code present}: one that vanished since the store was written.
   */
  boolean holdsVanished(Set<String> present, List<Path> dirs) {
    if (index.isEmpty()) {
      return false;
    }
    Set<String> prefixes = prefixes(dirs);
    for (String path : index.keySet()) {
      if (!present.contains(path) && directlyIn(path, prefixes)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Replaces the file with {@code current} (a registry's storable entries of {@code dirs}) and the
   * entries it holds of files in other directories. Never throws: a store that cannot be written is
   * simply not written.
   */
  void write(Collection<CachedSpecFile> current, List<Path> dirs) {
    if (uid < 0) {
      return;
    }
    BinaryOut out = new BinaryOut();
    out.writeRaw(MAGIC, 0, MAGIC.length);
    out.writeVarInt(FORMAT);
    out.writeString(identity);
    Set<String> written = new HashSet<>();
    List<CachedSpecFile> entries = new ArrayList<>(current.size());
    for (CachedSpecFile f : current) {
      if (f.storable() && written.add(f.path.toString())) {
        entries.add(f);
      }
    }
    Set<String> prefixes = prefixes(dirs);
    List<int[]> others = new ArrayList<>();
    for (Map.Entry<String, int[]> e : index.entrySet()) {
      if (others.size() < MAX_OTHER_ENTRIES && !written.contains(e.getKey()) && !directlyIn(e.getKey(), prefixes)) {
        others.add(e.getValue());
      }
    }
    out.writeVarInt(entries.size() + others.size());
    for (CachedSpecFile f : entries) {
      out.writeString(f.path.toString());
      writeStamp(out, f.stamp);
      out.writeLong(f.capturedAt);
      byte[] payload = f.payload != null ? f.payload : encodePayload(f);
      out.writeVarInt(payload.length);
      out.writeRaw(payload, 0, payload.length);
    }
    for (int[] at : others) {
      out.writeRaw(data, at[0], at[2] - at[0]);
    }
    byte[] body = out.toByteArray();
    out.writeLong(checksum(body, body.length));
    out.writeRaw(END, 0, END.length);
    byte[] bytes = out.toByteArray();
    try {
      if (!writeTrusted(bytes)) {
        return;
      }
      data = bytes;
      index = indexOf(bytes);
    } catch (IOException | RuntimeException e) {
      Log.LOG.log(System.Logger.Level.DEBUG, "{0}: not written: {1}", file, e.toString());
    }
  }

  private static byte[] encodePayload(CachedSpecFile f) {
    BinaryOut out = new BinaryOut();
    out.writeBytes(f.digest);
    out.writeVarInt(f.errors.size());
    for (String e : f.errors) {
      out.writeString(e);
    }
    out.writeVarInt(f.warnings.size());
    for (CachedSpecFile.Warning w : f.warnings) {
      out.writeString(w.location());
      out.writeString(w.text());
    }
    out.writeBoolean(f.spec != null);
    if (f.spec != null) {
      SpecCodec.write(out, f.spec.spec());
    }
    return out.toByteArray();
  }

  /** Writes {@code bytes} as the file, through a new file renamed over it; false when the directory is not trusted. */
  private boolean writeTrusted(byte[] bytes) throws IOException {
    Path dir = file.getParent();
    if (dir == null || !trustedDirectory(dir)) {
      return false;
    }
    Path tmp = Files.createTempFile(dir, ".spec-cache-", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (OutputStream o = Files.newOutputStream(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
        o.write(bytes);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        return false;
      }
      tmp = null;
      return true;
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Returns whether {@code dir} is trusted, creating it (0700) when missing under a directory this user owns. */
  private boolean trustedDirectory(Path dir) throws IOException {
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return trusted(dir, S_IFDIR);
    }
    Path existing = dir.getParent();
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null || (Integer) Files.getAttribute(existing, "unix:uid") != uid) {
      Log.LOG.log(System.Logger.Level.DEBUG, "{0}: not created: {1} is not owned by uid {2}", dir, existing, uid);
      return false;
    }
    try {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      // made by another process meanwhile, or a link: checked below
    }
    return trusted(dir, S_IFDIR);
  }

  /** CRC-32 of the first {@code length} bytes: the store guards against damage, not against its owner. */
  private static long checksum(byte[] bytes, int length) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes, 0, length);
    return crc.getValue();
  }

  private static Set<String> prefixes(List<Path> dirs) {
    Set<String> prefixes = new HashSet<>();
    for (Path d : dirs) {
      String s = d.toString();
      prefixes.add(s.isEmpty() ? "" : s.endsWith("/") ? s : s + "/");
    }
    return prefixes;
  }

  /** Returns whether {@code path} names a file directly in a directory with one of {@code prefixes}. */
  private static boolean directlyIn(String path, Set<String> prefixes) {
    int slash = path.lastIndexOf('/');
    return prefixes.contains(slash < 0 ? "" : path.substring(0, slash + 1));
  }

  private static void writeStamp(BinaryOut out, FileStamp s) {
    out.writeVarInt(s.type().ordinal());
    out.writeVarLong(s.size());
    writeTime(out, s.modified());
    out.writeBoolean(s.changed() != null);
    if (s.changed() != null) {
      writeTime(out, s.changed());
    }
    FileStamp.Inode key = (FileStamp.Inode) s.fileKey();
    out.writeLong(key.device());
    out.writeLong(key.inode());
  }

  private static void writeTime(BinaryOut out, FileTime t) {
    Instant i = t.toInstant();
    out.writeLong(i.getEpochSecond());
    out.writeVarInt(i.getNano());
  }

  private static FileStamp readStamp(BinaryIn in) throws IOException {
    int type = in.readVarInt();
    if (type >= FileStamp.Type.values().length) {
      throw new IOException("unknown file type " + type);
    }
    long size = in.readVarLong();
    FileTime modified = readTime(in);
    FileTime changed = in.readBoolean() ? readTime(in) : null;
    long device = in.readLong();
    long inode = in.readLong();
    return new FileStamp(FileStamp.Type.values()[type], size, modified, changed, new FileStamp.Inode(device, inode));
  }

  private static void skipStamp(BinaryIn in) throws IOException {
    readStamp(in);
  }

  private static FileTime readTime(BinaryIn in) throws IOException {
    long seconds = in.readLong();
    int nanos = in.readVarInt();
    if (nanos >= 1_000_000_000) {
      throw new IOException("nanoseconds out of range");
    }
    try {
      return FileTime.from(Instant.ofEpochSecond(seconds, nanos));
    } catch (java.time.DateTimeException e) {
      throw new IOException("a time out of range");
    }
  }

  /** Returns the user id the process runs as (the owner of {@code /proc/self}), or -1 where there is no such thing. */
  private static int currentUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Names what a stored entry depends on besides the file's content: the layout, the code that
   * parsed and validated it (jcdi-spec's and jcdi-runtime's classes, by the stamp of their jar, of
   * their run-time image, or in a build tree of the class files of the validator and of this class),
   * and the reader's limits. {@code null} when the code cannot be told.
   */
  static String identity(SpecReader reader) {
    String spec = codeIdentity(SpecValidator.class);
    String runtime = codeIdentity(SpecStore.class);
    if (spec == null || runtime == null) {
      return null;
    }
    return "format " + FORMAT + "; spec " + spec + "; runtime " + runtime + "; " + reader.limits();
  }

  private static String codeIdentity(Class<?> c) {
    try {
      CodeSource source = c.getProtectionDomain().getCodeSource();
      URL location = source == null ? null : source.getLocation();
      if (location == null || !"file".equals(location.getProtocol())) {
        // a linked run-time image: its modules file
        Path modules = Path.of(System.getProperty("java.home"), "lib", "modules");
        return "image " + stampText(modules);
      }
      Path where = Path.of(new URI(location.toString()));
      if (Files.isDirectory(where)) {
        // classes in a directory (a build tree): the class file itself
        return "class " + stampText(where.resolve(c.getName().replace('.', '/') + ".class"));
      }
      return "jar " + stampText(where);
    } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
      return null;
    }
  }

  private static String stampText(Path p) throws IOException {
    FileStamp s = FileStamp.read(p);
    // ctime and inode too: a reproducible build gives every jar the same time, but installing one
    // (a new file, or one written over) changes its ctime, which no one can set
    FileStamp.Inode key = s.fileKey() instanceof FileStamp.Inode i ? i : new FileStamp.Inode(0, 0);
    return p + " " + s.size() + " " + s.modified().to(java.util.concurrent.TimeUnit.NANOSECONDS) + " "
        + (s.changed() == null ? 0 : s.changed().to(java.util.concurrent.TimeUnit.NANOSECONDS)) + " "
        + key.device() + ":" + key.inode();
  }
}
