package org.feedmesh.feedsync.merge;

import java.util.ArrayList;
import java.util.List;
import org.feedmesh.feedsync.Item;

/**
 * FeedSync 1.0.1's merge of one item, step by step as the specification writes it, kept so that
 * tests can compare {@link ItemMerge} with it. Not for production use: its result can depend on
 * the order in which versions arrive (see the package documentation).
 *
 * <ol>
 *   <li>No local item: the incoming item is kept as it is.
 *   <li>L = the local item and its conflicts; I = the incoming item and its conflicts.
 *   <li>Remove from L every item subsumed ({@link Subsumption#isSubsumedBy}, FeedSync's
 *       topmost-entry rule) by an item of I; then remove from I every item subsumed by an item
 *       still in L.
 *   <li>M = L followed by I; the winner W is chosen by the winner rule (first wins a tie, so the
 *       incoming loses).
 *   <li>Unless W has {@code noconflicts}, the rest of M become W's conflicts, in M's order.
 * </ol>
 */
final class LiteralMerge {
  private LiteralMerge() {}

  /** {@code local} may be null (no local item). */
  static Item merge(Item local, Item incoming) {
    if (local == null) {
      return incoming;
    }
    List<Item> l = flatten(local);
    List<Item> i = flatten(incoming);
    l.removeIf(x -> i.stream().anyMatch(y -> Subsumption.isSubsumedBy(x, y)));
    i.removeIf(y -> l.stream().anyMatch(x -> Subsumption.isSubsumedBy(y, x)));
    List<Item> m = new ArrayList<>(l);
    m.addAll(i);
    Item w = WinnerRule.choose(m);
    if (w.sync().noConflicts()) {
      return w;
    }
    List<Item> conflicts = new ArrayList<>(m);
    conflicts.remove(m.indexOf(w));
    return w.withSync(w.sync().withConflicts(conflicts));
  }

  private static List<Item> flatten(Item item) {
    List<Item> all = new ArrayList<>();
    all.add(item.withoutConflicts());
    all.addAll(item.conflicts());
    return all;
  }
}
