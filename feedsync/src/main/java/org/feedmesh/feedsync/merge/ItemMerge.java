package org.feedmesh.feedsync.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.merge.MergeResult.Outcome;

/**
 * Merges an incoming version of one item into the local one: FeedSync's merge, made convergent as
 * DESIGN section 4 asks (see the package documentation for the rules and the reasoning).
 *
 * <ol>
 *   <li>Candidates: the local item, its conflicts, the incoming item, its conflicts, in this order,
 *       each without conflicts of its own.
 *   <li>Every candidate whose whole history is covered by another candidate's history ({@link
 *       Subsumption#isHistorySubsumedBy}) is dropped, whichever side either comes from. Of
 *       candidates that cover each other (the same version reached both sides), the first is kept,
 *       so an item identical to the local one leaves the local one in place.
 *   <li>The winner is chosen among the rest ({@link WinnerRule#choose}; local before incoming, so
 *       the incoming loses a tie).
 *   <li>The others become the winner's {@code sx:conflicts}, strongest first, unless the winner has
 *       {@code noconflicts}, in which case they are discarded.
 * </ol>
 *
 * <p>Only the two items are needed, never the rest of a feed, so a store can merge one stored item
 * with one incoming item at a time. Pure and thread-safe.
 */
public final class ItemMerge {
  private ItemMerge() {}

  /** Merges {@code incoming} into the stored item, if there is one ({@link Outcome#ADDED} if not). */
  public static MergeResult merge(Optional<Item> local, Item incoming) {
    return local.isPresent() ? merge(local.get(), incoming) : add(incoming);
  }

  /**
   * Merges {@code incoming} into {@code local}.
   *
   * @throws IllegalArgumentException if the two are versions of different items
   */
  public static MergeResult merge(Item local, Item incoming) {
    if (!local.id().equals(incoming.id())) {
      throw new IllegalArgumentException("cannot merge different items: local " + local.id()
          + ", incoming " + incoming.id());
    }
    List<Item> candidates = candidates(local, incoming);
    boolean[] kept = reduce(candidates);
    int winner = winner(candidates, kept);
    int localConflicts = local.conflicts().size();
    if (winner == 0 && keepsLocalConflicts(local, kept, localConflicts)) {
      return new MergeResult(local, Outcome.UNCHANGED);
    }
    Item merged = assemble(candidates, kept, winner);
    Outcome outcome;
    if (winner == 0) {
      outcome = Outcome.LOCAL_KEPT_WITH_NEW_CONFLICTS;
    } else if (winner == localConflicts + 1) {
      outcome = Outcome.INCOMING_WON;
    } else {
      outcome = Outcome.CONFLICT_WON;
    }
    return new MergeResult(merged, outcome);
  }

  /**
   * The item as a store should keep it when nothing local exists: the incoming item, less any of
   * its conflicts that its own history already covers (the same reduction as every merge).
   */
  public static MergeResult add(Item incoming) {
    List<Item> candidates = flatten(incoming, new ArrayList<>(1 + incoming.conflicts().size()));
    boolean[] kept = reduce(candidates);
    return new MergeResult(assemble(candidates, kept, winner(candidates, kept)), Outcome.ADDED);
  }

  /** Local item, its conflicts, incoming item, its conflicts; none with conflicts of its own. */
  static List<Item> candidates(Item local, Item incoming) {
    List<Item> all = new ArrayList<>(2 + local.conflicts().size() + incoming.conflicts().size());
    flatten(local, all);
    flatten(incoming, all);
    return all;
  }

  /**
   * Which candidates survive: not those whose history another candidate covers. Of candidates that
   * cover each other, the first survives. Because history coverage is a preorder, what survives
   * does not depend on the order of the candidates, except for that choice among equals.
   */
  static boolean[] reduce(List<Item> candidates) {
    int n = candidates.size();
    boolean[] kept = new boolean[n];
    for (int i = 0; i < n; i++) {
      kept[i] = !dominated(candidates, i);
    }
    return kept;
  }

  private static boolean dominated(List<Item> candidates, int i) {
    Item x = candidates.get(i);
    for (int j = 0; j < candidates.size(); j++) {
      if (j == i) {
        continue;
      }
      Item y = candidates.get(j);
      if (Subsumption.isHistorySubsumedBy(x, y)
          && (j < i || !Subsumption.isHistorySubsumedBy(y, x))) {
        return true;
      }
    }
    return false;
  }

  private static int winner(List<Item> candidates, boolean[] kept) {
    int best = -1;
    for (int i = 0; i < kept.length; i++) {
      if (kept[i] && (best < 0 || WinnerRule.compare(candidates.get(i), candidates.get(best)) > 0)) {
        best = i;
      }
    }
    return best;
  }

  /** The winner with the other survivors as its conflicts, strongest first (none if noconflicts). */
  private static Item assemble(List<Item> candidates, boolean[] kept, int winner) {
    Item w = candidates.get(winner);
    if (w.sync().noConflicts()) {
      return w;
    }
    List<Item> conflicts = new ArrayList<>();
    for (int i = 0; i < kept.length; i++) {
      if (kept[i] && i != winner) {
        conflicts.add(candidates.get(i));
      }
    }
    if (conflicts.isEmpty()) {
      return w;
    }
    conflicts.sort(WinnerRule.ORDER.reversed());
    return w.withSync(w.sync().withConflicts(conflicts));
  }

  private static boolean keepsLocalConflicts(Item local, boolean[] kept, int localConflicts) {
    if (local.sync().noConflicts()) {
      return true; // losers are discarded, so the local item stays exactly as it is
    }
    for (int i = 1; i < kept.length; i++) {
      if (kept[i] != (i <= localConflicts)) {
        return false;
      }
    }
    return true;
  }

  private static List<Item> flatten(Item item, List<Item> into) {
    into.add(item.withoutConflicts());
    into.addAll(item.conflicts());
    return into;
  }
}
