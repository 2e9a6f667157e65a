package org.feedmesh.feedsync.merge;

import static org.feedmesh.feedsync.merge.Versions.at;
import static org.feedmesh.feedsync.merge.Versions.h;
import static org.feedmesh.feedsync.merge.Versions.v;
import static org.feedmesh.feedsync.merge.Versions.withConflicts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.merge.MergeResult.Outcome;
import org.junit.jupiter.api.Test;

class ResolutionTest {
  static final Item WINNER = v("winner", h(4, "09:04:00", "b"), h(3, "09:03:00", "b"),
      h(2, "09:01:00", "a"), h(1, "09:00:00", "a"));
  static final Item LOSER = v("loser", h(4, "09:03:30", "a"), h(3, "09:02:00", "a"),
      h(2, "09:01:00", "a"), h(1, "09:00:00", "a"));
  static final Item OTHER = v("other", h(3, "09:02:30", "c"), h(2, "09:01:00", "a"),
      h(1, "09:00:00", "a"));
  static final Payload CHOSEN = Payload.EMPTY.withTitle(Payload.Text.plain("chosen"));

  @Test
  void resolvingFoldsTheConflictsUncoveredEntriesRightBelowTheNewTopmostEntry() {
    Item resolved = Resolution.resolveAll(withConflicts(WINNER, LOSER), "b", at("09:05:00"), CHOSEN);
    assertEquals(5, resolved.updates());
    assertEquals(List.of(h(5, "09:05:00", "b"), h(4, "09:03:30", "a"), h(4, "09:04:00", "b"),
        h(3, "09:03:00", "b"), h(2, "09:01:00", "a"), h(1, "09:00:00", "a")),
        resolved.sync().history(), "a's 3, 2 and 1 are covered by a's 4, so they do not repeat");
    assertEquals(List.of(), resolved.conflicts());
    assertEquals(CHOSEN, resolved.payload());
  }

  @Test
  void entriesTheResolverItselfAlreadyCoversAreNotFoldedIn() {
    Item atA = withConflicts(WINNER, LOSER);
    Item resolved = Resolution.resolveAll(atA, "a", at("09:05:00"), CHOSEN);
    assertEquals(List.of(h(5, "09:05:00", "a"), h(4, "09:04:00", "b"), h(3, "09:03:00", "b"),
        h(2, "09:01:00", "a"), h(1, "09:00:00", "a")), resolved.sync().history());
    assertTrue(Subsumption.isSubsumedBy(LOSER, resolved));
  }

  @Test
  void resolvingSomeConflictsKeepsTheOthers() {
    Item item = withConflicts(WINNER, LOSER, OTHER);
    Item resolved = Resolution.resolve(item, List.of(OTHER), "b", at("09:05:00"), CHOSEN);
    assertEquals(List.of(LOSER), resolved.conflicts());
    assertEquals(h(3, "09:02:30", "c"), resolved.sync().history().get(1));
    assertEquals(Outcome.UNCHANGED, ItemMerge.merge(resolved, OTHER).outcome());
    assertEquals(Outcome.UNCHANGED, ItemMerge.merge(resolved, LOSER).outcome());
  }

  @Test
  void aResolutionReplacesTheConflictedItemEverywhereItMerges() {
    Item conflicted = withConflicts(WINNER, LOSER);
    Item resolved = Resolution.resolveAll(conflicted, "c", at("09:05:00"), CHOSEN);
    MergeResult atOtherEndpoint = ItemMerge.merge(conflicted, resolved);
    assertEquals(Outcome.INCOMING_WON, atOtherEndpoint.outcome());
    assertEquals(resolved, atOtherEndpoint.item());
    assertEquals(resolved, LiteralMerge.merge(conflicted, resolved));
    assertEquals(resolved, LiteralMerge.merge(LOSER, resolved));
  }

  @Test
  void resolvingByDeletingLeavesATombstoneWithTheFoldedHistory() {
    Item resolved = Resolution.resolveByDeleting(withConflicts(WINNER, LOSER), List.of(LOSER), "b",
        at("09:05:00"), true);
    assertTrue(resolved.isDeleted());
    assertTrue(resolved.payload().isEmpty());
    assertEquals(h(4, "09:03:30", "a"), resolved.sync().history().get(1));
    assertEquals(List.of(), resolved.conflicts());
  }

  @Test
  void resolvingAVersionThatIsNotAConflictIsRefused() {
    Item item = withConflicts(WINNER, LOSER);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Resolution.resolve(item, List.of(OTHER), "b", at("09:05:00"), CHOSEN));
    assertTrue(e.getMessage().contains("no conflict"), e.getMessage());
  }

  @Test
  void resolvingNothingIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Resolution.resolveAll(WINNER, "b", at("09:05:00"), CHOSEN));
    assertThrows(IllegalArgumentException.class, () -> Resolution.resolve(
        withConflicts(WINNER, LOSER), List.of(), "b", at("09:05:00"), CHOSEN));
  }
}
