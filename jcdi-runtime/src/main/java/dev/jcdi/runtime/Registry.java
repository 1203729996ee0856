package dev.jcdi.runtime;

import dev.jcdi.oci.OciConfig;
import dev.jcdi.runtime.internal.OrderedDelivery;
import dev.jcdi.runtime.internal.Snapshot;
import dev.jcdi.runtime.internal.SnapshotDiff;
import dev.jcdi.runtime.internal.SpecCache;
import dev.jcdi.runtime.internal.SpecDirWatch;
import dev.jcdi.runtime.internal.SpecStore;
import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecFiles;
import dev.jcdi.spec.SpecFormat;
import dev.jcdi.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The CDI devices defined by the spec files of a list of spec directories (the reference calls it
 * the cache): lookup, listings, errors, and injection into OCI configs.
 *
 * <p>Directories are in priority order: a device defined in a later directory replaces one of an
 * earlier directory; two files of the same directory defining a device is a conflict that removes
 * the device (cdi-reference.md §5). A file that cannot be read or is invalid is an error for that
 * path and contributes nothing.
 *
 * <p>A refresh re-reads only the files that appeared, vanished or changed. With {@link
 * Builder#autoRefresh(boolean) auto-refresh}, a daemon thread watches the directories and refreshes
 * the files named in each burst of events; {@link #close()} stops it. Every query answers from one
 * immutable snapshot that a refresh replaces atomically: readers never block and never see a
 * half-refreshed state. Listeners get the changes as {@link RegistryEvent}s.
 *
 * <p>Thread-safe.
 */
public final class Registry implements AutoCloseable {
  /** The logger, looked up when first used: finding the logger finder costs a cold process ~10 ms. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(Registry.class.getName());
  }

  /** The spec directories used when none are given: {@code /etc/cdi}, then {@code /var/run/cdi}. */
  public static final List<Path> DEFAULT_SPEC_DIRS = List.of(Path.of("/etc/cdi"), Path.of("/var/run/cdi"));

  private final List<Path> specDirs;
  private final boolean autoRefresh;
  private final HookPolicy hookPolicy;
  private final ReentrantLock refreshLock = new ReentrantLock();
  /** Guarded by {@link #refreshLock}. */
  private final SpecCache cache;
  /** Guarded by {@link #refreshLock}; what the watch errors were at the last snapshot. */
  private Map<Path, List<String>> lastWatchErrors = Map.of();
  private volatile Snapshot snapshot = Snapshot.EMPTY;
  private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
  private final OrderedDelivery<RegistryEvent> delivery = new OrderedDelivery<>(this::deliver);
  private final SpecDirWatch watch;

  /** Options for a {@link Registry}. */
  public static final class Builder {
    private List<Path> specDirs = DEFAULT_SPEC_DIRS;
    private boolean autoRefresh;
    private SpecReader reader = SpecReader.standard();
    private HookPolicy hookPolicy = HookPolicy.allowAll();
    private Path persistentCache;

    private Builder() {}

    /**
     * Sets the spec directories, lowest priority first; each is normalized ({@code /a/b/../c/} is
     * {@code /a/c}). An empty list means {@link #DEFAULT_SPEC_DIRS}.
     *
     * @param dirs the spec directories
     * @return this builder
     */
    public Builder specDirs(List<Path> dirs) {
      List<Path> copy = new ArrayList<>();
      for (Path d : Objects.requireNonNull(dirs, "dirs")) {
        copy.add(Objects.requireNonNull(d, "spec directory").normalize());
      }
      specDirs = copy.isEmpty() ? DEFAULT_SPEC_DIRS : List.copyOf(copy);
      return this;
    }

    /**
     * Sets the spec directories, lowest priority first.
     *
     * @param dirs the spec directories
     * @return this builder
     */
    public Builder specDirs(Path... dirs) {
      return specDirs(Arrays.asList(dirs));
    }

    /**
     * Sets whether a daemon thread watches the directories and refreshes on changes. Off by default:
     * then only {@link Registry#refresh()} (and the registry's own writes) refresh.
     *
     * @param on whether to watch
     * @return this builder
     */
    public Builder autoRefresh(boolean on) {
      autoRefresh = on;
      return this;
    }

    /**
     * Sets the reader spec files are read with, e.g. one with other {@link SpecReader.Limits}.
     *
     * @param specReader the reader
     * @return this builder
     */
    public Builder reader(SpecReader specReader) {
      reader = Objects.requireNonNull(specReader, "specReader");
      return this;
    }

    /**
     * Sets which programs injected hooks may run: {@link HookPolicy#allowAll()} by default, as the
     * reference. Under another policy {@link Registry#inject} refuses a device whose hooks (its
     * own or its spec's) run a program the policy does not allow.
     *
     * @param policy the hook policy
     * @return this builder
     */
    public Builder hookPolicy(HookPolicy policy) {
      hookPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Keeps the parsed spec files in {@code file} between processes, so that a short-lived process
     * (a command-line tool, a runtime hook) parses only the spec files that changed since a process
     * last wrote it: the others are taken from the file, and those whose size, times and inode are
     * unchanged (and not changed within the last seconds, see below) are not even read. It changes
     * nothing a registry sees, only how much it parses: a file whose stamp changed is read, and its
     * stored spec is reused only if the content has the same SHA-256; a file changed within the
     * last two seconds before its stamp was taken is always read, since a filesystem's clock may
     * not tell two writes in one tick apart (git's "racy clean" rule).
     *
     * <p>The file is written after a refresh that parsed a spec file or found one changed or gone,
     * by writing a new file and renaming it over the old one. It is read and written only when it
     * and its directory are owned by the user the process runs as and writable by no one else, and
     * it is not a symbolic link; a missing directory is created (mode 0700) only under a directory
     * that user owns. A file that is missing, untrusted, damaged, or written by another build of
     * jcdi or for a reader with other limits is not used and costs only the parsing. Entries of
     * other spec directories in the file are kept. Off by default.
     *
     * @param file the file, e.g. {@code ~/.cache/jcdi/specs}
     * @return this builder
     */
    public Builder persistentCache(Path file) {
      persistentCache = Objects.requireNonNull(file, "file");
      return this;
    }

    /** {@return a registry with these options, refreshed once; with auto-refresh, watching} */
    public Registry build() {
      return new Registry(this);
    }
  }

  /** {@return a builder with the default options: the default directories, no auto-refresh} */
  public static Builder builder() {
    return new Builder();
  }

  private Registry(Builder b) {
    this.specDirs = b.specDirs;
    this.autoRefresh = b.autoRefresh;
    this.hookPolicy = b.hookPolicy;
    this.cache = new SpecCache(specDirs, b.reader, System::currentTimeMillis,
        b.persistentCache == null ? null : SpecStore.open(b.persistentCache, b.reader, specDirs));
    // Watch before the first scan, so that nothing changing in between is missed.
    this.watch = autoRefresh ? new SpecDirWatch(specDirs, "jcdi-registry-watch") : null;
    refreshLock.lock();
    try {
      cache.refreshAll();
      lastWatchErrors = watchErrors();
      snapshot = cache.snapshot(lastWatchErrors);
      cache.persist();
    } finally {
      refreshLock.unlock();
    }
    if (watch != null) {
      watch.start(this::applyWatchChanges);
    }
  }

  /** {@return the policy for the programs that injected hooks may run} */
  public HookPolicy hookPolicy() {
    return hookPolicy;
  }

  /** {@return the spec directories, lowest priority first} */
  public List<Path> specDirs() {
    return specDirs;
  }

  /** {@return whether a watch thread keeps this registry up to date} */
  public boolean autoRefresh() {
    return autoRefresh;
  }

  /**
   * Brings the registry up to date with the spec directories: re-reads the files that appeared,
   * vanished or changed (by size, modification and change time, inode, and for a recently changed
   * file its content), and rebuilds the device index. Errors are recorded, see {@link #errors()}.
   * Listeners get the changes before this returns, unless it is called from a listener.
   */
  public void refresh() {
    refreshLock.lock();
    try {
      cache.refreshAll();
      publish();
    } finally {
      refreshLock.unlock();
    }
    delivery.drain();
  }

  /**
   * Brings the named spec files up to date, and nothing else: for a caller that knows what changed
   * (it wrote or removed those files), as cheap as the auto-refresh's handling of one event. The
   * result for those files is what {@link #refresh()} would give; changes elsewhere wait for a
   * full refresh.
   *
   * @param files spec files, each directly in one of the spec directories and named {@code *.json}
   *     or {@code *.yaml}; present or not
   * @throws IllegalArgumentException when a path is not such a file; nothing is refreshed
   */
  public void refresh(Collection<Path> files) {
    List<Path> dirs = new ArrayList<>(files.size());
    List<String> names = new ArrayList<>(files.size());
    for (Path f : files) {
      Path file = Objects.requireNonNull(f, "file").normalize();
      // A spec directory "." normalizes to the empty path, the parent of a bare file name.
      Path dir = file.getParent() == null ? file.getFileSystem().getPath("") : file.getParent();
      String name = file.getFileName() == null ? "" : file.getFileName().toString();
      if (!specDirs.contains(dir) || SpecFormat.ofSpecFileName(name).isEmpty()) {
        throw new IllegalArgumentException("not a spec file of a spec directory: " + f);
      }
      dirs.add(dir);
      // a name without text that names the file (SpecFileProblems.unusableName): its directory is rescanned
      names.add(dev.jcdi.spec.internal.SpecFileProblems.unusableName(file).isPresent() ? null : name);
    }
    refreshLock.lock();
    try {
      for (int k = 0; k < names.size(); k++) {
        for (int i = 0; i < specDirs.size(); i++) {
          if (specDirs.get(i).equals(dirs.get(k)) && names.get(k) == null) {
            cache.refreshDir(i);
          } else if (specDirs.get(i).equals(dirs.get(k))) {
            cache.refreshFile(i, names.get(k));
          }
        }
      }
      publish();
    } finally {
      refreshLock.unlock();
    }
    delivery.drain();
  }

  /** {@return the qualified names of all resolvable devices, sorted} */
  public List<String> devices() {
    return snapshot.deviceNames();
  }

  /**
   * {@return all resolvable devices, sorted by qualified name, from one state of the registry (a
   * refresh in between calls to {@link #devices()} and {@link #device} cannot split them)}
   */
  public List<RegisteredDevice> registeredDevices() {
    Snapshot s = snapshot;
    List<RegisteredDevice> out = new ArrayList<>(s.deviceNames().size());
    for (String name : s.deviceNames()) {
      out.add(s.devices().get(name));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * {@return the device with the exact qualified name {@code qualifiedName}, if it resolves}
   *
   * @param qualifiedName the name, {@code vendor/class=name}
   */
  public Optional<RegisteredDevice> device(String qualifiedName) {
    return Optional.ofNullable(snapshot.devices().get(Objects.requireNonNull(qualifiedName, "qualifiedName")));
  }

  /** {@return the vendors of all loaded specs, sorted, each once} */
  public List<String> vendors() {
    return snapshot.vendors();
  }

  /** {@return the device classes of all loaded specs, sorted, each once} */
  public List<String> classes() {
    return snapshot.classes();
  }

  /** {@return every loaded spec, in scan order: by directory priority, then by file name} */
  public List<RegisteredSpec> specs() {
    return snapshot.specs();
  }

  /**
   * {@return the loaded specs of {@code vendor}, in scan order; empty for an unknown vendor}
   *
   * @param vendor the vendor, e.g. {@code vendor.com}
   */
  public List<RegisteredSpec> specs(String vendor) {
    return snapshot.specsByVendor().getOrDefault(Objects.requireNonNull(vendor, "vendor"), List.of());
  }

  /**
   * {@return the errors of the last refresh, sorted by path: for each spec file that failed to read,
   * parse or validate, or that defines a conflicting device, its errors; for each spec directory
   * that cannot be read (or, with auto-refresh, watched), its error} A missing directory is not an
   * error.
   */
  public Map<Path, List<String>> errors() {
    return snapshot.errors();
  }

  /**
   * {@return {@code config} with the requested devices injected (cdi-reference.md §6): for each
   * device in request order, its spec's spec-level edits the first time that spec is seen, then the
   * device's edits, all applied at once} A device requested twice is applied twice, as the
   * reference does. {@code config} itself is never changed.
   *
   * @param config the OCI config to inject into
   * @param qualifiedNames the devices to inject, in request order
   * @throws UnresolvedDevicesException naming every requested name that does not resolve; nothing
   *     is injected
   * @throws HookNotAllowedException naming every hook of the requested devices (theirs or their
   *     specs') that the {@link #hookPolicy()} refuses; nothing is injected
   * @throws InjectionException when the edits cannot be applied
   */
  public OciConfig inject(OciConfig config, String... qualifiedNames) throws InjectionException {
    return inject(config, Arrays.asList(qualifiedNames));
  }

  /**
   * Like {@link #inject(OciConfig, String...)}.
   *
   * @param config the OCI config to inject into
   * @param qualifiedNames the devices to inject, in request order
   * @return {@code config} with the requested devices injected
   * @throws InjectionException as {@link #inject(OciConfig, String...)} throws it
   */
  public OciConfig inject(OciConfig config, List<String> qualifiedNames) throws InjectionException {
    Objects.requireNonNull(config, "config");
    Snapshot s = snapshot;
    List<RegisteredDevice> found = new ArrayList<>(qualifiedNames.size());
    List<String> unresolved = new ArrayList<>();
    for (String name : qualifiedNames) {
      RegisteredDevice d = s.devices().get(Objects.requireNonNull(name, "device name"));
      if (d == null) {
        unresolved.add(name);
      } else {
        found.add(d);
      }
    }
    if (!unresolved.isEmpty()) {
      throw new UnresolvedDevicesException(unresolved);
    }
    checkHooks(found);
    ContainerEdits merged = ContainerEdits.EMPTY;
    Set<RegisteredSpec> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (RegisteredDevice d : found) {
      if (seen.add(d.spec())) {
        merged = merged.append(d.spec().spec().containerEdits());
      }
      merged = merged.append(d.device().containerEdits());
    }
    return EditApplier.apply(config, merged);
  }

  /** Throws when the hook policy refuses a hook that injecting {@code devices} would add. */
  private void checkHooks(List<RegisteredDevice> devices) throws HookNotAllowedException {
    if (hookPolicy.allowsAll()) {
      return;
    }
    List<HookNotAllowedException.Refusal> refused = new ArrayList<>();
    Set<String> checked = new java.util.HashSet<>();
    for (RegisteredDevice d : devices) {
      if (!checked.add(d.qualifiedName())) {
        continue;
      }
      List<dev.jcdi.spec.Hook> hooks = new ArrayList<>();
      hooks.addAll(d.spec().spec().containerEdits().hooks());
      hooks.addAll(d.device().containerEdits().hooks());
      for (dev.jcdi.spec.Hook h : hooks) {
        String reason = hookPolicy.refusal(h.path());
        if (reason != null) {
          refused.add(new HookNotAllowedException.Refusal(d.qualifiedName(), d.spec().path(), h.hookName(), h.path(), reason));
        }
      }
    }
    if (!refused.isEmpty()) {
      throw new HookNotAllowedException(refused);
    }
  }

  /**
   * Writes {@code spec} into the highest-priority (last) spec directory with {@link
   * SpecFiles#write} (validated, lowest fitting version, written atomically), then refreshes that
   * file.
   *
   * @param spec the spec
   * @param name the file name; {@code .yaml} is appended unless it ends in {@code .json} or {@code
   *     .yaml}
   * @return the file written
   * @throws dev.jcdi.spec.InvalidSpecException when the spec is invalid; nothing is written
   * @throws IOException when the file cannot be written
   */
  public Path writeSpec(Spec spec, String name) throws IOException {
    return writeSpec(spec, SpecFiles.WriteOptions.DEFAULT.withFileName(name));
  }

  /**
   * Writes {@code spec} as {@link #writeSpec(Spec, String)} does, under its conventional name
   * ({@link SpecFiles#specName(Spec)}).
   *
   * @param spec the spec
   * @return the file written
   * @throws dev.jcdi.spec.InvalidSpecException when the spec is invalid; nothing is written
   * @throws IOException when the file cannot be written
   */
  public Path writeSpec(Spec spec) throws IOException {
    return writeSpec(spec, SpecFiles.WriteOptions.DEFAULT);
  }

  private Path writeSpec(Spec spec, SpecFiles.WriteOptions options) throws IOException {
    Path dir = specDirs.get(specDirs.size() - 1);
    Path written = SpecFiles.write(dir, spec, options);
    refreshFile(dir, written.getFileName().toString());
    return written;
  }

  /**
   * Removes the spec file {@code name} ({@code .yaml} appended as for {@link #writeSpec}) from the
   * highest-priority spec directory, then refreshes that file. A file that is already gone is not
   * an error.
   *
   * @param name the file name, with or without extension
   * @return whether a file was removed
   * @throws IllegalArgumentException when {@code name} is not a plain file name
   * @throws IOException when the file cannot be removed
   */
  public boolean removeSpec(String name) throws IOException {
    Objects.requireNonNull(name, "name");
    Path dir = specDirs.get(specDirs.size() - 1);
    boolean removed = SpecFiles.remove(dir, name); // rejects a name that is not a plain file name
    String fileName = SpecFiles.withExtension(name);
    refreshFile(dir, fileName);
    return removed;
  }

  /**
   * Registers {@code listener} for the changes of later refreshes.
   *
   * @param listener the listener
   */
  public void addListener(RegistryListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Unregisters {@code listener}; returns whether it was registered.
   *
   * @param listener the listener
   * @return whether it was registered
   */
  public boolean removeListener(RegistryListener listener) {
    return listeners.remove(listener);
  }

  /** Stops the watch thread, if any. The registry still answers, from its last snapshot. */
  @Override
  public void close() {
    if (watch != null) {
      watch.close();
    }
  }

  @Override
  public String toString() {
    return "Registry[specDirs=" + specDirs + ", autoRefresh=" + autoRefresh + "]";
  }

  private void refreshFile(Path dir, String fileName) {
    refresh(List.of(dir.resolve(fileName)));
  }

  private void applyWatchChanges(SpecDirWatch.Changes changes) {
    refreshLock.lock();
    try {
      for (int i = 0; i < specDirs.size(); i++) {
        Path dir = specDirs.get(i);
        if (changes.rescanDirs().contains(dir)) {
          cache.refreshDir(i);
        } else {
          for (String name : changes.files().getOrDefault(dir, Set.of())) {
            cache.refreshFile(i, name);
          }
        }
      }
      publish();
    } finally {
      refreshLock.unlock();
    }
    delivery.drain();
  }

  /** Swaps in a new snapshot if anything changed and queues the events; holds the refresh lock. */
  private void publish() {
    cache.persist();
    Map<Path, List<String>> watchErrors = watchErrors();
    if (!cache.dirty() && watchErrors.equals(lastWatchErrors)) {
      return;
    }
    lastWatchErrors = watchErrors;
    Snapshot before = snapshot;
    Snapshot after = cache.snapshot(watchErrors);
    snapshot = after;
    List<RegistryEvent> events = SnapshotDiff.between(before, after, cache.lastTouched());
    Log.LOG.log(System.Logger.Level.DEBUG, "registry refreshed: {0} devices, {1} files with errors, {2} changes",
        after.devices().size(), after.errors().size(), events.size());
    delivery.enqueue(events);
  }

  private Map<Path, List<String>> watchErrors() {
    return watch == null ? Map.of() : watch.errors();
  }

  private void deliver(RegistryEvent event) {
    for (RegistryListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        Log.LOG.log(System.Logger.Level.WARNING, "registry listener failed on " + event, e);
      }
    }
  }
}
