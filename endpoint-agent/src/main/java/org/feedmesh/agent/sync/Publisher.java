package org.feedmesh.agent.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedmesh.agent.index.AgentIndex;
import org.feedmesh.agent.index.IndexEntry;
import org.feedmesh.agent.scan.LocalChange;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.merge.Resolution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns local changes into FeedSync versions {@code by} this endpoint: a new path is a create, a
 * changed one an update of the version the agent knows, a vanished one a delete (a rename is both,
 * with the same blob, so no bytes move). Deleting the last conflict copy of a file resolves that
 * file's conflicts. Versions are posted in batches; what the server answers (its merged versions)
 * goes back to the caller, who applies it.
 */
final class Publisher {
  private static final Logger log = LoggerFactory.getLogger(Publisher.class);
  static final int BATCH = 500;

  private final ServerApi api;
  private final AgentIndex index;
  private final SafePaths paths;
  private final String namespace;
  private final String me;
  private final Clock clock;

  Publisher(ServerApi api, AgentIndex index, SafePaths paths, String me, Clock clock) {
    this.api = api;
    this.index = index;
    this.paths = paths;
    this.namespace = api.namespace();
    this.me = me;
    this.clock = clock;
  }

  /** The versions these changes make; records them as pending in the index. */
  List<Item> versionsOf(List<LocalChange> changes) throws IOException {
    Map<String, Item> out = new LinkedHashMap<>();
    index.batch(() -> versionsOf(changes, out));
    return new ArrayList<>(out.values());
  }

  private void versionsOf(List<LocalChange> changes, Map<String, Item> out) {
    for (LocalChange c : changes) {
      Optional<IndexEntry> entry = index.get(c.path());
      Item known = entry.map(IndexEntry::itemXml).map(ItemXml::parse).orElse(null);
      boolean seen = known == null || me.equals(known.topmost().by()) || wasOnDisk(known, c.before());
      if (!seen && c.after() != null && sameContent(known, c.after())) {
        // the other endpoint's version, made here too (a path no longer ignored, say): nothing new
        index.put(new IndexEntry(c.path(), c.after(), entry.get().itemXml(), false));
        continue;
      }
      Item next;
      if (c.after() != null) {
        Payload payload = payloadOf(c.after());
        next =
            known == null
                ? Item.create(FileMeta.itemId(namespace, c.path()), me, clock.instant(), payload)
                : known.updated(me, clock.instant(), payload);
      } else if (known != null && !known.isDeleted()) {
        next = known.deleted(me, clock.instant(), false);
      } else {
        index.put(new IndexEntry(c.path(), null, entry.map(IndexEntry::itemXml).orElse(null), false));
        continue;
      }
      if (!seen) {
        next = unseen(next, known);
        log.info("{} here is not {}'s newest version, which has not been written here: both are kept,"
            + " as a conflict", c.path(), known.topmost().by());
      }
      out.put(next.id(), next);
      index.put(new IndexEntry(c.path(), c.after(), ItemXml.write(next), true));
      if (c.after() == null) {
        resolutionFor(c.path()).ifPresent(r -> out.put(r.id(), r));
      }
    }
  }

  /**
   * Whether {@code known} is what was on this disk before the change ({@code before}): when it is
   * not, its content never arrived here (its holder was away, or the path was ignored here), and a
   * local change was made without having seen it.
   */
  static boolean wasOnDisk(Item known, FileMeta before) {
    if (known.isDeleted()) {
      return before == null;
    }
    FileMeta f = known.payload().file();
    return f == null || f.sameContentAs(before);
  }

  private static boolean sameContent(Item known, FileMeta meta) {
    FileMeta f = known.payload().file();
    return !known.isDeleted() && f != null && f.sameContentAs(meta) && f.mode() == meta.mode();
  }

  /**
   * {@code next}, an update of {@code known}, as a version made without having seen {@code known}:
   * without {@code known}'s topmost history entry. The two are then concurrent, and the merge keeps
   * the one that loses as a conflict (a conflict copy on every endpoint) instead of letting this
   * one replace the other endpoint's edit unseen.
   */
  static Item unseen(Item next, Item known) {
    History theirs = known.topmost();
    List<History> history = new ArrayList<>(next.sync().history());
    history.remove(theirs);
    return next.withSync(next.sync().withHistory(history));
  }

  /** Versions recorded as pending (e.g. before a crash) that the server has not confirmed yet. */
  List<Item> pendingVersions() {
    List<Item> out = new ArrayList<>();
    for (IndexEntry e : index.pending()) {
      if (e.itemXml() != null) {
        out.add(ItemXml.parse(e.itemXml()));
      }
    }
    return out;
  }

  /** Posts {@code versions} in batches; returns the server's merged versions. */
  List<Item> publish(List<Item> versions) throws IOException {
    List<Item> merged = new ArrayList<>(versions.size());
    for (int from = 0; from < versions.size(); from += BATCH) {
      List<Item> batch = versions.subList(from, Math.min(versions.size(), from + BATCH));
      merged.addAll(api.publish(batch));
      log.info("published {} change(s) to {}", batch.size(), namespace);
    }
    return merged;
  }

  private Payload payloadOf(FileMeta meta) {
    return Payload.ofFile(meta).withTitle(Payload.Text.plain(meta.path())).withUpdated(clock.instant());
  }

  /**
   * When {@code deletedPath} was a conflict copy and no other copy of the same file remains, the
   * conflicts of the original are resolved in favour of its current version.
   */
  private Optional<Item> resolutionFor(String deletedPath) {
    Optional<String> original = ConflictNames.originalOf(deletedPath);
    if (original.isEmpty()) {
      return Optional.empty();
    }
    Optional<IndexEntry> entry = index.get(original.get());
    if (entry.isEmpty() || entry.get().itemXml() == null) {
      return Optional.empty();
    }
    Item item = ItemXml.parse(entry.get().itemXml());
    if (item.conflicts().isEmpty() || otherCopiesRemain(original.get(), deletedPath)) {
      return Optional.empty();
    }
    log.info("conflict copies of {} are gone: resolving its conflicts", original.get());
    Item resolved = Resolution.resolveAll(item, me, clock.instant(), item.payload());
    index.put(new IndexEntry(original.get(), entry.get().local(), ItemXml.write(resolved), true));
    return Optional.of(resolved);
  }

  private boolean otherCopiesRemain(String original, String deleted) {
    try {
      var target = paths.resolve(original);
      var dir = target.getParent();
      try (var s = Files.newDirectoryStream(dir)) {
        for (var p : s) {
          String rel = paths.relative(p);
          if (!rel.equals(deleted)
              && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
              && ConflictNames.originalOf(rel).filter(original::equals).isPresent()) {
            return true;
          }
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }
}
