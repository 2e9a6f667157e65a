package org.feedmesh.feedsync.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;

/**
 * FeedSync's conflict resolution (section 3.4): an endpoint that has looked at some or all of an
 * item's conflicts makes a new version of the item, an ordinary update ({@code updates} + 1, a new
 * topmost history entry) whose history also takes in the history of every resolved conflict, so
 * that the new version subsumes them wherever it travels.
 *
 * <p>The resolved conflicts' entries go right below the new topmost entry, newest first, each only
 * if no entry already there covers it (so nothing repeats, and an entry superseded by a later one
 * of the same endpoint is left out). The resolved versions leave {@code sx:conflicts}; the others
 * stay. What the new content is (one of the versions, or a blend) is the caller's choice.
 */
public final class Resolution {
  private Resolution() {}

  /**
   * Resolves {@code resolved} (some of {@code item}'s conflicts) with new content {@code payload}.
   *
   * @throws IllegalArgumentException if {@code resolved} is empty or names a version that is not
   *     among the item's conflicts
   */
  public static Item resolve(Item item, Collection<Item> resolved, String by, Instant when,
      Payload payload) {
    check(item, resolved);
    return fold(item.updated(by, when, payload), resolved);
  }

  /** Resolves every conflict of {@code item} with new content {@code payload}. */
  public static Item resolveAll(Item item, String by, Instant when, Payload payload) {
    return resolve(item, item.conflicts(), by, when, payload);
  }

  /** Resolves {@code resolved} by deleting the item (a tombstone, as {@link Item#deleted}). */
  public static Item resolveByDeleting(Item item, Collection<Item> resolved, String by, Instant when,
      boolean stripPayload) {
    check(item, resolved);
    return fold(item.deleted(by, when, stripPayload), resolved);
  }

  private static void check(Item item, Collection<Item> resolved) {
    if (resolved.isEmpty()) {
      throw new IllegalArgumentException("nothing to resolve: item " + item.id() + " has "
          + item.conflicts().size() + " conflicts and none was named"
          + " (a plain update is Item.updated)");
    }
    for (Item r : resolved) {
      if (!item.conflicts().contains(r)) {
        throw new IllegalArgumentException("item " + item.id() + " has no conflict " + describe(r)
            + "; its conflicts are " + item.conflicts().stream().map(Resolution::describe).toList());
      }
    }
  }

  /** {@code next} is the update just made; folds resolved histories in, drops them as conflicts. */
  private static Item fold(Item next, Collection<Item> resolved) {
    List<History> history = next.sync().history();
    List<History> folded = new ArrayList<>();
    for (Item r : resolved) {
      for (History h : r.sync().history()) {
        if (!Subsumption.isCovered(h, history) && !Subsumption.isCovered(h, folded)) {
          folded.add(h);
        }
      }
    }
    List<History> merged = new ArrayList<>(history.size() + folded.size());
    merged.add(history.get(0));
    merged.addAll(folded);
    merged.addAll(history.subList(1, history.size()));
    List<Item> left = new ArrayList<>(next.conflicts());
    left.removeAll(resolved);
    return next.withSync(next.sync().withHistory(merged).withConflicts(left));
  }

  private static String describe(Item version) {
    History top = version.topmost();
    return "(updates " + version.updates() + ", topmost by " + top.by() + " sequence "
        + top.sequence() + ")";
  }
}
