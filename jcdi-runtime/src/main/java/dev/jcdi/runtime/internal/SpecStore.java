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
import java.util.LinkedHashMap;
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
 * <p>The file holds one section per spec directory, each with its own checksum, behind a table of
 * the sections: a process reads the sections of its own directories only (a listing of 20 GPU specs
 * does not read, check or hold the entries of a directory of 5,000), and when it writes, copies the
 * other directories' sections as they are on disk then.
 *
 * <p>A file that feeds container configurations is trusted only as far as whoever can write it:
 * the store reads and writes its file only when that file and its directory are owned by the user
 * the process runs as and writable by no one else, and the file is a regular file, not a link. It
 * creates a missing directory (mode 0700) only under a directory that user owns, so that {@code
 * sudo} with another user's {@code HOME} neither reads nor leaves a file there. It replaces its file
 * atomically (a new file, renamed), so that a reader sees a whole file, never a torn one, and
 * concurrent writers each leave a whole one. What is wrong with the file (missing, untrusted,
 * damaged, of another jcdi build or reader) only costs parsing: it is never an error.
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
  /** The version of the file's layout; a change to the layout changes it. */
  static final int FORMAT = 2;
  /** A larger file is not read (and is replaced): it cannot be one this code wrote for sane spec directories. */
  static final long MAX_BYTES = 256L << 20;
  /** Other directories' sections are checked and copied this many bytes at a time. */
  private static final int CHUNK = 1 << 16;
  /** At most this many sections of other directories are kept when the file is written again. */
  static final int MAX_OTHER_SECTIONS = 256;

  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFDIR = 0040000;

  private final Path file;
  private final String identity;
  /** The user the process runs as, or -1 where that cannot be told: then nothing is read or written. */
  private final int uid;
  /** The section keys of the registry's directories ({@link #prefix}), in priority order, each once. */
  private final List<String> prefixes;
  /** Path to where its entry is, in the sections of this registry's directories as last read or written. */
  private Index index = Index.EMPTY;

  /**
   * Where the entries of this registry's sections are: for entry {@code i}, its section {@code
   * sections[sectionOf[i]]} and its start {@code startOf[i]} (its path), found by the path's hash
   * through {@code keys} ({@code hash << 32 | i}, sorted). No path is kept as a string: a cold
   * process that restores 5,000 files would otherwise hold (and promote) 5,000 strings and map nodes.
   */
  private static final class Index {
    static final Index EMPTY = new Index(List.of(), new long[0], new int[0], new int[0]);
    final List<byte[]> sections;
    final long[] keys;
    final int[] sectionOf;
    final int[] startOf;

    Index(List<byte[]> sections, long[] keys, int[] sectionOf, int[] startOf) {
      this.sections = sections;
      this.keys = keys;
      this.sectionOf = sectionOf;
      this.startOf = startOf;
    }

    /** Returns where the stamp of the entry for {@code path} starts in its section, or -1; {@code at[0]} gets the section. */
    int find(String path, byte[][] at) throws IOException {
      long low = (long) path.hashCode() << 32;
      int lo = 0;
      int hi = keys.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (keys[mid] < low) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      for (int k = lo; k < keys.length && (keys[k] & 0xFFFF_FFFF_0000_0000L) == low; k++) {
        int i = (int) keys[k];
        byte[] section = sections.get(sectionOf[i]);
        BinaryIn in = new BinaryIn(section, startOf[i], section.length - startOf[i]);
        if (path.equals(in.readString())) {
          at[0] = section;
          return in.position();
        }
      }
      return -1;
    }

    /** Returns the path of entry {@code i}. */
    String path(int i) throws IOException {
      byte[] section = sections.get(sectionOf[i]);
      return new BinaryIn(section, startOf[i], section.length - startOf[i]).readString();
    }
  }

  /**
   * One directory's section of the file: its key, where it is ({@code length} bytes from {@code
   * offset}; its bytes are a count, then the entries) and their CRC-32.
   */
  private record Section(String prefix, long offset, long length, long crc) {}

  /**
   * What the store keeps of an entry apart from its stamp (digest, errors, warnings, spec), encoded:
   * {@code length} bytes of {@code bytes} from {@code offset}, never changed once made.
   */
  record Payload(byte[] bytes, int offset, int length) {}

  private SpecStore(Path file, String identity, int uid, List<Path> dirs) {
    this.file = file;
    this.identity = identity;
    this.uid = uid;
    List<String> keys = new ArrayList<>();
    for (Path d : dirs) {
      String k = prefix(d);
      if (!keys.contains(k)) {
        keys.add(k);
      }
    }
    this.prefixes = List.copyOf(keys);
  }

  /**
   * Opens the store in {@code file} for the spec directories {@code dirs} read by {@code reader}:
   * reads their sections if the file is there, trusted, and written by this build of jcdi for a
   * reader with the same limits.
   */
  public static SpecStore open(Path file, SpecReader reader, List<Path> dirs) {
    String identity = identity(reader);
    return open(file, identity, identity == null ? -1 : currentUid(), dirs);
  }

  /** Opens a store with the given identity, for tests that change what the store is keyed by. */
  static SpecStore open(Path file, String identity, List<Path> dirs) {
    return open(file, identity, currentUid(), dirs);
  }

  private static SpecStore open(Path file, String identity, int uid, List<Path> dirs) {
    SpecStore store = new SpecStore(file.toAbsolutePath().normalize(), identity, uid, dirs);
    store.load();
    return store;
  }

  /** Returns the file this store reads and writes. */
  public Path file() {
    return file;
  }

  /** Returns how many entries of this registry's directories the store holds, as last read or written. */
  public int size() {
    return index.keys.length;
  }

  private void load() {
    if (uid < 0) {
      return;
    }
    Map<String, byte[]> sections;
    try {
      sections = readSections();
    } catch (IOException e) {
      Log.LOG.log(System.Logger.Level.DEBUG, "{0}: not used: {1}", file, e.getMessage());
      return;
    }
    List<byte[]> kept = new ArrayList<>();
    List<int[]> starts = new ArrayList<>();
    List<int[]> hashes = new ArrayList<>();
    int total = 0;
    for (Map.Entry<String, byte[]> section : sections.entrySet()) {
      try {
        int[][] found = scanSection(section.getValue());
        kept.add(section.getValue());
        starts.add(found[0]);
        hashes.add(found[1]);
        total += found[0].length;
      } catch (IOException e) {
        Log.LOG.log(System.Logger.Level.DEBUG, "{0}: section {1} not used: {2}", file, section.getKey(), e.getMessage());
      }
    }
    long[] keys = new long[total];
    int[] sectionOf = new int[total];
    int[] startOf = new int[total];
    int i = 0;
    for (int k = 0; k < kept.size(); k++) {
      int[] st = starts.get(k);
      int[] hs = hashes.get(k);
      for (int j = 0; j < st.length; j++, i++) {
        keys[i] = (long) hs[j] << 32 | i;
        sectionOf[i] = k;
        startOf[i] = st[j];
      }
    }
    java.util.Arrays.sort(keys);
    index = new Index(kept, keys, sectionOf, startOf);
  }

  /**
   * Reads the sections of this registry's directories whose CRC-32 holds, by key, each with its bytes.
   * Empty when the file is missing or not trusted.
   *
   * @throws IOException when the file is not one this build wrote, or its table is damaged
   */
  private Map<String, byte[]> readSections() throws IOException {
    Map<String, byte[]> found = new HashMap<>();
    if (!fileTrusted()) {
      return found;
    }
    try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      for (Section section : table(ch)) {
        if (prefixes.contains(section.prefix()) && !found.containsKey(section.prefix())) {
          byte[] bytes = readAt(ch, section.offset(), (int) section.length());
          if (checksum(bytes, 0, bytes.length) == section.crc()) {
            found.put(section.prefix(), bytes);
          } else {
            Log.LOG.log(System.Logger.Level.DEBUG, "{0}: section {1} damaged", file, section.prefix());
          }
        }
      }
    }
    return found;
  }

  /**
   * Reads the file's table: the file is the magic, the sections, the table (format, identity, and
   * each section's key, offset, length and CRC-32; then the table's own CRC-32), the table's length
   * in 4 bytes, and the end marker. The table comes last so that a writer streams the sections.
   *
   * @throws IOException when the file is not one this build wrote, or its table is damaged
   */
  private List<Section> table(SeekableByteChannel ch) throws IOException {
    long size = ch.size();
    if (size > MAX_BYTES) {
      throw new IOException("larger than " + MAX_BYTES + " bytes");
    }
    if (size < MAGIC.length + 4 + END.length) {
      throw new IOException("too short");
    }
    if (!java.util.Arrays.equals(readAt(ch, 0, MAGIC.length), MAGIC)) {
      throw new IOException("not a jcdi spec cache");
    }
    byte[] tail = readAt(ch, size - END.length - 4, END.length + 4);
    if (!java.util.Arrays.equals(tail, 4, tail.length, END, 0, END.length)) {
      throw new IOException("incomplete");
    }
    long tableLength = (tail[0] & 0xffL) << 24 | (tail[1] & 0xff) << 16 | (tail[2] & 0xff) << 8 | (tail[3] & 0xff);
    long tableAt = size - END.length - 4 - tableLength;
    if (tableLength < 8 || tableAt < MAGIC.length) {
      throw new IOException("a table longer than the file");
    }
    byte[] table = readAt(ch, tableAt, (int) tableLength);
    if (checksum(table, 0, table.length - 8) != new BinaryIn(table, table.length - 8, 8).readLong()) {
      throw new IOException("damaged: the table's checksum does not match");
    }
    BinaryIn in = new BinaryIn(table, 0, table.length - 8);
    if (in.readVarInt() != FORMAT || !identity.equals(in.readString())) {
      throw new IOException("written by another jcdi build or for another reader");
    }
    int count = in.readCount(4);
    List<Section> sections = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      String prefix = in.readString();
      long offset = in.readVarLong();
      long length = in.readVarLong();
      long crc = in.readLong();
      if (prefix == null || offset < MAGIC.length || length < 0 || length > tableAt - offset) {
        throw new IOException("a section outside the file");
      }
      sections.add(new Section(prefix, offset, length, crc));
    }
    if (in.remaining() != 0) {
      throw new IOException("bytes after the table");
    }
    return sections;
  }

  /** Returns whether the file exists and it and its directory pass the trust rules. */
  private boolean fileTrusted() throws IOException {
    Path dir = file.getParent();
    return dir != null && exists(file) && trusted(dir, S_IFDIR) && trusted(file, S_IFREG);
  }

  private static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }

  private static byte[] readAt(SeekableByteChannel ch, long position, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    ch.position(position);
    while (buf.hasRemaining() && ch.read(buf) >= 0) {
      // read until full or the end
    }
    if (buf.hasRemaining()) {
      throw new IOException("shorter than its table says");
    }
    return buf.array();
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

  /**
   * Checks the layout of {@code section} and returns where each entry starts and the hash of its
   * path, as two arrays.
   *
   * @throws IOException when the section is malformed: none of its entries is used
   */
  private static int[][] scanSection(byte[] section) throws IOException {
    BinaryIn in = new BinaryIn(section, 0, section.length);
    int count = in.readCount(8);
    int[] starts = new int[count];
    int[] hashes = new int[count];
    for (int k = 0; k < count; k++) {
      starts[k] = in.position();
      String path = in.readString();
      if (path == null) {
        throw new IOException("an entry without a path at offset " + starts[k]);
      }
      hashes[k] = path.hashCode();
      readStamp(in);
      in.readLong(); // captured at
      in.skip(length(in));
    }
    if (in.remaining() != 0) {
      throw new IOException("bytes after the last entry");
    }
    return new int[][] {starts, hashes};
  }

  /** Reads a length: a varint that must be a non-negative int. */
  private static int length(BinaryIn in) throws IOException {
    int n = in.readVarInt();
    if (n < 0) {
      throw new IOException("a negative length");
    }
    return n;
  }

  /**
   * Returns the entry for the spec file at {@code path} of the directory with priority {@code
   * priority}, as a registry entry, or {@code null} when there is none (or it cannot be read).
   */
  CachedSpecFile restore(Path path, int priority) {
    try {
      byte[][] section = new byte[1][];
      int stampAt = index.find(path.toString(), section);
      if (stampAt < 0) {
        return null;
      }
      BinaryIn in = new BinaryIn(section[0], stampAt, section[0].length - stampAt);
      FileStamp stamp = readStamp(in);
      long captured = in.readLong();
      int length = length(in);
      int payloadAt = in.position();
      in.skip(length);
      // a slice of the section, not a copy: the entry writes it back as it is
      return decodePayload(new Payload(section[0], payloadAt, length), path, priority, stamp, captured);
    } catch (IOException | RuntimeException e) {
      // RuntimeException: a spec decoded from a damaged entry that no longer names a valid kind
      Log.LOG.log(System.Logger.Level.DEBUG, "{0}: entry for {1} not used: {2}", file, path, e.toString());
      return null;
    }
  }

  private static CachedSpecFile decodePayload(Payload payload, Path path, int priority, FileStamp stamp, long captured)
      throws IOException {
    BinaryIn in = new BinaryIn(payload.bytes(), payload.offset(), payload.length());
    byte[] digest = in.readBytes();
    if (digest == null || digest.length != 32) {
      throw new IOException("no content digest");
    }
    int errorCount = in.readCount(1);
    List<String> errors = new ArrayList<>(errorCount);
    for (int i = 0; i < errorCount; i++) {
      errors.add(nonNull(in.readString()));
    }
    int warningCount = in.readCount(2);
    List<CachedSpecFile.Warning> warnings = new ArrayList<>(warningCount);
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

  /** Returns whether the store holds an entry that is not among {@code present}: a file that vanished since it was written. */
  boolean holdsVanished(Set<String> present) {
    try {
      for (int i = 0; i < index.keys.length; i++) {
        if (!present.contains(index.path(i))) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return true; // scanned when read: cannot happen; if it did, writing anew is the safe answer
    }
  }

  /**
   * Replaces the file with {@code current} (a registry's storable entries of its directories) and
   * the sections of other directories as the file holds them now. Never throws: a store that cannot
   * be written is simply not written.
   */
  void write(Collection<CachedSpecFile> current) {
    if (uid < 0) {
      return;
    }
    try {
      Set<String> written = new HashSet<>();
      Map<String, List<CachedSpecFile>> byPrefix = new LinkedHashMap<>();
      for (String prefix : prefixes) {
        byPrefix.put(prefix, new ArrayList<>());
      }
      for (CachedSpecFile f : current) {
        String path = f.path.toString();
        List<CachedSpecFile> section = byPrefix.get(prefixOf(path));
        if (section != null && f.storable() && written.add(path)) {
          section.add(f);
        }
      }
      writeTrusted(byPrefix);
    } catch (IOException | RuntimeException e) {
      Log.LOG.log(System.Logger.Level.DEBUG, "{0}: not written: {1}", file, e.toString());
    }
    index = Index.EMPTY;
  }

  /**
   * Forgets where the entries are: once a registry has taken what it needs, its own cache knows
   * the files, and a later write encodes from there (restored entries keep their bytes).
   */
  void settle() {
    index = Index.EMPTY;
  }

  /** The table: format, identity, each section's key, offset, length and CRC-32; then the table's own CRC-32. */
  private byte[] tableBytes(List<Section> sections) {
    BinaryOut t = new BinaryOut();
    t.writeVarInt(FORMAT);
    t.writeString(identity);
    t.writeVarInt(sections.size());
    for (Section s : sections) {
      t.writeString(s.prefix());
      t.writeVarLong(s.offset());
      t.writeVarLong(s.length());
      t.writeLong(s.crc());
    }
    byte[] body = t.toByteArray();
    t.writeLong(checksum(body, 0, body.length));
    return t.toByteArray();
  }

  /** An output stream that counts and checksums what goes through it, section by section. */
  private static final class SectionOutput extends java.io.FilterOutputStream {
    long position;
    final java.util.zip.CRC32 crc = new java.util.zip.CRC32();

    SectionOutput(OutputStream out) {
      super(out);
    }

    /** Writes what belongs to no section: counted, not checksummed. */
    void raw(byte[] b) throws IOException {
      out.write(b);
      position += b.length;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      crc.update(b);
      position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      crc.update(b, off, len);
      position += len;
    }
  }

  private static Payload encodePayload(CachedSpecFile f) {
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
    byte[] bytes = out.toByteArray();
    return new Payload(bytes, 0, bytes.length);
  }

  /**
   * Writes the file through a new file renamed over it: this registry's sections, encoded entry by
   * entry as they are written, then the other directories' sections as the file holds them now
   * (each checked, then copied), then the table. Nothing of the whole is held in memory. Does
   * nothing when the directory is not trusted.
   */
  private void writeTrusted(Map<String, List<CachedSpecFile>> ours) throws IOException {
    Path dir = file.getParent();
    if (dir == null || !trustedDirectory(dir)) {
      return;
    }
    Path tmp = Files.createTempFile(dir, ".spec-cache-", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      List<Section> sections = new ArrayList<>();
      try (SectionOutput o = new SectionOutput(new java.io.BufferedOutputStream(
          Files.newOutputStream(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), 1 << 16))) {
        o.raw(MAGIC);
        for (Map.Entry<String, List<CachedSpecFile>> e : ours.entrySet()) {
          long start = o.position;
          o.crc.reset();
          BinaryOut head = new BinaryOut();
          head.writeVarInt(e.getValue().size());
          o.write(head.toByteArray());
          for (CachedSpecFile f : e.getValue()) {
            BinaryOut entry = new BinaryOut();
            entry.writeString(f.path.toString());
            writeStamp(entry, f.stamp);
            entry.writeLong(f.capturedAt);
            Payload payload = f.payload != null ? f.payload : encodePayload(f);
            entry.writeVarInt(payload.length());
            o.write(entry.toByteArray());
            o.write(payload.bytes(), payload.offset(), payload.length());
          }
          sections.add(new Section(e.getKey(), start, o.position - start, o.crc.getValue()));
        }
        copyOtherSections(o, sections);
        byte[] table = tableBytes(sections);
        int n = table.length;
        o.raw(table);
        o.raw(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        o.raw(END);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        return;
      }
      tmp = null;
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Copies the sections of other directories from the file as it is now (if it is trusted and of
   * this build), each only if its CRC-32 holds, at most {@link #MAX_OTHER_SECTIONS}.
   */
  private void copyOtherSections(SectionOutput o, List<Section> sections) throws IOException {
    if (!fileTrusted()) {
      return;
    }
    try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      List<Section> table;
      try {
        table = table(ch);
      } catch (IOException e) {
        return; // not a file whose sections can be kept: replaced by this registry's alone
      }
      Set<String> seen = new HashSet<>(prefixes);
      int kept = 0;
      for (Section other : table) {
        if (kept == MAX_OTHER_SECTIONS || !seen.add(other.prefix())) {
          continue;
        }
        // check, then copy: a damaged section is left out, never half-copied
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        for (long at = 0; at < other.length(); ) {
          int n = (int) Math.min(CHUNK, other.length() - at);
          byte[] chunk = readAt(ch, other.offset() + at, n);
          crc.update(chunk, 0, n);
          at += n;
        }
        if (crc.getValue() != other.crc()) {
          continue;
        }
        long start = o.position;
        o.crc.reset();
        for (long at = 0; at < other.length(); ) {
          int n = (int) Math.min(CHUNK, other.length() - at);
          o.write(readAt(ch, other.offset() + at, n));
          at += n;
        }
        sections.add(new Section(other.prefix(), start, other.length(), other.crc()));
        kept++;
      }
    }
  }

  /** Returns whether {@code dir} is trusted, creating it (0700) when missing under a directory this user owns. */
  private boolean trustedDirectory(Path dir) throws IOException {
    if (exists(dir)) {
      return trusted(dir, S_IFDIR);
    }
    Path existing = dir.getParent();
    while (existing != null && !exists(existing)) {
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

  /** CRC-32 of {@code length} bytes from {@code offset}: the store guards against damage, not against its owner. */
  private static long checksum(byte[] bytes, int offset, int length) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }

  /** The section key of spec directory {@code dir}: the text its files' paths start with. */
  private static String prefix(Path dir) {
    String s = dir.toString();
    return s.isEmpty() ? "" : s.endsWith("/") ? s : s + "/";
  }

  /** The section key of the file at {@code path}: the text up to its name. */
  private static String prefixOf(String path) {
    return path.substring(0, path.lastIndexOf('/') + 1);
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
    SpecReader.Limits l = reader.limits();
    // the limits' values, not the record's toString: that is bound through ObjectMethods, ~10 ms cold
    return "format " + FORMAT + "; spec " + spec + "; runtime " + runtime + "; limits " + l.maxBytes() + " "
        + l.maxDepth() + " " + l.maxAliases() + " " + l.maxNodes();
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
