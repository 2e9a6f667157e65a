package org.feedmesh.feedsync.merge;

import java.util.List;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;

/**
 * Whether one version of an item already contains another.
 *
 * <p>{@link #isSubsumedBy} is FeedSync's rule: X is subsumed by Y when X's topmost history entry is
 * covered by some entry of Y ({@link History#covers}: the same {@code by} with a sequence at least
 * as high; or, when X's topmost entry has no {@code by}, an entry without {@code by} with the same
 * {@code when} and sequence). It trusts that an endpoint's later update contains its earlier ones.
 *
 * <p>{@link #isHistorySubsumedBy} applies the same test to <em>every</em> entry of X's history. For
 * histories made by FeedSync's own operations the two agree, except when an endpoint updated an
 * item while its own older version was still a losing conflict: then its new version subsumes the
 * old one by FeedSync's rule without containing what the old one was built on. Unlike FeedSync's
 * rule, this one is transitive (if X's history is covered by Y's and Y's by Z's, X's is covered by
 * Z's), which is what lets {@link ItemMerge} converge; see the package documentation.
 */
public final class Subsumption {
  private Subsumption() {}

  /** FeedSync's subsumption: {@code x}'s topmost history entry is covered by one of {@code y}. */
  public static boolean isSubsumedBy(Item x, Item y) {
    return isCovered(x.topmost(), y.sync().history());
  }

  /** Every history entry of {@code x} is covered by an entry of {@code y}. */
  public static boolean isHistorySubsumedBy(Item x, Item y) {
    List<History> theirs = y.sync().history();
    for (History h : x.sync().history()) {
      if (!isCovered(h, theirs)) {
        return false;
      }
    }
    return true;
  }

  /** Whether some entry of {@code history} covers {@code entry}. */
  public static boolean isCovered(History entry, List<History> history) {
    for (History h : history) {
      if (h.covers(entry)) {
        return true;
      }
    }
    return false;
  }
}
