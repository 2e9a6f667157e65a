package org.feedmesh.agent.scan;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.feedmesh.agent.blocks.FileHasher;
import org.feedmesh.agent.blocks.HashedFile;
import org.feedmesh.agent.index.AgentIndex;
import org.feedmesh.agent.index.IndexEntry;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.RelativePath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the folder on disk with the index's {@code local} metadata and reports the differences
 * as {@link LocalChange}s. Does not write the index: the sync engine does, after publishing.
 *
 * <ul>
 *   <li>Symlinks are never followed: a symlink is reported as {@link FileMeta#symlink}, and a path
 *       below a symlinked directory is not looked at.
 *   <li>A file is re-hashed only when its size or mtime (whole seconds, as {@link FileMeta} keeps
 *       it) differ from the index; a change of mode alone keeps the indexed blocks. Git's "racy"
 *       case is covered: a file whose mtime falls in the second it was hashed (or is hashed now)
 *       could change again within that second without its size or mtime showing it, so such files
 *       are hashed again on the next scan.
 *   <li>A file is stat'ed before and after hashing; if it changed meanwhile it is hashed again (up
 *       to 3 times) or left for a later scan — never reported with a half-written hash.
 *   <li>Directory mtimes are not compared (they change with every entry inside): a directory
 *       changes when it appears, goes, or changes mode.
 *   <li>Names that are not valid {@link RelativePath}s or not in Unicode NFC, devices, pipes and
 *       unreadable directories are skipped with a warning. Ignored paths are not descended into,
 *       and indexed paths that became ignored are not reported as gone.
 * </ul>
 *
 * <p>One scan at a time per instance (callers serialise); {@link #filesHashed} may be read from any
 * thread.
 */
public final class FolderScanner {
  private static final Logger log = LoggerFactory.getLogger(FolderScanner.class);
  private static final int HASH_ATTEMPTS = 3;

  private final Path folder;
  private final AgentIndex index;
  private volatile IgnoreRules rules;
  private final DiskReader disk;
  private final Clock clock;
  /** Paths that could not be read at the last try: said at WARN once, then at DEBUG. */
  private final Set<String> saidUnreadable = ConcurrentHashMap.newKeySet();
  private final Set<String> racy = ConcurrentHashMap.newKeySet();
  /** The exact stat of files the agent itself just put in place, most recent last (bounded). */
  private final Map<String, DiskStat> written =
      Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DiskStat> eldest) {
          return size() > MAX_WRITTEN;
        }
      });
  private static final int MAX_WRITTEN = 65_536;
  private final AtomicLong filesHashed = new AtomicLong();

  /** The ignore rules in force. */
  public IgnoreRules rules() {
    return rules;
  }

  /** Scans by {@code fresh} from now on ({@code .feedmeshignore} changed). */
  public void rules(IgnoreRules fresh) {
    this.rules = Objects.requireNonNull(fresh, "rules");
  }

  /** Whether this folder's ignore rules leave {@code path} out of sync, in either direction. */
  public boolean ignored(String path, boolean dir) {
    return rules.ignored(path, dir);
  }

  public FolderScanner(Path folder, AgentIndex index, IgnoreRules rules, FileHasher hasher) {
    this(folder, index, rules, hasher, Clock.systemUTC());
  }

  public FolderScanner(Path folder, AgentIndex index, IgnoreRules rules, FileHasher hasher,
      Clock clock) {
    this(folder, index, rules, DiskReader.of(hasher), clock);
  }

  FolderScanner(Path folder, AgentIndex index, IgnoreRules rules, DiskReader disk, Clock clock) {
    this.folder = folder.toAbsolutePath().normalize();
    this.index = Objects.requireNonNull(index, "index");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.disk = Objects.requireNonNull(disk, "disk");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * How a scan lists directories and hashes files. Tests replace it to see failures that the
   * root user they run as never meets (a directory or file it may not read).
   */
  interface DiskReader {
    DirectoryStream<Path> list(Path dir) throws IOException;

    HashedFile hash(Path file, java.util.function.LongConsumer progress) throws IOException;

    static DiskReader of(FileHasher hasher) {
      Objects.requireNonNull(hasher, "hasher");
      return new DiskReader() {
        @Override
        public DirectoryStream<Path> list(Path dir) throws IOException {
          return Files.newDirectoryStream(dir);
        }

        @Override
        public HashedFile hash(Path file, java.util.function.LongConsumer progress) throws IOException {
          return hasher.hash(file, progress);
        }
      };
    }
  }

  /**
   * {@code path} could not be read: it is left as the index has it, neither published as changed
   * nor as deleted (nor anything below it), until a later scan can read it. A directory this agent
   * may not list must not look like a directory whose files were all deleted.
   */
  private void sayUnreadable(String path, IOException e) {
    if (saidUnreadable.add(path)) {
      log.warn("cannot read {} ({}); it stays as it was, neither changed nor deleted, until it can be read",
          path.isEmpty() ? folder : path, e.toString());
    } else {
      log.debug("still cannot read {}: {}", path, e.toString());
    }
  }

  /**
   * The agent itself just put the file at {@code path} in place, with content it verified and
   * indexed, and {@code stat} is its stat right after: as long as a later stat is exactly this one
   * (inode, size and mtime to the nanosecond), the file is what the index says and is not hashed
   * again, even while its mtime is recent enough to count as "racy". Any write since changes the
   * mtime (or the inode), and then the usual rules apply.
   */
  public void wrote(String path, DiskStat stat) {
    written.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(stat, "stat"));
  }

  /**
   * Whether {@code path} is a file the agent itself put in place (see {@link #wrote}) and still
   * exactly as it was then, mode included: the watcher reporting the agent's own write. Such a
   * path needs no comparing at all; the index took it when it was written.
   */
  private boolean untouchedSinceWritten(String path) {
    if (!written.containsKey(path)) {
      return false;
    }
    try {
      DiskStat now = DiskStat.of(folder.resolve(path));
      return ourWrite(path, now) && written.get(path).mode() == now.mode();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether {@code stat} is still exactly the stat of the agent's own write of {@code path} (see
   * {@link #wrote}); a write record the file no longer matches is forgotten.
   */
  private boolean ourWrite(String path, DiskStat stat) {
    DiskStat ours = written.get(path);
    if (ours == null) {
      return false;
    }
    if (!ours.sameContentAs(stat)) {
      written.remove(path);
      return false;
    }
    return true;
  }

  /** How many times this scanner has hashed a file (retries included). */
  public long filesHashed() {
    return filesHashed.get();
  }

  /**
   * Throws unless the folder is there with its {@code .feedmesh/} marker, which the agent makes
   * when it first syncs the folder. A folder on a drive that is not mounted, or moved away, looks
   * empty: scanning it would publish every file as deleted, everywhere.
   */
  public void checkFolder() throws FolderMissingException {
    if (!Files.isDirectory(folder.resolve(IgnoreRules.AGENT_DIR), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FolderMissingException(folder);
    }
  }

  /** Compares the whole folder with the index; changes in path order. */
  public List<LocalChange> scan(ScanProgress progress) throws IOException {
    Objects.requireNonNull(progress, "progress");
    checkFolder();
    Pass pass = new Pass();
    index.batch(() -> pass.walk(folder)); // the index reads of the walk on one connection
    index.forEach(e -> pass.goneUnlessSeen(e));
    return pass.finish(progress);
  }

  /**
   * Compares only {@code paths} (relative to the folder) and, for directories, everything below
   * them: what a watcher reported. A path that is gone takes its indexed descendants with it.
   */
  public List<LocalChange> scan(Collection<String> paths) throws IOException {
    List<LocalChange> all = new ArrayList<>();
    scan(paths, Integer.MAX_VALUE, all::addAll); // one slice, in path order
    return all;
  }

  /** Takes the changes of a scan, a slice at a time. */
  @FunctionalInterface
  public interface SliceSink {
    void accept(List<LocalChange> changes) throws IOException;
  }

  /**
   * {@link #scan(Collection)}, handing the changes on in slices of at most {@code slice} hashed
   * files (each slice in path order), so the first files can be published, and fetched by peers,
   * while the rest are still being hashed. Changes that need no hashing come with the first slice.
   */
  public void scan(Collection<String> paths, int slice, SliceSink sink) throws IOException {
    if (slice < 1) {
      throw new IllegalArgumentException("slice must be at least 1, got " + slice);
    }
    checkFolder();
    Pass pass = new Pass();
    index.batch(() -> { // the index reads of the walk on one connection
      for (String p : outermost(paths)) {
        if (!untouchedSinceWritten(p)) {
          pass.subtree(p);
        }
      }
    });
    pass.finishInSlices(slice, ScanProgress.NONE, sink);
  }

  /** Valid paths without those below another one given, in path order. */
  static List<String> outermost(Collection<String> paths) {
    TreeSet<String> sorted = new TreeSet<>();
    for (String p : paths) {
      if (RelativePath.isValid(p)) {
        sorted.add(RelativePath.normalize(p));
      } else {
        log.warn("skipping invalid path {}", p);
      }
    }
    List<String> out = new ArrayList<>();
    for (String p : sorted) {
      if (out.isEmpty() || !p.startsWith(out.get(out.size() - 1) + "/")) {
        out.add(p);
      }
    }
    return out;
  }

  /** A regular file whose content must be hashed. */
  private record ToHash(String path, Path file, DiskStat stat, FileMeta before) {}

  /** The state of one scan: what was seen, what changed, what still needs hashing. */
  private final class Pass {
    private final Set<String> seen = new HashSet<>();
    /** Paths this pass could not read; they and everything below them are left as they were. */
    private final Set<String> unreadable = new HashSet<>();
    private final List<LocalChange> changes = new ArrayList<>();
    private final List<ToHash> toHash = new ArrayList<>();

    /** Walks below {@code dir} without following links. */
    void walk(Path dir) {
      Deque<Path> dirs = new ArrayDeque<>();
      dirs.push(dir);
      while (!dirs.isEmpty()) {
        Path d = dirs.pop();
        String rel = d.equals(folder) ? "" : relative(d);
        try (DirectoryStream<Path> children = disk.list(d)) {
          for (Path child : children) {
            String path = relative(child);
            if (path != null && visit(path, child)) {
              dirs.push(child);
            }
          }
          if (rel != null) {
            saidUnreadable.remove(rel);
          }
        } catch (NoSuchFileException e) {
          log.debug("{} went away while it was scanned", d);
        } catch (IOException e) {
          cannotRead(rel, e);
        } catch (DirectoryIteratorException e) {
          cannotRead(rel, e.getCause());
        }
      }
    }

    /** Compares {@code path} and everything below it. */
    void subtree(String path) throws IOException {
      Path p = folder.resolve(path);
      boolean parents;
      try {
        parents = parentsAreDirectories(path);
      } catch (IOException e) {
        cannotRead(path, e); // not gone: this agent may not look
        return;
      }
      if (!parents) {
        goneUnder(path);
        return;
      }
      boolean descend;
      try {
        descend = visit(path, p);
      } catch (RuntimeException e) {
        throw new IOException("cannot scan " + path, e);
      }
      if (!seen.contains(path)) {
        goneUnder(path);
        return;
      }
      if (descend) {
        walk(p);
      }
      index.forEachUnder(path, this::goneUnlessSeen);
    }

    /** Stats and compares one path; true when it is a directory to descend into. */
    boolean visit(String path, Path file) {
      DiskStat stat;
      try {
        stat = DiskStat.of(file);
      } catch (NoSuchFileException e) {
        return false;
      } catch (IOException e) {
        cannotRead(path, e);
        return false;
      }
      if (stat.kind() == null) {
        log.debug("skipping {}: not a file, directory or symlink", path);
        return false;
      }
      boolean dir = stat.kind() == FileKind.DIR;
      if (rules.ignored(path, dir)) {
        return false;
      }
      seen.add(path);
      FileMeta before = index.get(path).map(IndexEntry::local).orElse(null);
      switch (stat.kind()) {
        case DIR -> compareDir(path, stat, before);
        case SYMLINK -> compareSymlink(path, file, stat, before);
        case FILE -> compareFile(path, file, stat, before);
      }
      return dir;
    }

    private void compareDir(String path, DiskStat stat, FileMeta before) {
      if (before == null || before.kind() != FileKind.DIR || before.mode() != stat.mode()) {
        changes.add(new LocalChange(path, before, FileMeta.dir(path, stat.mtime(), stat.mode())));
      }
    }

    private void compareSymlink(String path, Path file, DiskStat stat, FileMeta before) {
      String target;
      try {
        target = Files.readSymbolicLink(file).toString();
      } catch (IOException e) {
        seen.remove(path);
        cannotRead(path, e);
        return;
      }
      if (before == null || before.kind() != FileKind.SYMLINK || !before.target().equals(target)) {
        changes.add(new LocalChange(path, before, FileMeta.symlink(path, stat.mtime(), target)));
      }
    }

    private void compareFile(String path, Path file, DiskStat stat, FileMeta before) {
      boolean sameStat = before != null && before.kind() == FileKind.FILE
          && before.size() == stat.size() && before.mtime().equals(truncate(stat.mtime()));
      if (!sameStat || (!ourWrite(path, stat) && (racy.contains(path) || isRacy(stat.mtime())))) {
        toHash.add(new ToHash(path, file, stat, before));
      } else if (before.mode() != stat.mode()) {
        changes.add(new LocalChange(path, before, FileMeta.file(path, before.size(), before.mtime(),
            stat.mode(), before.blobId(), before.blocks())));
      }
    }

    private void cannotRead(String path, IOException e) {
      if (path != null) {
        unreadable.add(path);
        sayUnreadable(path, e);
      }
    }

    /** Whether {@code path} or a directory above it could not be read in this pass. */
    private boolean underUnreadable(String path) {
      if (unreadable.isEmpty()) {
        return false;
      }
      if (unreadable.contains("") || unreadable.contains(path)) {
        return true;
      }
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        if (unreadable.contains(path.substring(0, slash))) {
          return true;
        }
      }
      return false;
    }

    void goneUnlessSeen(IndexEntry e) {
      FileMeta local = e.local();
      if (local != null && !seen.contains(e.path()) && !underUnreadable(e.path())
          && !rules.ignored(e.path(), local.kind() == FileKind.DIR)) {
        changes.add(new LocalChange(e.path(), local, null));
      }
    }

    private void goneUnder(String path) {
      index.forEachUnder(path, this::goneUnlessSeen);
    }

    /**
     * Hashes what needs it, in path order, and hands the changes on in slices of at most {@code
     * slice} hashed files, each in path order; changes that need no hashing come first.
     */
    void finishInSlices(int slice, ScanProgress progress, SliceSink sink) throws IOException {
      List<LocalChange> out = new ArrayList<>(changes);
      toHash.sort(Comparator.comparing(ToHash::path)); // slices follow path order
      progress.total(toHash.size(), toHash.stream().mapToLong(t -> t.stat().size()).sum());
      try {
        for (int i = 0; i < toHash.size(); i++) {
          ToHash t = toHash.get(i);
          FileMeta after = hashStable(t, progress);
          if (after != null && !after.equals(t.before())) {
            out.add(new LocalChange(t.path(), t.before(), after));
          }
          if ((i + 1) % slice == 0 && !out.isEmpty()) {
            out.sort(Comparator.comparing(LocalChange::path));
            sink.accept(out);
            out = new ArrayList<>();
          }
        }
      } finally {
        progress.done();
      }
      if (!out.isEmpty()) {
        out.sort(Comparator.comparing(LocalChange::path));
        sink.accept(out);
      }
    }

    List<LocalChange> finish(ScanProgress progress) throws IOException {
      List<LocalChange> all = new ArrayList<>();
      finishInSlices(Integer.MAX_VALUE, progress, all::addAll);
      return all;
    }
  }

  /** Hashes a file until two stats around the hashing agree; null if it never held still. */
  private FileMeta hashStable(ToHash t, ScanProgress progress) throws IOException {
    DiskStat before = t.stat();
    for (int attempt = 1; attempt <= HASH_ATTEMPTS; attempt++) {
      HashedFile h;
      DiskStat after;
      try {
        filesHashed.incrementAndGet();
        h = disk.hash(t.file(), progress::hashed);
        after = DiskStat.of(t.file());
      } catch (NoSuchFileException e) {
        log.debug("{} went away while hashed", t.path());
        return null;
      } catch (IOException e) {
        sayUnreadable(t.path(), e);
        return null;
      }
      saidUnreadable.remove(t.path());
      if (after.sameContentAs(before) && h.size() == after.size()) {
        if (isRacy(after.mtime())) {
          racy.add(t.path());
        } else {
          racy.remove(t.path());
        }
        return FileMeta.file(t.path(), h.size(), after.mtime(), after.mode(), h.blobId(), h.blocks());
      }
      log.debug("{} changed while hashed (attempt {}), hashing again", t.path(), attempt);
      if (after.kind() != FileKind.FILE) {
        return null;
      }
      before = after;
    }
    log.warn("{} keeps changing while hashed; leaving it for a later scan", t.path());
    racy.add(t.path());
    return null;
  }

  /** Could the file change again within its mtime's second without the mtime showing it? */
  private boolean isRacy(Instant mtime) {
    return mtime.getEpochSecond() >= clock.instant().getEpochSecond() - 1;
  }

  private static Instant truncate(Instant t) {
    return Instant.ofEpochSecond(t.getEpochSecond());
  }

  /**
   * Each parent of {@code path} is a real directory (not a symlink) inside the folder. Throws when
   * a parent cannot be looked at (this agent may not search it): that is not a path gone.
   */
  private boolean parentsAreDirectories(String path) throws IOException {
    Path p = folder;
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      p = p.resolve(parts[i]);
      try {
        if (DiskStat.of(p).kind() != FileKind.DIR) {
          return false;
        }
      } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
        return false;
      }
    }
    return true;
  }

  /** The relative path of {@code file}, or null (with a warning) if it cannot be synced. */
  private String relative(Path file) {
    String rel = folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    if (!RelativePath.isValid(rel)) {
      log.warn("skipping {}: not a valid path to sync", file);
      return null;
    }
    if (!Normalizer.isNormalized(rel, Normalizer.Form.NFC)) {
      log.warn("skipping {}: its name is not in Unicode NFC", file);
      return null;
    }
    return rel;
  }
}
