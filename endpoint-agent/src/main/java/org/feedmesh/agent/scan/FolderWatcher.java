package org.feedmesh.agent.scan;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a folder and every directory below it (registering new directories as they appear,
 * never following symlinks, skipping ignored directories) and reports changed paths, relative to
 * the folder, in batches: a batch is delivered once no event arrived for {@code debounce} (default
 * 200 ms), or at the latest {@code max(10 × debounce, 2 s)} after its first event, so a file that
 * is written for a long time is still reported. Ignored paths are left out. When events of a
 * directory were dropped ({@code OVERFLOW}: more arrived than the system or the JDK queues per
 * directory) the watcher cannot say what changed in it: it hands that directory to {@code
 * overflow}, and the caller scans it, with everything below it. {@code ""} stands for the whole
 * folder (events lost without saying where).
 *
 * <p>Both callbacks run on the watcher's own thread, one at a time; events that arrive meanwhile
 * wait for the next batch. A slow callback delays reporting; one that throws is logged.
 */
public final class FolderWatcher implements AutoCloseable {
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(200);
  private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);

  private final Path folder;
  private volatile IgnoreRules rules;
  private final Registrar registrar;
  /** Directories the kernel would not watch (the watch limit): found by the periodic rescan. */
  private final Set<Path> unwatched = ConcurrentHashMap.newKeySet();
  private final long debounceNanos;
  private final long maxDelayNanos;
  private final Consumer<Set<String>> changed;
  private final Consumer<Set<String>> overflow;
  private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
  private final Set<String> pending = new TreeSet<>();
  private WatchService service;
  private Thread thread;
  private volatile boolean running;
  /** Directories whose events were lost since the last batch ("" for all): to be scanned. */
  private final Set<String> lost = new TreeSet<>();
  private long firstEvent;
  private long lastEvent;

  public FolderWatcher(Path folder, IgnoreRules rules, Duration debounce,
      Consumer<Set<String>> changed, Consumer<Set<String>> overflow) {
    this(folder, rules, debounce, changed, overflow,
        (dir, service) -> dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
  }

  /**
   * Registers one directory with the watch service. Tests replace it to see the kernel refuse, as
   * it does past {@code fs.inotify.max_user_watches}.
   */
  interface Registrar {
    WatchKey register(Path dir, WatchService service) throws IOException;
  }

  FolderWatcher(Path folder, IgnoreRules rules, Duration debounce, Consumer<Set<String>> changed,
      Consumer<Set<String>> overflow, Registrar registrar) {
    this.registrar = Objects.requireNonNull(registrar, "registrar");
    this.folder = folder.toAbsolutePath().normalize();
    this.rules = Objects.requireNonNull(rules, "rules");
    if (debounce.isNegative() || debounce.isZero()) {
      throw new IllegalArgumentException("debounce must be positive, got " + debounce);
    }
    this.debounceNanos = debounce.toNanos();
    this.maxDelayNanos = Math.max(10 * debounceNanos, Duration.ofSeconds(2).toNanos());
    this.changed = Objects.requireNonNull(changed, "changed");
    this.overflow = Objects.requireNonNull(overflow, "overflow");
  }

  /**
   * Registers the folder tree and starts the watcher thread. Changes made before this returns may
   * be missed: scan after starting the watcher, not before.
   *
   * @throws UncheckedIOException when the folder cannot be watched
   */
  public synchronized void start() {
    if (service != null) {
      throw new IllegalStateException("watcher of " + folder + " already started");
    }
    try {
      service = folder.getFileSystem().newWatchService();
      registerTree(folder, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch " + folder, e);
    }
    running = true;
    thread = new Thread(this::loop, "feedmesh-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Follows {@code fresh} from now on ({@code .feedmeshignore} changed): paths they ignore are no
   * longer reported, and directories they no longer ignore are watched. Reports nothing itself:
   * the caller scans the folder.
   */
  public void rules(IgnoreRules fresh) {
    this.rules = Objects.requireNonNull(fresh, "rules");
    synchronized (this) {
      if (service == null || !running) {
        return;
      }
    }
    try {
      registerTree(folder, false);
    } catch (IOException | ClosedWatchServiceException e) {
      log.warn("cannot watch the directories of {} the new ignore rules let in: {}", folder, e.toString());
    }
  }

  /** Stops watching; waits for a callback in progress unless called from one. */
  @Override
  public synchronized void close() {
    running = false;
    if (service == null) {
      return;
    }
    try {
      service.close();
    } catch (IOException e) {
      log.debug("closing the watch service of {}: {}", folder, e.toString());
    }
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    try {
      while (running) {
        WatchKey key = pending.isEmpty() && lost.isEmpty()
            ? service.take()
            : service.poll(Math.max(1, waitNanos()), TimeUnit.NANOSECONDS);
        while (key != null) {
          handle(key);
          key = service.poll();
        }
        if ((!pending.isEmpty() || !lost.isEmpty()) && waitNanos() <= 0) {
          deliver();
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // closed: done
    }
  }

  /** Nanoseconds until the pending batch is due. */
  private long waitNanos() {
    long now = System.nanoTime();
    return Math.min(lastEvent + debounceNanos, firstEvent + maxDelayNanos) - now;
  }

  private void handle(WatchKey key) {
    Path dir = keys.get(key);
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == OVERFLOW) {
        String where = dir == null ? "" : relative(dir);
        log.info("{}: too many changes at once in {}; it is scanned instead", folder,
            where.isEmpty() ? "the folder" : where);
        noteEvent();
        lost.add(where);
      } else if (dir != null) {
        Path child = dir.resolve((Path) event.context());
        boolean isDir = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
        if (note(child, isDir) && isDir && event.kind() == ENTRY_CREATE) {
          registerNewTree(child);
        }
      }
    }
    if (!key.reset()) {
      keys.remove(key);
    }
  }

  /**
   * Records {@code path} as changed unless ignored; returns whether it was. {@code .feedmeshignore}
   * is reported even when it ignores itself: a change of the rules must be noticed.
   */
  private boolean note(Path path, boolean isDir) {
    String rel = relative(path);
    if (rel.isEmpty() || rules.ignored(rel, isDir) && !rel.equals(IgnoreRules.FILE_NAME)) {
      return false;
    }
    noteEvent();
    pending.add(rel);
    return true;
  }

  private String relative(Path path) {
    return folder.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
  }

  private void noteEvent() {
    long now = System.nanoTime();
    if (pending.isEmpty() && lost.isEmpty()) {
      firstEvent = now;
    }
    lastEvent = now;
  }

  private void registerNewTree(Path dir) {
    try {
      registerTree(dir, true);
    } catch (IOException e) {
      log.warn("cannot watch new directory {}: {}", dir, e.toString());
    }
  }

  /**
   * Registers {@code dir} and the directories below it. With {@code report}, also reports every
   * path found: entries created before the registration produced no event of their own.
   */
  private void registerTree(Path dir, boolean report) throws IOException {
    try {
      keys.put(registrar.register(dir, service), dir);
      unwatched.remove(dir);
    } catch (NoSuchFileException | NotDirectoryException | ClosedWatchServiceException e) {
      throw e;
    } catch (IOException e) {
      cannotWatch(dir, e); // the rest is still watched, and what is below it still walked
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        boolean isDir = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
        String rel = folder.relativize(child).toString();
        if (rules.ignored(rel.replace(child.getFileSystem().getSeparator(), "/"), isDir)) {
          continue;
        }
        if (report) {
          note(child, isDir);
        }
        if (isDir) {
          try {
            registerTree(child, report);
          } catch (NoSuchFileException | NotDirectoryException e) {
            log.debug("{} went away while it was being watched", child);
          }
        }
      }
    }
  }

  /**
   * The kernel refused to watch {@code dir}, most likely because the user's inotify watch limit is
   * reached: said once at WARN with what to do; changes there are found by the periodic rescan.
   */
  private void cannotWatch(Path dir, IOException e) {
    boolean first = unwatched.isEmpty();
    if (!unwatched.add(dir)) {
      return;
    }
    if (first) {
      log.warn("cannot watch {} ({}); changes in directories that cannot be watched are found by the"
          + " periodic rescan instead, minutes later. On Linux, raise fs.inotify.max_user_watches"
          + " (sysctl) to watch more", dir, e.getMessage());
    } else {
      log.debug("cannot watch {} either: {}", dir, e.getMessage());
    }
  }

  /** How many directories could not be watched (see {@link #cannotWatch}). */
  public int unwatchedCount() {
    return unwatched.size();
  }

  private void deliver() {
    Set<String> batch = Set.copyOf(pending);
    pending.clear();
    Set<String> lostDirs = lost.contains("") ? Set.of("") : Set.copyOf(FolderScanner.outermost(lost));
    lost.clear();
    for (String d : lostDirs) {
      try {
        registerTree(folder.resolve(d), false); // directories made meanwhile went unseen too
      } catch (IOException e) {
        log.warn("cannot watch {} again: {}", d, e.toString());
      }
    }
    try {
      if (!lostDirs.isEmpty()) {
        overflow.accept(lostDirs);
      }
      if (!batch.isEmpty()) {
        changed.accept(batch);
      }
    } catch (RuntimeException e) {
      log.warn("a change callback for {} failed", folder, e);
    }
  }
}
