package dev.jcdi.runtime.internal;

import dev.jcdi.spec.internal.SpecFileProblems;

import dev.jcdi.runtime.RegisteredDevice;
import dev.jcdi.runtime.RegisteredSpec;
import dev.jcdi.spec.Device;
import dev.jcdi.spec.InvalidNameException;
import dev.jcdi.spec.Kind;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecDocument;
import dev.jcdi.spec.SpecFormat;
import dev.jcdi.spec.SpecParseException;
import dev.jcdi.spec.SpecReader;
import dev.jcdi.spec.SpecValidator;
import dev.jcdi.spec.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The parsed spec files of a list of spec directories, kept between refreshes so that a refresh
 * reads only the files that appeared, vanished or changed, and the device index built from them.
 *
 * <p>Not thread-safe: the registry confines it to whoever holds its refresh lock. What it hands
 * out ({@link Snapshot}) is immutable.
 */
public final class SpecCache {
  private static final System.Logger LOG = System.getLogger(SpecCache.class.getName());

  /** Go's {@code os.ReadDir} sorts names by their UTF-8 bytes; comparing code points is the same order. */
  static final Comparator<String> NAME_ORDER = SpecCache::compareCodePoints;

  private final List<Path> dirs;
  private final SpecReader reader;
  private final LongSupplier clock;
  private final DirState[] states;
  private boolean dirty = true;
  private final DeviceIndex deviceIndex = new DeviceIndex();
  private Set<String> lastTouched = Set.of();

  private long filesRead;
  private long filesParsed;
  private long filesRestored;

  /** The parsed files of earlier processes, or {@code null}. */
  private final SpecStore store;
  /** Whether the store no longer holds what this cache knows: something was parsed or restamped since it was read or written. */
  private boolean storeStale;

  /** What the cache knows of one spec directory. */
  private static final class DirState {
    /** Every listed spec file by name: a refresh looks up every listed name, a hash lookup each. */
    final HashMap<String, CachedSpecFile> byName = new HashMap<>();

    /** The names of the files that hold a loaded spec, in name order, and those specs: a snapshot copies arrays, not a tree. */
    final ArrayList<String> specNames = new ArrayList<>();
    final ArrayList<RegisteredSpec> specs = new ArrayList<>();
    /**
     * The files that have errors; few, whatever the number of files. By identity, not path: a
     * directory listed twice holds two entries for one path, and each reports its errors.
     */
    final Set<CachedSpecFile> errored = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    CachedSpecFile set(String name, CachedSpecFile file) {
      int i = java.util.Collections.binarySearch(specNames, name, NAME_ORDER);
      if (file.spec != null && i >= 0) {
        specs.set(i, file.spec);
      } else if (file.spec != null) {
        specNames.add(-i - 1, name);
        specs.add(-i - 1, file.spec);
      } else if (i >= 0) {
        specNames.remove(i);
        specs.remove(i);
      }
      return byName.put(name, file);
    }

    CachedSpecFile unset(String name) {
      int i = java.util.Collections.binarySearch(specNames, name, NAME_ORDER);
      if (i >= 0) {
        specNames.remove(i);
        specs.remove(i);
      }
      return byName.remove(name);
    }

    void clear() {
      byName.clear();
      errored.clear();
      specNames.clear();
      specs.clear();
    }
    /** Why the directory could not be listed, or {@code null}. */
    String error;
    /** Whether the last scan listed the directory (it existed and was readable). */
    boolean listed;
  }

  /**
   * Returns an empty cache of {@code dirs}, in priority order.
   *
   * @param clock wall-clock milliseconds, the clock file times are compared with; called from
   *     several threads at once
   */
  public SpecCache(List<Path> dirs, SpecReader reader, LongSupplier clock) {
    this(dirs, reader, clock, null);
  }

  /**
   * Returns an empty cache of {@code dirs}, in priority order, that takes what it can from {@code
   * store} instead of parsing, and writes what it parsed back with {@link #persist()}.
   *
   * @param clock wall-clock milliseconds, the clock file times are compared with; called from
   *     several threads at once
   * @param store the parsed files of earlier processes, or {@code null} for none
   */
  public SpecCache(List<Path> dirs, SpecReader reader, LongSupplier clock, SpecStore store) {
    this.store = store;
    this.dirs = List.copyOf(dirs);
    this.reader = reader;
    this.clock = clock;
    this.states = new DirState[this.dirs.size()];
    for (int i = 0; i < states.length; i++) {
      states[i] = new DirState();
    }
  }

  /** Brings every directory up to date. */
  public void refreshAll() {
    for (int i = 0; i < states.length; i++) {
      refreshDir(i);
    }
  }

  /** Brings directory {@code index} up to date: lists it, drops vanished files, examines the rest. */
  public void refreshDir(int index) {
    Path dir = dirs.get(index);
    DirState state = states[index];
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(dir, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      // A missing directory is simply empty (cdi-reference.md §5).
      unlisted(state, null);
      return;
    } catch (IOException e) {
      unlisted(state, SpecFileProblems.dirError(e));
      return;
    }
    if (!attrs.isDirectory()) {
      unlisted(state, "spec directory is not a directory");
      return;
    }
    List<String> names = new ArrayList<>();
    // Files whose names have no text that names them (SpecFileProblems.unusableName), each one error,
    // keyed by "/" and the name's bytes escaped: no file name contains "/", so no key is a real name.
    Map<String, CachedSpecFile> unusable = new LinkedHashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (SpecFormat.ofSpecFileName(name).isPresent()) {
          java.util.Optional<String> bad = SpecFileProblems.unusableName(entry);
          if (bad.isEmpty()) {
            names.add(name);
          } else {
            unusable.put("/" + bad.get(), CachedSpecFile.failed(entry, null, clock.getAsLong(), null, List.of(entry + ": " + bad.get())));
          }
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      unlisted(state, null);
      return;
    } catch (IOException e) {
      unlisted(state, SpecFileProblems.dirError(e));
      return;
    } catch (DirectoryIteratorException e) {
      unlisted(state, SpecFileProblems.dirError(e.getCause()));
      return;
    }
    setDirError(state, null);
    state.listed = true;
    Set<String> present = new HashSet<>(names);
    present.addAll(unusable.keySet());
    List<String> vanished = new ArrayList<>();
    for (String name : state.byName.keySet()) {
      if (!present.contains(name)) {
        vanished.add(name);
      }
    }
    for (String name : vanished) {
      drop(state, name);
    }
    for (Map.Entry<String, CachedSpecFile> u : unusable.entrySet()) {
      CachedSpecFile failed = u.getValue();
      CachedSpecFile old = state.byName.get(u.getKey());
      if (old == null || !old.errors.equals(failed.errors)) {
        put(state, u.getKey(), failed);
      }
    }
    // No need to visit the names in order: each file's entry is independent, and the device index
    // orders definitions by scan order itself.
    // stat(2) dominates a refresh of an unchanged directory: the stamps are read in parallel too.
    // A few files (the usual case) go in a plain loop: a stream's first use costs a cold process more
    // than stat(2) of each.
    List<Stamped> stamped;
    if (names.size() >= PARALLEL_THRESHOLD) {
      stamped = names.parallelStream().map(n -> stampOf(index, n)).toList();
    } else {
      stamped = new ArrayList<>(names.size());
      for (String n : names) {
        stamped.add(stampOf(index, n));
      }
    }
    List<Pending> pending = new ArrayList<>();
    for (Stamped st : stamped) {
      Pending p = decide(index, st);
      if (p != null) {
        pending.add(p);
      }
    }
    // Reading and parsing are independent per file: many at once (a first scan, a directory of
    // thousands of DRA specs) go in parallel.
    List<Loaded> loaded;
    if (pending.size() >= PARALLEL_THRESHOLD) {
      loaded = pending.parallelStream().map(p -> readAndLoad(index, p)).toList();
    } else {
      loaded = new ArrayList<>(pending.size());
      for (Pending p : pending) {
        loaded.add(readAndLoad(index, p));
      }
    }
    for (Loaded l : loaded) {
      apply(state, l);
    }
  }

  /** From this many files to read on, a directory scan reads and parses them in parallel. */
  private static final int PARALLEL_THRESHOLD = 32;

  /** A file whose stamp says it must be read. */
  private record Pending(String name, Path path, FileStamp stamp, long captured, CachedSpecFile old) {}

  /**
   * What reading a pending file gave: it is gone, or its content is what {@code pending.old} was
   * made from ({@code restamp}), or a new entry.
   */
  private record Loaded(Pending pending, boolean gone, boolean read, boolean restamp, CachedSpecFile entry) {}

  /**
   * Brings the file {@code name} of directory {@code index} up to date, as a full scan of the
   * directory would see it. When the directory itself is not as last listed, rescans it instead.
   */
  public void refreshFile(int index, String name) {
    if (SpecFormat.ofSpecFileName(name).isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("not a spec file name: " + name);
    }
    DirState state = states[index];
    if (!state.listed || !Files.isDirectory(dirs.get(index))) {
      refreshDir(index);
      return;
    }
    try {
      dirs.get(index).resolve(name);
    } catch (java.nio.file.InvalidPathException e) {
      refreshDir(index); // text that is no file name here (the locale's encoding): the listing has the names
      return;
    }
    examine(index, name);
  }

  /** Returns how many times a spec file's content was read, for measuring refresh work. */
  public long filesRead() {
    return filesRead;
  }

  /** Returns how many times spec file content was parsed (read content that differed from the cached). */
  public long filesParsed() {
    return filesParsed;
  }

  /** Returns how many spec files were taken from the store, neither parsed nor (when their stamps were trusted) read. */
  public long filesRestored() {
    return filesRestored;
  }

  /**
   * Writes what this cache knows of its directories to its store, if the store does not hold it
   * already. The store's file is replaced whole; a store that cannot be written is left as it is.
   */
  public void persist() {
    if (store == null) {
      return;
    }
    // A refresh that changed nothing costs no pass over the files: only the first persist, while
    // the store still knows files this cache has not seen, looks for ones that vanished.
    boolean write = storeStale;
    if (!write && store.size() > 0) {
      Set<String> present = new HashSet<>();
      for (DirState state : states) {
        for (CachedSpecFile f : state.byName.values()) {
          if (f.storable()) {
            present.add(f.path.toString());
          }
        }
      }
      write = store.holdsVanished(present);
    }
    if (write) {
      List<CachedSpecFile> entries = new ArrayList<>();
      for (DirState state : states) {
        entries.addAll(state.byName.values());
      }
      store.write(entries); // keeps the storable ones
      storeStale = false;
    }
    // from now on this cache knows every file the store could tell it of, and marks itself stale
    // when a file is dropped
    store.settle();
  }

  /** Returns whether anything changed since the last {@link #snapshot}. */
  public boolean dirty() {
    return dirty;
  }

  private void unlisted(DirState state, String error) {
    state.listed = false;
    setDirError(state, error);
    if (!state.byName.isEmpty()) {
      for (CachedSpecFile f : state.byName.values()) {
        deviceIndex.replace(f, null);
        storeStale |= store != null && f.storable();
      }
      state.clear();
      dirty = true;
    }
  }

  private void setDirError(DirState state, String error) {
    if (!java.util.Objects.equals(state.error, error)) {
      state.error = error;
      dirty = true;
    }
  }

  private void put(DirState state, String name, CachedSpecFile file) {
    CachedSpecFile old = state.set(name, file);
    if (old != file) {
      deviceIndex.replace(old, file);
      trackErrors(state, old, file);
      dirty = true;
    }
  }

  private void drop(DirState state, String name) {
    CachedSpecFile old = state.unset(name);
    if (old != null) {
      storeStale |= store != null && old.storable();
      deviceIndex.replace(old, null);
      trackErrors(state, old, null);
      dirty = true;
    }
  }

  /** Keeps each directory's set of files with errors, so a snapshot need not visit every file. */
  private static void trackErrors(DirState state, CachedSpecFile old, CachedSpecFile now) {
    if (old != null) {
      state.errored.remove(old);
    }
    if (now != null && !now.errors.isEmpty()) {
      state.errored.add(now);
    }
  }

  /** Re-reads the file only if its stamp changed or cannot be trusted, and re-parses it only if its content did. */
  private void examine(int index, String name) {
    Pending p = stat(index, name);
    if (p != null) {
      apply(states[index], readAndLoad(index, p));
    }
  }

  /**
   * Examines the stamp of file {@code name}: settles what needs no reading (gone, a directory, not
   * a regular file, unchanged) and returns {@code null}, or returns what must be read.
   */
  private Pending stat(int index, String name) {
    return decide(index, stampOf(index, name));
  }

  /** A file's stamp as read just now, or why it could not be read; touches no shared state. */
  private record Stamped(String name, Path path, long captured, FileStamp stamp, IOException error) {}

  private Stamped stampOf(int index, String name) {
    Path path = dirs.get(index).resolve(name);
    long captured = clock.getAsLong();
    try {
      return new Stamped(name, path, captured, FileStamp.read(path), null);
    } catch (IOException e) {
      return new Stamped(name, path, captured, null, e);
    }
  }

  private Pending decide(int index, Stamped st) {
    DirState state = states[index];
    String name = st.name();
    Path path = st.path();
    long captured = st.captured();
    FileStamp stamp = st.stamp();
    if (st.error() instanceof NoSuchFileException || st.error() instanceof NotDirectoryException) {
      gone(state, name, path);
      return null;
    }
    if (st.error() != null) {
      put(state, name, CachedSpecFile.failed(path, null, captured, null, List.of(readError(path, st.error()))));
      return null;
    }
    if (stamp.type() == FileStamp.Type.DIRECTORY) {
      // Discovery is one level deep: a directory named x.yaml is not a spec (cdi-reference.md §5).
      drop(state, name);
      return null;
    }
    if (stamp.type() != FileStamp.Type.REGULAR) {
      // Never open a FIFO or device: reading it could block the refresh forever.
      put(state, name, CachedSpecFile.failed(path, null, captured, null, List.of(path + ": " + SpecFileProblems.NOT_REGULAR)));
      return null;
    }
    CachedSpecFile old = state.byName.get(name);
    if (old == null && store != null) {
      old = store.restore(path, index);
      if (old != null && old.unchangedBy(stamp)) {
        filesRestored++;
        putRestored(state, name, old);
        return null;
      }
    }
    if (old != null && old.unchangedBy(stamp)) {
      return null;
    }
    return new Pending(name, path, stamp, captured, old);
  }

  /** Reads and, if its content changed, parses a pending file; touches no shared state. */
  private Loaded readAndLoad(int index, Pending p) {
    byte[] content;
    try {
      content = read(p.path());
    } catch (NoSuchFileException e) {
      return new Loaded(p, true, false, false, null);
    } catch (IOException e) {
      return new Loaded(p, false, false, false,
          CachedSpecFile.failed(p.path(), null, p.captured(), null, List.of(readError(p.path(), e))));
    }
    byte[] digest = sha256(content);
    if (p.old() != null && p.old().sameContent(digest)) {
      return new Loaded(p, false, true, true, null);
    }
    return new Loaded(p, false, true, false, load(index, p.path(), p.name(), p.stamp(), p.captured(), content, digest));
  }

  /** Records what reading a pending file gave. */
  private void apply(DirState state, Loaded l) {
    Pending p = l.pending();
    if (l.gone()) {
      gone(state, p.name(), p.path());
      return;
    }
    if (l.read()) {
      filesRead++;
    }
    if (l.restamp()) {
      // Same content under a new stamp: nothing a reader sees changes.
      CachedSpecFile restamped = p.old().restamped(p.stamp(), p.captured());
      storeStale = true;
      if (state.byName.get(p.name()) != p.old()) {
        // from the store: new to this cache
        filesRestored++;
        putRestored(state, p.name(), restamped);
        return;
      }
      state.set(p.name(), restamped);
      trackErrors(state, p.old(), restamped);
      return;
    }
    if (l.read()) {
      filesParsed++;
      storeStale = true;
    }
    put(state, p.name(), l.entry());
  }

  /** Adds an entry taken from the store, and logs its warnings as parsing it would have. */
  private void putRestored(DirState state, String name, CachedSpecFile file) {
    put(state, name, file);
    for (CachedSpecFile.Warning w : file.warnings) {
      warn(w);
    }
  }

  private static void warn(CachedSpecFile.Warning w) {
    // a warning already: the logger says so, the text need not ("cdi: warning: PATH: FIELD: MESSAGE")
    LOG.log(System.Logger.Level.WARNING, "{0}: {1}", w.location(), w.text());
  }

  /** A name that does not resolve: a vanished file is dropped, a dangling symbolic link is an error. */
  private void gone(DirState state, String name, Path path) {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      put(state, name, CachedSpecFile.failed(path, null, clock.getAsLong(), null,
          List.of(path + ": " + SpecFileProblems.DANGLING)));
    } else {
      drop(state, name);
    }
  }

  private static String readError(Path path, IOException e) {
    return path + ": " + SpecFileProblems.readError(e);
  }

  private byte[] read(Path path) throws IOException {
    long limit = reader.limits().maxBytes();
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    }
  }

  private CachedSpecFile load(int index, Path path, String name, FileStamp stamp, long captured, byte[] content, byte[] digest) {
    SpecFormat format = SpecFormat.ofSpecFileName(name).orElseThrow();
    SpecDocument doc;
    try {
      doc = reader.parse(content, format, path.toString());
    } catch (SpecParseException e) {
      List<String> errors = new ArrayList<>();
      for (SpecParseException.Problem p : e.problems()) {
        errors.add(e.source() + ":" + (p.position() == null ? "1:1" : p.position().toString()) + ": " + p.message());
      }
      return CachedSpecFile.failed(path, stamp, captured, digest, errors);
    } catch (RuntimeException e) {
      // A fault in a parser library costs this file, never the refresh of every other one.
      LOG.log(System.Logger.Level.ERROR, path + ": the spec reader failed", e);
      return CachedSpecFile.failed(path, stamp, captured, digest,
          List.of(path + ":1:1: failed to read spec file: internal error (" + e.getClass().getSimpleName() + "); please report it"));
    }
    List<String> errors = new ArrayList<>();
    List<CachedSpecFile.Warning> warnings = new ArrayList<>();
    for (Violation v : SpecValidator.validate(doc)) {
      if (v.isError()) {
        errors.add(doc.locate(v.path()) + ": " + v);
      } else {
        CachedSpecFile.Warning w = new CachedSpecFile.Warning(doc.locate(v.path()), (v.path().isEmpty() ? "" : v.path() + ": ") + v.message());
        warnings.add(w);
        warn(w);
      }
    }
    Kind kind = null;
    if (errors.isEmpty()) {
      try {
        kind = doc.spec().parsedKind();
      } catch (InvalidNameException e) {
        errors.add(doc.locate("kind") + ": " + e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      return new CachedSpecFile(path, stamp, captured, digest, null, List.of(), errors, warnings, null);
    }
    return loaded(path, index, stamp, captured, digest, doc.spec(), kind, warnings, null);
  }

  /**
   * Returns the entry of a file that holds the valid spec {@code spec}, restored from a store.
   *
   * @throws InvalidNameException when the spec's kind is not valid (a damaged store entry)
   */
  static CachedSpecFile loaded(Path path, int index, FileStamp stamp, long captured, byte[] digest, Spec spec,
      List<CachedSpecFile.Warning> warnings, SpecStore.Payload payload) {
    return loaded(path, index, stamp, captured, digest, spec, spec.parsedKind(), warnings, payload);
  }

  private static CachedSpecFile loaded(Path path, int index, FileStamp stamp, long captured, byte[] digest, Spec spec,
      Kind kind, List<CachedSpecFile.Warning> warnings, SpecStore.Payload payload) {
    RegisteredSpec registered = new RegisteredSpec(path, index, spec, kind.vendor(), kind.className());
    List<RegisteredDevice> devices = new ArrayList<>();
    String prefix = registered.kind() + "=";
    for (Device d : spec.devices()) {
      devices.add(new RegisteredDevice(prefix + d.name(), d, registered));
    }
    return new CachedSpecFile(path, stamp, captured, digest, registered, devices, List.of(), warnings, payload);
  }

  private static byte[] sha256(byte[] content) {
    return Sha256.digest(content);
  }

  /**
   * Builds the registry's view from the cached files, as the reference's refresh does (cdi-reference.md
   * §5): files in scan order; a device of a higher-priority directory replaces a lower one; two files
   * of one directory defining a device is a conflict recorded on both, and the device is removed
   * entirely.
   *
   * @param dirErrors further directory errors (e.g. from watching), keyed by directory
   */
  public Snapshot snapshot(Map<Path, List<String>> dirErrors) {
    dirty = false;
    lastTouched = deviceIndex.resolveTouched();
    Map<Path, List<String>> errors = new HashMap<>();
    int count = 0;
    for (int i = 0; i < states.length; i++) {
      if (states[i].error != null) {
        errors.computeIfAbsent(dirs.get(i), k -> new ArrayList<>()).add(states[i].error);
      }
      count += states[i].specs.size();
    }
    for (DirState state : states) { // priority order: a path listed twice reports in scan order
      for (CachedSpecFile file : state.errored) {
        errors.computeIfAbsent(file.path, k -> new ArrayList<>()).addAll(file.errors);
      }
    }
    for (Path file : deviceIndex.filesInConflict()) {
      errors.computeIfAbsent(file, k -> new ArrayList<>()).addAll(deviceIndex.conflictErrors(file));
    }
    dirErrors.forEach((dir, list) -> errors.computeIfAbsent(dir, k -> new ArrayList<>()).addAll(list));

    Map<Path, List<String>> sortedErrors = new LinkedHashMap<>();
    errors.keySet().stream().sorted().forEach(p -> sortedErrors.put(p, List.copyOf(errors.get(p))));
    // scan order: directories by priority, each in name order, copied as arrays
    List<RegisteredSpec> specs = new ArrayList<>(count);
    for (DirState state : states) {
      specs.addAll(state.specs);
    }
    return new Snapshot(deviceIndex.winners(), java.util.Collections.unmodifiableList(specs), java.util.Collections.unmodifiableMap(sortedErrors));
  }

  /** Returns the device names whose definitions changed between the last two snapshots. */
  public Set<String> lastTouched() {
    return lastTouched;
  }

  private static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int k = 0; k < n; k++) {
      char ca = a.charAt(k);
      char cb = b.charAt(k);
      if (ca != cb) {
        boolean sa = Character.isSurrogate(ca);
        boolean sb = Character.isSurrogate(cb);
        // UTF-16 order differs from code point order only where a surrogate (a code point above
        // U+FFFF) meets a char of U+E000..U+FFFF: the surrogate's code point is the larger.
        if (sa != sb) {
          return sa ? 1 : -1;
        }
        return ca - cb;
      }
    }
    return a.length() - b.length();
  }
}
