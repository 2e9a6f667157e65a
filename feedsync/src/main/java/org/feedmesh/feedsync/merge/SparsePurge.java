package org.feedmesh.feedsync.merge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;

/**
 * FeedSync's sparse purge: shortens a history by dropping every entry that another entry of the same
 * {@code by} with a higher sequence already covers. The topmost entry and the highest sequence of
 * every {@code by} always stay, and so do entries without {@code by} (nothing else covers them).
 *
 * <p>Purging never changes what a version subsumes or is subsumed by: a dropped entry is covered by
 * one that stays. It is therefore safe to purge before storing or publishing.
 */
public final class SparsePurge {
  private SparsePurge() {}

  /** {@code item} with its own history and each of its conflicts' histories purged. */
  public static Item purge(Item item) {
    List<History> history = purge(item.sync().history());
    List<Item> conflicts = new ArrayList<>(item.conflicts().size());
    boolean changed = history.size() != item.sync().history().size();
    for (Item c : item.conflicts()) {
      Item purged = purge(c);
      changed |= purged != c;
      conflicts.add(purged);
    }
    if (!changed) {
      return item;
    }
    return item.withSync(item.sync().withHistory(history).withConflicts(conflicts));
  }

  /** The entries of {@code history} that survive the purge, in their order. */
  public static List<History> purge(List<History> history) {
    Map<String, Integer> highest = new HashMap<>();
    for (History h : history) {
      if (h.by() != null) {
        highest.merge(h.by(), h.sequence(), Math::max);
      }
    }
    List<History> kept = new ArrayList<>(history.size());
    for (int i = 0; i < history.size(); i++) {
      History h = history.get(i);
      if (i == 0 || h.by() == null || h.sequence() == highest.get(h.by())) {
        kept.add(h);
      }
    }
    return kept.size() == history.size() ? history : List.copyOf(kept);
  }
}
