package org.feedmesh.feedsync;

import java.util.List;

/**
 * The {@code sx:sync} element of one item version: its id, how many updates it has seen, whether
 * it is a deletion tombstone, whether conflicts are kept, its history (topmost = newest first),
 * and the conflicting versions ({@code sx:conflicts}) that merge has not yet resolved.
 *
 * <p>Invariants checked here: id in the NSS set; {@code updates} in 1..2^31-1; a non-empty
 * history; conflict versions carry the same id and no conflicts of their own; an item with
 * {@code noconflicts} carries no conflicts.
 */
public record Sync(
    String id,
    int updates,
    boolean deleted,
    boolean noConflicts,
    List<History> history,
    List<Item> conflicts) {

  public Sync {
    Nss.require("sx:sync/@id", id);
    if (updates < 1) {
      throw new InvalidFeedSyncException(
          "sx:sync/@updates must be in 1..2147483647, got " + updates + " (item " + id + ")");
    }
    if (history == null || history.isEmpty()) {
      throw new InvalidFeedSyncException("sx:sync needs at least one sx:history (item " + id + ")");
    }
    history = List.copyOf(history);
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    for (Item c : conflicts) {
      if (!c.sync().id().equals(id)) {
        throw new InvalidFeedSyncException(
            "a conflict of item " + id + " has a different id: " + c.sync().id());
      }
      if (!c.sync().conflicts().isEmpty()) {
        throw new InvalidFeedSyncException(
            "a conflict of item " + id + " carries sx:conflicts of its own");
      }
    }
    if (noConflicts && !conflicts.isEmpty()) {
      throw new InvalidFeedSyncException(
          "item " + id + " has noconflicts=\"true\" but carries " + conflicts.size() + " conflicts");
    }
  }

  /** The newest history entry (FeedSync's "topmost"). */
  public History topmost() {
    return history.get(0);
  }

  public Sync withConflicts(List<Item> newConflicts) {
    return new Sync(id, updates, deleted, noConflicts, history, newConflicts);
  }

  public Sync withHistory(List<History> newHistory) {
    return new Sync(id, updates, deleted, noConflicts, newHistory, conflicts);
  }
}
