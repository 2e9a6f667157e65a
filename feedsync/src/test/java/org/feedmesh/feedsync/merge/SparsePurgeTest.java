package org.feedmesh.feedsync.merge;

import static org.feedmesh.feedsync.merge.Versions.h;
import static org.feedmesh.feedsync.merge.Versions.v;
import static org.feedmesh.feedsync.merge.Versions.withConflicts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;
import org.junit.jupiter.api.Test;

class SparsePurgeTest {

  @Test
  void dropsEntriesCoveredByALaterEntryOfTheSameBy() {
    List<History> history = List.of(h(5, "09:05:00", "b"), h(4, "09:04:00", "a"),
        h(3, "09:03:00", "b"), h(2, "09:02:00", "a"), h(1, "09:01:00", "a"));
    assertEquals(List.of(h(5, "09:05:00", "b"), h(4, "09:04:00", "a")), SparsePurge.purge(history));
  }

  @Test
  void keepsTheHighestSequenceOfEveryByEvenFarDown() {
    List<History> history = List.of(h(4, "09:04:00", "a"), h(3, "09:03:00", "a"),
        h(2, "09:02:00", "c"), h(1, "09:01:00", "d"));
    assertEquals(List.of(h(4, "09:04:00", "a"), h(2, "09:02:00", "c"), h(1, "09:01:00", "d")),
        SparsePurge.purge(history));
  }

  @Test
  void neverDropsTheTopmostEntryEvenWhenALaterSequenceOfItsByFollows() {
    List<History> odd = List.of(h(2, "09:04:00", "a"), h(3, "09:03:00", "a"), h(1, "09:01:00", "a"));
    assertEquals(List.of(h(2, "09:04:00", "a"), h(3, "09:03:00", "a")), SparsePurge.purge(odd));
  }

  @Test
  void keepsEntriesWithoutBy() {
    List<History> history = List.of(h(3, "09:03:00", "a"), h(2, "09:02:00", null),
        h(1, "09:01:00", null));
    assertSame(history, SparsePurge.purge(history));
  }

  @Test
  void purgesTheConflictsOfAnItemTooAndKeepsWhatItSubsumes() {
    Item loser = v("loser", h(3, "09:03:30", "a"), h(2, "09:02:00", "a"), h(1, "09:00:00", "a"));
    Item winner = v("winner", h(3, "09:04:00", "b"), h(2, "09:02:00", "a"), h(1, "09:00:00", "a"));
    Item purged = SparsePurge.purge(withConflicts(winner, loser));
    assertEquals(List.of(h(3, "09:04:00", "b"), h(2, "09:02:00", "a")), purged.sync().history());
    assertEquals(List.of(h(3, "09:03:30", "a")), purged.conflicts().get(0).sync().history());
    Item older = v("older", h(1, "09:00:00", "a"));
    assertTrue(Subsumption.isSubsumedBy(older, purged));
    assertTrue(Subsumption.isHistorySubsumedBy(older, purged));
  }

  @Test
  void anItemWithNothingToPurgeIsReturnedAsItIs() {
    Item item = v("one", h(2, "09:02:00", "b"), h(1, "09:01:00", "a"));
    assertSame(item, SparsePurge.purge(item));
  }
}
