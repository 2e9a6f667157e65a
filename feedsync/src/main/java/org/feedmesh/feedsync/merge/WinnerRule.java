package org.feedmesh.feedsync.merge;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;

/**
 * FeedSync's winner rule: which of two versions of one item a merge shows. The higher
 * {@code updates} wins; then the later {@code when} of the topmost history entry (a present
 * {@code when} beats an absent one; times are whole UTC seconds, so fractions never decide); then
 * the greater {@code by} of the topmost entry, compared by Unicode code point ({@link
 * History#compareBy}; a present {@code by} beats an absent one). When all three tie, the rule cannot
 * tell the versions apart and the incoming version loses: the local one is kept.
 */
public final class WinnerRule {

  /** From weakest to strongest; {@code 0} means the rule cannot tell the two apart. */
  public static final Comparator<Item> ORDER = WinnerRule::compare;

  private WinnerRule() {}

  /** Positive when {@code a} beats {@code b}, negative when {@code b} beats {@code a}, else 0. */
  public static int compare(Item a, Item b) {
    int c = Integer.compare(a.updates(), b.updates());
    if (c != 0) {
      return c;
    }
    c = compareWhen(a.topmost().when(), b.topmost().when());
    if (c != 0) {
      return c;
    }
    return History.compareBy(a.topmost().by(), b.topmost().by());
  }

  /** Whether {@code incoming} replaces {@code local}: only when it strictly beats it. */
  public static boolean beats(Item incoming, Item local) {
    return compare(incoming, local) > 0;
  }

  /**
   * The winner among {@code candidates}: the strongest; of several the rule cannot tell apart, the
   * one that comes first. Callers list local versions before incoming ones, so the incoming loses.
   *
   * @throws IllegalArgumentException if there are no candidates
   */
  public static Item choose(List<Item> candidates) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no candidates to choose a winner from");
    }
    Item best = candidates.get(0);
    for (int i = 1; i < candidates.size(); i++) {
      Item c = candidates.get(i);
      if (compare(c, best) > 0) {
        best = c;
      }
    }
    return best;
  }

  private static int compareWhen(Instant a, Instant b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }
}
