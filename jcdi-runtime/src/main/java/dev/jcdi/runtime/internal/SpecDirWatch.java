package dev.jcdi.runtime.internal;

import dev.jcdi.spec.internal.IoMessages;
import dev.jcdi.spec.internal.SpecFileProblems;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.jcdi.spec.SpecFormat;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Watches spec directories with a {@link WatchService} on one daemon thread and reports, in
 * batches, which spec files to re-read and which directories to rescan.
 *
 * <p>Bursts are coalesced: a batch is reported once no event came for {@link #QUIET_MILLIS}, or
 * {@link #MAX_DELAY_MILLIS} after its first event. A missing spec directory's nearest existing
 * ancestor is watched, so its creation is noticed at once; a watched directory's deletion ends its
 * watch, which is noticed at once too. Every {@link #POLL_MILLIS} the directories are checked again
 * (a directory renamed away keeps its watch, so only this notices that another one took its
 * place), and a directory that cannot be watched is rescanned instead (its stamps make that cheap).
 */
public final class SpecDirWatch implements AutoCloseable {
  /** The logger, looked up when first used: finding the logger finder costs a cold process ~10 ms. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(SpecDirWatch.class.getName());
  }

  static final long QUIET_MILLIS = 30;
  static final long MAX_DELAY_MILLIS = 300;
  static final long POLL_MILLIS = 1_000;

  /**
   * What to refresh.
   *
   * @param rescanDirs spec directories to rescan whole
   * @param files per spec directory, the spec file names that had events
   * @param errorsChanged whether {@link #errors()} changed
   */
  public record Changes(Set<Path> rescanDirs, Map<Path, Set<String>> files, boolean errorsChanged) {
    public boolean isEmpty() {
      return rescanDirs.isEmpty() && files.isEmpty() && !errorsChanged;
    }
  }

  /** Receives the batches, on the watch thread. */
  @FunctionalInterface
  public interface Sink {
    void accept(Changes changes);
  }

  private record Watched(WatchKey key, Object fileKey) {}

  private final List<Path> dirs;
  private final List<Path> absDirs;
  private final WatchService service;
  private final Map<Path, Watched> watched = new HashMap<>();
  private final Map<WatchKey, Path> keyPaths = new HashMap<>();
  private final boolean[] present;
  private final Map<Path, List<String>> errors = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile Sink sink;
  private volatile boolean closed;
  /** Wakes the polling loop when there is no watch service; counted down once, by {@link #close}. */
  private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);

  /** Accumulates one batch. */
  private final class Pending {
    final Set<Path> rescan = new LinkedHashSet<>();
    final Map<Path, Set<String>> files = new LinkedHashMap<>();
    boolean reconcile;
    boolean errorsChanged;

    Changes changes() {
      Map<Path, Set<String>> f = new LinkedHashMap<>();
      files.forEach((d, names) -> {
        if (!rescan.contains(d)) {
          f.put(d, Set.copyOf(names));
        }
      });
      return new Changes(Set.copyOf(rescan), f, errorsChanged);
    }
  }

  /**
   * Starts watching {@code dirs} (distinct, in any order) now, so that nothing that happens after
   * this returns is missed; batches go to the sink passed to {@link #start}.
   */
  public SpecDirWatch(List<Path> dirs, String threadName) {
    this(dirs, threadName, () -> FileSystems.getDefault().newWatchService());
  }

  /** Opens a watch service; lets tests see what happens when none can be had. */
  @FunctionalInterface
  interface ServiceFactory {
    WatchService open() throws IOException;
  }

  SpecDirWatch(List<Path> dirs, String threadName, ServiceFactory factory) {
    this.dirs = List.copyOf(new LinkedHashSet<>(dirs));
    this.absDirs = this.dirs.stream().map(d -> d.toAbsolutePath().normalize()).toList();
    this.present = new boolean[this.dirs.size()];
    WatchService ws = null;
    try {
      ws = factory.open();
    } catch (IOException | UnsupportedOperationException e) {
      // Without a watcher every directory is polled; the error says why changes show up late.
      for (Path d : this.dirs) {
        errors.put(d, List.of("failed to create watcher: " + e.getMessage()));
      }
      Log.LOG.log(System.Logger.Level.WARNING, "cannot watch spec directories, polling them: {0}",
          e instanceof IOException io ? IoMessages.reason(io) : e.getMessage());
    }
    this.service = ws;
    if (service != null) {
      reconcile(new Pending());
    }
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
  }

  /** Starts the watch thread, which reports to {@code target}. */
  public void start(Sink target) {
    this.sink = Objects.requireNonNull(target, "target");
    thread.start();
  }

  /** Returns the directories that cannot be watched (or whose watch failed), with why. */
  public Map<Path, List<String>> errors() {
    return Map.copyOf(errors);
  }

  /** Stops the thread and releases the watch; waits briefly for the thread to end. */
  @Override
  public void close() {
    closed = true;
    closing.countDown();
    if (service != null) {
      try {
        service.close();
      } catch (IOException e) {
        Log.LOG.log(System.Logger.Level.DEBUG, "closing the watch service: {0}", e.toString());
      }
    }
    // No interrupt: it would close a spec file channel the thread may be reading and record a
    // bogus error. Closing the service (or the latch) wakes the thread instead.
    if (thread != Thread.currentThread() && thread.isAlive()) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    long nextPoll = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
    while (!closed) {
      Pending p = new Pending();
      try {
        long waitNanos = Math.max(0, nextPoll - System.nanoTime());
        WatchKey key = service == null ? sleep(waitNanos) : service.poll(waitNanos, TimeUnit.NANOSECONDS);
        if (key != null) {
          handle(key, p);
          long first = System.nanoTime();
          long last = first;
          while (true) {
            long deadline = Math.min(last + TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS), first + TimeUnit.MILLISECONDS.toNanos(MAX_DELAY_MILLIS));
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
              break;
            }
            WatchKey more = service.poll(remaining, TimeUnit.NANOSECONDS);
            if (more != null) {
              handle(more, p);
              last = System.nanoTime();
            }
          }
        }
        if (System.nanoTime() - nextPoll >= 0) {
          nextPoll = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
          poll(p);
        }
        if (p.reconcile && service != null) {
          reconcile(p);
        }
      } catch (ClosedWatchServiceException | InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        Log.LOG.log(System.Logger.Level.WARNING, "spec directory watch failed, rescanning", e);
        p.rescan.addAll(dirs);
      }
      Changes changes = p.changes();
      if (!changes.isEmpty() && !closed) {
        try {
          sink.accept(changes);
        } catch (RuntimeException e) {
          Log.LOG.log(System.Logger.Level.WARNING, "refreshing after a spec directory change failed", e);
        }
      }
    }
  }

  private WatchKey sleep(long nanos) throws InterruptedException {
    closing.await(nanos, TimeUnit.NANOSECONDS);
    return null;
  }

  /** The periodic check: re-verify the watches, rescan what is not watched. */
  private void poll(Pending p) {
    p.reconcile = true;
    for (int j = 0; j < dirs.size(); j++) {
      if (service == null || errors.containsKey(dirs.get(j))) {
        p.rescan.add(dirs.get(j));
      }
    }
  }

  private void handle(WatchKey key, Pending p) {
    Path at = keyPaths.get(key);
    for (WatchEvent<?> event : key.pollEvents()) {
      if (at == null) {
        continue;
      }
      if (event.kind() == OVERFLOW) {
        p.reconcile = true;
        for (int j = 0; j < dirs.size(); j++) {
          if (absDirs.get(j).equals(at)) {
            p.rescan.add(dirs.get(j));
          }
        }
        continue;
      }
      Path name = (Path) event.context();
      String fileName = name.toString();
      boolean specFile = SpecFormat.ofSpecFileName(fileName).isPresent();
      Path child = at.resolve(name);
      // A name without text that names it cannot be refreshed by name: its directory is rescanned.
      boolean byName = specFile && SpecFileProblems.unusableName(child).isEmpty();
      for (int j = 0; j < dirs.size(); j++) {
        Path dir = absDirs.get(j);
        if (specFile && !byName && dir.equals(at)) {
          p.rescan.add(dirs.get(j));
        } else if (specFile && dir.equals(at)) {
          p.files.computeIfAbsent(dirs.get(j), k -> new LinkedHashSet<>()).add(fileName);
        } else if (dir.startsWith(child)) {
          // The spec directory itself, or a directory on its way, appeared, vanished or was renamed.
          p.reconcile = true;
        }
      }
    }
    if (!key.reset()) {
      keyPaths.remove(key);
      Watched w = watched.get(at);
      if (w != null && w.key() == key) {
        watched.remove(at);
      }
      p.reconcile = true;
    }
  }

  /**
   * Makes the watches match the filesystem: each existing spec directory watched (again, if it was
   * replaced) and rescanned when its watch is new, each vanished one rescanned (to empty) and its
   * nearest existing ancestor watched so that its appearance is seen. A spec directory that cannot
   * be watched gets an error and is rescanned at every poll instead.
   */
  private void reconcile(Pending p) {
    Set<Path> needed = new HashSet<>();
    for (int j = 0; j < dirs.size(); j++) {
      Path dir = dirs.get(j);
      Path abs = absDirs.get(j);
      Object fileKey = directoryKey(abs);
      if (fileKey != null) {
        needed.add(abs);
        Registration r = ensureWatched(abs, fileKey);
        if (r != Registration.KEPT) {
          p.rescan.add(dir);
        }
        setError(p, dir, r == Registration.FAILED ? "failed to monitor for changes: " + lastFailure : null);
      } else {
        if (present[j]) {
          p.rescan.add(dir);
        }
        setError(p, dir, null);
      }
      present[j] = fileKey != null;
      if (fileKey != null) {
        // Its own watch ends when it is deleted; a rename away is caught by the next poll. Not
        // watching the parent of a present directory spares the thread a busy /var/run's events.
        continue;
      }
      for (Path ancestor = abs.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
        Object k = directoryKey(ancestor);
        if (k != null) {
          needed.add(ancestor);
          // A failure here only delays noticing the directory until the next poll.
          ensureWatched(ancestor, k);
          break;
        }
      }
    }
    for (Path w : new ArrayList<>(watched.keySet())) {
      if (!needed.contains(w)) {
        Watched gone = watched.remove(w);
        keyPaths.remove(gone.key());
        gone.key().cancel();
      }
    }
  }

  private enum Registration {
    KEPT,
    REGISTERED,
    FAILED
  }

  /** Why the last {@link #ensureWatched} failed. */
  private String lastFailure;

  /** Watches {@code dir} unless it already is, as the same directory. */
  private Registration ensureWatched(Path dir, Object fileKey) {
    Watched w = watched.get(dir);
    if (w != null && w.key().isValid() && Objects.equals(w.fileKey(), fileKey)) {
      return Registration.KEPT;
    }
    if (w != null) {
      keyPaths.remove(w.key());
      w.key().cancel();
      watched.remove(dir);
    }
    try {
      WatchKey key = dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
      watched.put(dir, new Watched(key, fileKey));
      keyPaths.put(key, dir);
      return Registration.REGISTERED;
    } catch (IOException e) {
      lastFailure = IoMessages.reason(e);
      Log.LOG.log(System.Logger.Level.DEBUG, "cannot watch {0}: {1}", dir, e.toString());
      return Registration.FAILED;
    }
  }

  private void setError(Pending p, Path dir, String error) {
    List<String> now = error == null ? null : List.of(error);
    List<String> before = now == null ? errors.remove(dir) : errors.put(dir, now);
    if (!Objects.equals(before, now)) {
      p.errorsChanged = true;
    }
  }

  /** Returns the file key of {@code path} if it is a directory (following links), else {@code null}. */
  private static Object directoryKey(Path path) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      if (!a.isDirectory()) {
        return null;
      }
      return a.fileKey() != null ? a.fileKey() : path;
    } catch (IOException e) {
      return null;
    }
  }
}
