package org.feedmesh.agent.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.feedmesh.agent.index.AgentIndex;
import org.feedmesh.agent.index.IndexEntry;
import org.feedmesh.agent.scan.FolderScanner;
import org.feedmesh.agent.scan.IgnoreRules;
import org.feedmesh.agent.scan.LocalChange;
import org.feedmesh.agent.scan.ScanProgress;
import org.feedmesh.agent.sync.LocalMoves.Move;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.merge.ItemMerge;
import org.feedmesh.feedsync.merge.MergeResult;
import org.feedmesh.feedsync.merge.Resolution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's sync loop, one step at a time on one thread: local changes are published (and the
 * server's merged answer applied), journal pages are merged with what the agent knows and put on
 * disk, conflicts leave copies, results are reported. Content comes from local blocks first, then
 * from peers ({@link RemoteBlocks}).
 */
public final class SyncEngine {
  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);
  private static final int APPLY_BATCH = 200;

  private final String namespace;
  private final String me;
  private final AgentIndex index;
  private final FolderScanner scanner;
  private final SafePaths paths;
  private final Publisher publisher;
  private final Applier applier;
  private final Contents contents;
  private final ServerApi api;
  private final Clock clock;
  private final Set<String> rescanSoon = new LinkedHashSet<>();
  /** Paths whose version could not be applied yet (a download failed, say), with when to try again. */
  private final Retries needs = new Retries();

  public SyncEngine(
      ServerApi api,
      String me,
      AgentIndex index,
      FolderScanner scanner,
      SafePaths paths,
      Versions versions,
      RemoteBlocks remote,
      Transfers transfers,
      RemoteBlocks.Landed landed,
      Clock clock) {
    this.api = api;
    this.namespace = api.namespace();
    this.me = me;
    this.index = index;
    this.scanner = scanner;
    this.paths = paths;
    this.publisher = new Publisher(api, index, paths, me, clock);
    this.applier = new Applier(paths, index, versions);
    this.contents = new Contents(namespace, index, paths, new LocalBlocks(paths.folder(), index), remote,
        transfers, landed);
    this.clock = clock;
  }

  /** The cursor up to which the journal has been applied. */
  public long cursor() {
    return index.cursor(namespace).orElse(0L);
  }

  /**
   * Publishes versions recorded but not yet taken by the server: left by an earlier run, or by a
   * publish that failed (the server out of reach).
   */
  public void republishPending() throws IOException {
    List<Item> pending = publisher.pendingVersions();
    if (!pending.isEmpty()) {
      log.info("publishing {} change(s) the server has not taken yet", pending.size());
      applyVersions(publisher.publish(pending), false, cursor());
    }
    unpublished = false;
    republishTries = 0;
  }

  /** Whether a publish failed since the last successful {@link #republishPending}. */
  public boolean unpublished() {
    return unpublished;
  }

  private volatile boolean unpublished;
  private int republishTries;
  private long nextRepublish;

  /** A publish failed: its versions are tried again after a pause, see {@link #retryNeeded}. */
  private void publishFailed() {
    unpublished = true;
    republishTries++;
    nextRepublish = System.nanoTime() + Retries.pauseNanos(republishTries);
  }

  /**
   * The server answers again: the versions a failed publish left are published now, not when their
   * pause is over; a failure here is handled as on the timer (said at DEBUG, the pause grows).
   */
  public void republishNow() {
    nextRepublish = System.nanoTime();
    republishIfDue();
  }

  /** Publishes the versions a failed publish left, when its pause is over. */
  private void republishIfDue() {
    if (!unpublished || System.nanoTime() - nextRepublish < 0) {
      return;
    }
    try {
      republishPending();
    } catch (IOException e) {
      publishFailed();
      log.debug("the kept changes could not be published yet either ({}); next try in {} s", e.getMessage(),
          Retries.pauseNanos(republishTries) / 1_000_000_000L);
    }
  }

  /**
   * Finds paths whose known version never reached the disk (the agent stopped while no peer had
   * the blocks, say, or the path was ignored here until now), so {@link #retryNeeded()} tries them
   * again: files and symlinks to write, directories to make, files to delete.
   */
  public void findNeeds() {
    index.forEach(e -> {
      if (e.itemXml() == null || e.pending()) {
        return;
      }
      Item item = ItemXml.parse(e.itemXml());
      FileMeta want = item.isDeleted() ? null : item.payload().file();
      FileMeta local = e.local();
      boolean missing = want != null
          ? !want.sameContentAs(local)
          : local != null && local.kind() != FileKind.DIR; // a directory goes once it is empty
      FileMeta any = want != null ? want : local;
      if (missing && !scanner.ignored(e.path(), any.kind() == FileKind.DIR)) {
        needs.now(e.path(), item.updates());
      }
    });
    if (needs.count() > 0) {
      log.info("{} file(s) still need content from peers", needs.count());
    }
  }

  /**
   * Tries again the versions that could not be applied before (their content was not reachable,
   * say), each when its pause is over: 2 s after the first failure, doubling up to a minute; and
   * publishes the changes a failed publish left, on the same schedule.
   */
  public void retryNeeded() throws IOException {
    republishIfDue();
    Map<String, Retries.Retry> due = needs.takeDue();
    if (due.isEmpty()) {
      needs.done(false);
      return;
    }
    try {
      scanner.checkFolder();
    } catch (IOException e) {
      needs.done(true); // tried again once the folder is back
      throw e;
    }
    List<Item> again = new ArrayList<>();
    for (String p : due.keySet()) {
      index.get(p).map(IndexEntry::itemXml).map(ItemXml::parse).ifPresent(again::add);
    }
    try {
      applyVersions(again, true, cursor());
    } finally {
      needs.done(false);
    }
  }

  /**
   * The folder's ignore rules changed to {@code fresh}: local paths they no longer ignore are
   * scanned and published, and other endpoints' versions recorded for such paths are written (or,
   * where a local file differs, kept beside it as a conflict). Paths they now ignore stay as they
   * are here and elsewhere.
   */
  public void ignoreRulesChanged(IgnoreRules fresh) throws IOException {
    scanner.rules(fresh);
    int published = rescan(ScanProgress.NONE);
    findNeeds();
    log.info("{} change(s) published under the new ignore rules; {} version(s) to write here",
        published, needs.count());
    retryNeeded();
  }

  public int needCount() {
    return needs.count();
  }

  /** A full scan of the folder; publishes what changed. */
  public int rescan(ScanProgress progress) throws IOException {
    return publishChanges(scanner.scan(progress));
  }

  /** Scans these directories with everything below them (their watcher events were lost). */
  public int rescan(Collection<String> dirs) throws IOException {
    return publishInSlices(dirs);
  }

  /** The watcher saw these paths change; publishes what really did. */
  public int localChanged(Collection<String> changed) throws IOException {
    long t0 = System.nanoTime();
    try {
      return localChanged0(changed);
    } finally {
      log.debug("handled {} changed paths in {} ms", changed.size(), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  private int localChanged0(Collection<String> changed) throws IOException {
    // A directory the index already knows changes whenever an entry in it does, and the watcher
    // reports those entries themselves: scanning its whole subtree again would be wasted work
    // (quadratic while thousands of files arrive). New or vanished directories are still scanned.
    List<String> worth = new ArrayList<>(changed.size());
    for (String p : changed) {
      if (!knownDirectory(p)) {
        worth.add(p);
      }
    }
    return publishInSlices(worth);
  }

  /**
   * Scans {@code paths} (with what is below them) and publishes the changes in slices, so the first
   * files are published (and others start fetching them) while the rest are still being hashed.
   */
  private int publishInSlices(Collection<String> paths) throws IOException {
    int[] published = {0};
    scanner.scan(paths, LOCAL_SLICE, changes -> published[0] += publishChanges(changes));
    return published[0];
  }

  private static final int LOCAL_SLICE = 200;

  private boolean knownDirectory(String path) {
    try {
      Optional<DiskState> disk = DiskState.of(paths.resolve(path));
      if (disk.isEmpty() || disk.get().kind() != FileKind.DIR) {
        return false;
      }
      return index.get(path).map(IndexEntry::local).filter(l -> l.kind() == FileKind.DIR).isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  private int publishChanges(List<LocalChange> changes) throws IOException {
    if (changes.isEmpty()) {
      return 0;
    }
    long t0 = System.nanoTime();
    List<Item> versions = publisher.versionsOf(changes);
    long t1 = System.nanoTime();
    if (!versions.isEmpty()) {
      List<Item> answer;
      try {
        answer = publisher.publish(versions);
      } catch (IOException e) {
        // recorded as pending: published again once the server answers (see republishPending)
        publishFailed();
        log.warn("could not publish {} change(s) ({}); they are kept and published when the server"
            + " answers again", versions.size(), e.getMessage());
        return changes.size();
      }
      long t2 = System.nanoTime();
      applyVersions(confirmUnchanged(versions, answer), false, cursor());
      log.debug("published {} versions: made in {} ms, posted in {} ms, answer applied in {} ms", versions.size(),
          (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
    }
    flushRescans();
    return changes.size();
  }

  /**
   * The server took most versions as they were sent (nothing to merge): those are confirmed at
   * once, their pending flag cleared, as the index already holds them. Returns the rest, which
   * the server merged into something else, to be applied.
   */
  private List<Item> confirmUnchanged(List<Item> sent, List<Item> answer) throws IOException {
    Map<String, Item> byId = new LinkedHashMap<>();
    sent.forEach(i -> byId.put(i.id(), i));
    List<Item> rest = new ArrayList<>();
    index.batch(() -> {
      for (Item a : answer) {
        FileMeta f = a.payload().file();
        if (f != null && a.equals(byId.get(a.id()))) {
          index.confirm(f.path());
        } else {
          rest.add(a);
        }
      }
    });
    log.debug("{} of {} published versions came back unchanged", answer.size() - rest.size(), answer.size());
    return rest;
  }

  /** Applies one page of the journal and moves the cursor past it. */
  public void applyPage(JournalPage page) throws IOException {
    scanner.checkFolder(); // not into an empty mount point: the page waits until the folder is back
    long t0 = System.nanoTime();
    List<Item> items = deletesFirst(page.items());
    for (int from = 0; from < items.size(); from += APPLY_BATCH) {
      applyVersions(items.subList(from, Math.min(items.size(), from + APPLY_BATCH)), true, page.until());
    }
    index.setCursor(namespace, page.until());
    flushRescans();
    log.debug("applied {} journal entries {}..{} in {} ms", items.size(), page.since(), page.until(), (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Whether this folder's ignore rules leave {@code path} out: then the version is not written (nor
   * a delete carried out) here, only recorded, so that it arrives once the path is no longer
   * ignored ({@link #ignoreRulesChanged}).
   */
  private boolean ignoredHere(Item r, String path, IndexEntry before) {
    FileMeta f = r.payload().file();
    FileMeta local = before == null ? null : before.local();
    boolean dir = f != null ? f.kind() == FileKind.DIR : local != null && local.kind() == FileKind.DIR;
    if (!scanner.ignored(path, dir)) {
      return false;
    }
    Item known = before == null || before.itemXml() == null ? null : ItemXml.parse(before.itemXml());
    Item merged = ItemMerge.merge(Optional.ofNullable(known), r).item();
    index.put(new IndexEntry(path, local, ItemXml.write(merged), false));
    log.debug("{} is ignored here: version {} recorded, not written", path, r.updates());
    return true;
  }

  /**
   * A page's versions in the order they are applied: each item's newest version only (it includes
   * the older ones), deletes first, deepest paths first, then the rest in journal order. A rename
   * elsewhere is a delete and a create; with the delete applied first, the create finds the file to
   * move instead of copying it, and a directory's files go before the directory does.
   */
  private static List<Item> deletesFirst(List<Item> items) {
    Map<String, Item> newest = new LinkedHashMap<>();
    for (Item i : items) {
      newest.remove(i.id());
      newest.put(i.id(), i); // at the place of its newest version
    }
    List<Item> deletes = new ArrayList<>();
    List<Item> rest = new ArrayList<>();
    for (Item i : newest.values()) {
      (isDelete(i) ? deletes : rest).add(i);
    }
    Comparator<Item> byPath = Comparator.comparing(i -> i.payload().file() == null ? "" : i.payload().file().path());
    deletes.sort(byPath.reversed());
    deletes.addAll(rest);
    return deletes;
  }

  private void flushRescans() throws IOException {
    if (!rescanSoon.isEmpty()) {
      List<String> again = new ArrayList<>(rescanSoon);
      rescanSoon.clear();
      publishChanges(scanner.scan(again));
    }
  }

  /**
   * Merges each version with what the agent knows and applies the result. {@code fromJournal}:
   * the versions came from the journal (others' changes, reported back) rather than as the
   * server's answer to this agent's own publish.
   */
  void applyVersions(List<Item> incoming, boolean fromJournal, long cursor) throws IOException {
    Map<String, Item> byId = new LinkedHashMap<>();
    incoming.forEach(i -> byId.put(i.id(), i));
    List<StatusLine> report = new ArrayList<>();
    List<Work> work = new ArrayList<>();
    Set<String> editedHere = new LinkedHashSet<>();
    index.batch(() -> { // one connection for the whole batch (it writes only ignored paths' versions)
      for (Item r : byId.values()) {
        Optional<String> path = pathOf(r);
        if (path.isEmpty()) {
          log.warn("item {} names no path and is unknown here; skipped", r.id());
          continue;
        }
        Path target;
        try {
          target = paths.resolve(path.get());
        } catch (SafePaths.UnsafePathException e) {
          log.warn("{}", e.getMessage());
          report.add(new StatusLine(r.id(), r.updates(), StatusLine.Result.FAILED, e.getMessage()));
          continue;
        }
        IndexEntry before = index.get(path.get()).orElse(null);
        if (ignoredHere(r, path.get(), before)) {
          continue;
        }
        Optional<DiskState> disk;
        try {
          disk = DiskState.of(target);
        } catch (IOException e) {
          // This disk cannot hold the path (too long for it, say): this version fails alone.
          log.warn("cannot apply {} here: {}", path.get(), e.getMessage());
          report.add(new StatusLine(r.id(), r.updates(), StatusLine.Result.FAILED, e.getMessage()));
          continue;
        }
        FileMeta known = before == null ? null : before.local();
        boolean untouched = disk.isEmpty() ? known == null : disk.get().matches(known);
        if (!untouched) {
          editedHere.add(path.get());
        }
        work.add(new Work(r, path.get(), target, before));
      }
    });
    if (!editedHere.isEmpty()) {
      publishFirst(editedHere, work);
    }
    List<Work> merged = new ArrayList<>();
    index.batch(() -> {
      for (Work w : work) {
        Item known = w.before == null || w.before.itemXml() == null ? null : ItemXml.parse(w.before.itemXml());
        MergeResult m = ItemMerge.merge(Optional.ofNullable(known), w.item);
        Optional<DiskState> disk = DiskState.of(w.target);
        FileMeta local = w.before == null ? null : w.before.local();
        if (!m.changed() && Applier.contentMatches(m.item(), local, disk)) {
          if (w.before != null && w.before.pending() && !fromJournal) {
            index.acknowledge(w.path, ItemXml.write(m.item()));
          }
          continue;
        }
        merged.add(new Work(m.item(), w.path, w.target, w.before));
      }
    });
    List<Item> resolutions = new ArrayList<>();
    for (Iterator<Work> it = merged.iterator(); it.hasNext(); ) {
      Work w = it.next();
      try {
        conflictCopies(w, cursor, resolutions);
      } catch (IOException | RuntimeException e) {
        // The losing version stays where it is, and this one waits: nothing is replaced until the
        // loser is safe, and one path's trouble does not hold up the journal.
        it.remove();
        StatusLine line = failedForNow(w, "could not keep the losing version as a conflict copy: " + e.getMessage());
        reportIfTheirs(report, fromJournal, w.item, line);
      }
    }
    long tf = System.nanoTime();
    Map<Work, Move> moves = new LinkedHashMap<>();
    Map<Work, TempFile> ready = contents.ready(merged, cursor, moves);
    log.debug("content for {} versions ready in {} ms", merged.size(), (System.nanoTime() - tf) / 1_000_000);
    long ti = System.nanoTime();
    merged.sort(applyOrder());
    applyAll(merged, ready, moves, fromJournal, report);
    received.log();
    log.debug("{} versions applied in {} ms", merged.size(), (System.nanoTime() - ti) / 1_000_000);
    if (!resolutions.isEmpty()) {
      applyVersions(publisher.publish(resolutions), false, cursor);
    }
    if (!report.isEmpty()) {
      // off the sync thread: the server's bookkeeping of results must not slow the next batch
      reporter.execute(() -> {
        try {
          api.report(report);
        } catch (IOException e) {
          log.warn("could not report {} result(s) to the server: {}", report.size(), e.getMessage());
        }
      });
    }
  }

  private final ReceivedLog received = new ReceivedLog();

  /**
   * Applies a batch's merged versions in {@link #applyOrder()}, in one index commit; each item's
   * failure is caught inside {@link #applyOne} and {@link #applyMove}. A file renamed elsewhere
   * moves when its new path's turn comes (after the directories above it); its old path's delete
   * waits for that, so the file is not put away first.
   */
  private void applyAll(List<Work> merged, Map<Work, TempFile> contents, Map<Work, Move> moves,
      boolean fromJournal, List<StatusLine> report) throws IOException {
    index.batch(() -> {
      Map<Work, Work> renamedBy = new HashMap<>();
      moves.forEach((create, m) -> {
        if (m.delete() != null) {
          renamedBy.put(m.delete(), create);
        }
      });
      Set<Work> done = new HashSet<>();
      Set<Work> movedAway = new HashSet<>();
      List<Work> afterTheirMove = new ArrayList<>();
      List<String> deleted = new ArrayList<>();
      Consumer<Work> apply = w -> {
        StatusLine line;
        Move move = moves.get(w);
        if (move != null) {
          line = applyMove(w, move);
          if (line != null && line.result() != StatusLine.Result.FAILED && move.delete() != null) {
            movedAway.add(move.delete());
          }
        } else if (movedAway.contains(w)) {
          applier.recordGone(w.item, w.path);
          line = applied(w.item);
        } else {
          line = applyOne(w, contents.get(w));
        }
        done.add(w);
        if (line == null) {
          return; // nothing to report (yet): a directory that goes later, a quiet retry
        }
        reportIfTheirs(report, fromJournal, w.item, line);
        if (isDelete(w.item) && line.result() != StatusLine.Result.FAILED) {
          deleted.add(w.path);
        }
      };
      for (Work w : merged) {
        Work create = renamedBy.get(w);
        if (create != null && !done.contains(create)) {
          afterTheirMove.add(w);
        } else {
          apply.accept(w);
        }
      }
      afterTheirMove.forEach(apply);
      for (Item dir : removeEmptiedParents(deleted)) {
        reportIfTheirs(report, fromJournal, dir, applied(dir));
      }
      applier.syncDirectories(); // the renames are durable before the index commits them
    });
  }

  private final java.util.concurrent.ExecutorService reporter =
      java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "feedmesh-status");
        t.setDaemon(true);
        return t;
      });

  /** Sends the results still queued (for a few seconds at most) and stops. */
  public void close() {
    contents.close();
    reporter.shutdown();
    try {
      reporter.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reporter.shutdownNow();
  }

  /** Local edits not yet published go first, so the server merges them (and no edit is lost). */
  private void publishFirst(Set<String> edited, List<Work> work) throws IOException {
    log.info("{} path(s) changed here while changes arrived; publishing them first", edited.size());
    List<LocalChange> changes = scanner.scan(edited);
    List<Item> mergedHere = publisher.publish(publisher.versionsOf(changes));
    Map<String, Item> byId = new LinkedHashMap<>();
    mergedHere.forEach(i -> byId.put(i.id(), i));
    for (int i = 0; i < work.size(); i++) {
      Work w = work.get(i);
      Item newer = byId.remove(w.item.id());
      if (newer != null) {
        work.set(i, new Work(newer, w.path, w.target, index.get(w.path).orElse(null)));
      }
    }
    for (Item rest : byId.values()) {
      pathOf(rest).ifPresent(p -> {
        try {
          work.add(new Work(rest, p, paths.resolve(p), index.get(p).orElse(null)));
        } catch (SafePaths.UnsafePathException e) {
          log.warn("{}", e.getMessage());
        }
      });
    }
  }

  /** Applies one version; null when there is nothing to report yet (a directory that goes later). */
  private StatusLine applyOne(Work w, TempFile content) {
    Item r = w.item;
    try {
      FileMeta want = r.payload().file();
      Optional<DiskState> disk = DiskState.of(w.target);
      FileMeta local = w.before == null ? null : w.before.local();
      if (!stillAsKnown(w, disk) && !Applier.contentMatches(r, local, disk)) {
        return changedHere(w, content);
      }
      if (isDelete(r)) {
        applier.delete(r, w.path, w.target, w.before);
      } else if (Applier.contentMatches(r, local, disk)) {
        applier.touch(r, w.target, local);
      } else if (want.kind() == FileKind.DIR) {
        applier.makeDirectory(r, w.target, w.before);
      } else if (want.kind() == FileKind.SYMLINK) {
        applier.makeSymlink(r, w.target, w.before);
      } else if (content == null || !content.complete()) {
        int missing = content == null ? want.blocks().size() : want.blocks().size() - content.held();
        if (content != null) {
          content.close();
        }
        return failedForNow(w, content == null
            ? "its content could not be prepared yet; will retry"
            : "no reachable peer holds " + missing + " block(s) of it yet; will retry");
      } else {
        applier.installFile(r, w.target, content, w.before);
        scanner.wrote(w.path, org.feedmesh.agent.scan.DiskStat.of(w.target)); // its watcher event needs no hashing
        received.add(w.path, want.size());
      }
      return applied(r);
    } catch (Applier.DirectoryInTheWay e) {
      return failedForNow(w, e.getMessage());
    } catch (Applier.DirectoryKept e) {
      // Not a failure: its files' deletes are on their way (or it holds files that are not
      // synced). It is reported applied once it has gone (see removeEmptiedParents).
      log.debug("{}", e.getMessage());
      return null;
    } catch (IOException | RuntimeException e) {
      log.warn("could not apply {} (version {}): {}", w.path, r.updates(), e.getMessage());
      return new StatusLine(r.id(), r.updates(), StatusLine.Result.FAILED, String.valueOf(e.getMessage()));
    }
  }

  /**
   * Directories the feed deleted while they still held files go once the files have: after a
   * batch of deletes, each deleted directory above them that is empty now is removed, deepest
   * first. (A directory's delete can come a batch before its files' deletes.)
   */
  private List<Item> removeEmptiedParents(List<String> deleted) {
    Set<String> above = new HashSet<>();
    for (String p : deleted) {
      for (int slash = p.lastIndexOf('/'); slash > 0; slash = p.lastIndexOf('/', slash - 1)) {
        if (!above.add(p.substring(0, slash))) {
          break; // its ancestors are in already
        }
      }
    }
    List<String> deepestFirst = new ArrayList<>(above);
    deepestFirst.sort(Comparator.comparingInt(SyncEngine::depth).reversed().thenComparing(Comparator.naturalOrder()));
    List<Item> removed = new ArrayList<>();
    for (String dir : deepestFirst) {
      try {
        applier.removeIfEmptied(dir).ifPresent(item -> {
          removed.add(item);
          log.info("removed directory {}: its files' deletes have arrived", dir);
        });
      } catch (IOException | RuntimeException e) {
        log.warn("could not remove directory {}: {}", dir, e.getMessage());
      }
    }
    return removed;
  }

  /**
   * The index learns the version that could not be applied yet, and it is tried again after a
   * pause that doubles with each failure of the same version; returns its new retry entry (its
   * {@code attempts} say whether this was the version's first failure).
   */
  private Retries.Retry retryLater(Work w) {
    FileMeta local = w.before == null ? null : w.before.local();
    index.put(new IndexEntry(w.path, local, ItemXml.write(w.item), false));
    return needs.later(w.path, w.item.updates());
  }

  /**
   * Installs a file version by renaming the local file that already holds its content, when that
   * file is still as it was found. Otherwise (it changed, or the rename failed) the version waits
   * for its content like any other: it is fetched on the next try.
   */
  private StatusLine applyMove(Work w, Move m) {
    Item r = w.item;
    String from = paths.relative(m.source());
    try {
      if (!DiskState.of(m.source()).equals(Optional.of(m.seen()))) {
        throw new IOException(from + " changed since it was chosen");
      }
      if (!stillAsKnown(w, DiskState.of(w.target))) {
        return changedHere(w, null);
      }
      applier.installByMove(r, m.source(), w.target, w.before);
      if (m.keptAt() != null) {
        index.removeStoredBlocks(m.keptAt());
      }
      scanner.wrote(w.path, org.feedmesh.agent.scan.DiskStat.of(w.target));
      received.moved(from, w.path);
      return applied(r);
    } catch (IOException | RuntimeException e) {
      return failedForNow(w, "could not move " + from + " into place (" + e.getMessage()
          + "); its content will be fetched");
    }
  }

  /**
   * Whether {@code w}'s path is still as the index knew it: nothing changed it here since the
   * batch began (a local edit made before then was published first, see {@link #publishFirst}).
   */
  private static boolean stillAsKnown(Work w, Optional<DiskState> disk) {
    FileMeta local = w.before == null ? null : w.before.local();
    return disk.isEmpty() ? local == null : disk.get().matches(local);
  }

  /**
   * The path changed here while this version was on its way (its content downloading, say): it is
   * not replaced. The local change is scanned and published, the server merges the two, and the
   * merged version comes back, with a conflict copy where one is due. Nothing to report yet.
   */
  private StatusLine changedHere(Work w, TempFile content) throws IOException {
    if (content != null) {
      content.close(); // kept on disk: the merged version may want the same blocks
    }
    rescanSoon.add(w.path);
    log.info("{} changed here while version {} was on its way; the change here is published first",
        w.path, w.item.updates());
    return null;
  }

  /**
   * A version that failed and is tried again later (see {@link #retryLater}): logged and reported
   * the first time, said at DEBUG and not reported (null) after that. A file whose only holder is
   * away for a day must not fill the log, or the server's status table, every few seconds.
   */
  private StatusLine failedForNow(Work w, String why) {
    Retries.Retry next;
    try {
      next = retryLater(w);
    } catch (RuntimeException e) {
      log.warn("could not record {} for a retry: {}", w.path, e.getMessage());
      next = null;
    }
    String said = next == null ? why : why + " (next try in " + Retries.pauseNanos(next.attempts()) / 1_000_000_000L + " s)";
    if (next != null && next.attempts() > 1) {
      log.debug("could not apply {} (version {}) again: {}", w.path, w.item.updates(), said);
      return null;
    }
    log.warn("could not apply {} (version {}): {}", w.path, w.item.updates(), said);
    return new StatusLine(w.item.id(), w.item.updates(), StatusLine.Result.FAILED, said);
  }

  /** The status line of a version applied here: with its conflicts, if it has any. */
  private static StatusLine applied(Item r) {
    return new StatusLine(r.id(), r.updates(),
        r.conflicts().isEmpty() ? StatusLine.Result.APPLIED : StatusLine.Result.CONFLICT, null);
  }

  /** Reports {@code line} when the version came from the journal and another endpoint wrote it. */
  private void reportIfTheirs(List<StatusLine> report, boolean fromJournal, Item item, StatusLine line) {
    if (line != null && fromJournal && !me.equals(item.topmost().by())) {
      report.add(line);
    }
  }

  /**
   * Keeps every losing version this endpoint wrote as a conflict copy beside the file (the
   * winner's author keeps nothing: the loser's author makes the copy, and it syncs to everyone).
   * A losing version that agrees with the winner (the same file content, both deletes, both
   * directories, the same symlink) needs no copy: its conflict is resolved.
   */
  private void conflictCopies(Work w, long cursor, List<Item> resolutions) throws IOException {
    Item r = w.item;
    List<Item> sameContent = new ArrayList<>();
    for (Item c : r.conflicts()) {
      if (!me.equals(c.topmost().by())) {
        continue;
      }
      if (agree(r, c)) {
        sameContent.add(c);
        continue;
      }
      FileMeta lost = c.payload().file();
      if (c.isDeleted() || lost == null || lost.kind() != FileKind.FILE) {
        continue;
      }
      String copy = ConflictNames.copyOf(w.path, c.topmost().when(), me);
      Path target = paths.resolve(copy);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      FileMeta copyMeta = FileMeta.file(copy, lost.size(), lost.mtime(), lost.mode(), lost.blobId(), lost.blocks());
      TempFile t = TempFile.open(target, copyMeta);
      if (!contents.fill(t, cursor)) {
        t.close();
        log.warn("the losing version of {} is not available here; no conflict copy made", w.path);
        continue;
      }
      t.finish();
      t.close();
      paths.createParents(target);
      Files.move(t.path(), target, StandardCopyOption.ATOMIC_MOVE);
      DiskState.setMeta(target, lost.mode(), lost.mtime());
      log.warn("conflict on {}: this endpoint's version is kept as {}", w.path, copy);
      rescanSoon.add(copy);
    }
    if (!sameContent.isEmpty()) {
      resolutions.add(r.isDeleted() // a resolution of a delete stays a delete
          ? Resolution.resolveByDeleting(r, sameContent, me, clock.instant(), false)
          : Resolution.resolve(r, sameContent, me, clock.instant(), r.payload()));
    }
  }

  private Optional<String> pathOf(Item item) {
    FileMeta f = item.payload().file();
    if (f != null) {
      return Optional.of(f.path());
    }
    // A tombstone without its payload (third-party publishers may strip it): find the path whose
    // derived item id matches. Rare, so a pass over the index is acceptable.
    String[] found = {null};
    index.forEach(e -> {
      if (found[0] == null && FileMeta.itemId(namespace, e.path()).equals(item.id())) {
        found[0] = e.path();
      }
    });
    return Optional.ofNullable(found[0]);
  }

  /**
   * Deletes first, deepest first (a directory's files before the directory, and both before
   * anything takes its place), then files and directories, parents before children.
   */
  private static Comparator<Work> applyOrder() {
    return Comparator.comparingInt((Work w) -> isDelete(w.item) ? 0 : 1)
        .thenComparingInt(w -> isDelete(w.item) ? -depth(w.path) : 0)
        .thenComparing(w -> w.path);
  }

  /** A version that takes its path away: a tombstone, or one that names no file. */
  /** Whether two versions leave the same thing at their path (mode and mtime aside). */
  static boolean agree(Item a, Item b) {
    if (a.isDeleted() || b.isDeleted()) {
      return a.isDeleted() && b.isDeleted();
    }
    FileMeta x = a.payload().file();
    return x != null && x.sameContentAs(b.payload().file());
  }

  static boolean isDelete(Item item) {
    return item.isDeleted() || item.payload().file() == null;
  }

  private static int depth(String path) {
    return (int) path.chars().filter(c -> c == '/').count();
  }

  record Work(Item item, String path, Path target, IndexEntry before) {}
}
