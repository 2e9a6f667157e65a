package org.feedmesh.feedsync.merge;

import java.util.Objects;
import org.feedmesh.feedsync.Item;

/**
 * What merging an incoming version into the local one gave: the item to keep and how it came
 * about. When {@link #changed()} is false, {@link #item()} is the local item itself, and a store
 * that journals only changes has nothing to write.
 */
public record MergeResult(Item item, Outcome outcome) {

  /** How the merged item relates to the local one. */
  public enum Outcome {
    /** There was no local item; the incoming one is kept. */
    ADDED,
    /** The local item is kept exactly as it was: the incoming one brought nothing it lacked. */
    UNCHANGED,
    /** The incoming item is the new winner. */
    INCOMING_WON,
    /** The local item still wins, but its set of conflicts changed (some added or dropped). */
    LOCAL_KEPT_WITH_NEW_CONFLICTS,
    /**
     * A version that was listed as a conflict (on either side) is the new winner. FeedSync's own
     * operations never produce this; it happens with items whose winner was not the one the winner
     * rule picks, e.g. written by another implementation.
     */
    CONFLICT_WON
  }

  public MergeResult {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** Whether the item differs from the local one (always true for {@link Outcome#ADDED}). */
  public boolean changed() {
    return outcome != Outcome.UNCHANGED;
  }
}
