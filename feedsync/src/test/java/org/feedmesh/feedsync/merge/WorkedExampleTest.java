package org.feedmesh.feedsync.merge;

import static org.feedmesh.feedsync.merge.Versions.at;
import static org.feedmesh.feedsync.merge.Versions.h;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.merge.MergeResult.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The life of one shared item on two endpoints, step by step in the manner of the FeedSync
 * specification's examples (our own fixture): create, update, concurrent updates, merges both
 * ways, the resulting conflict, its resolution, a delete racing an edit, and the final merge.
 */
class WorkedExampleTest {
  static final String ID = "ep1.100";

  static Payload text(String title) {
    return Payload.EMPTY.withTitle(Payload.Text.plain(title));
  }

  @Test
  void anItemGoesFromCreationThroughConflictAndResolutionToDeletion() {
    // 1. ep1 creates the item.
    Item v1 = Item.create(ID, "ep1", at("10:00:00"), text("Pack for the trip"));
    assertEquals(1, v1.updates());
    assertEquals(List.of(h(1, "10:00:00", "ep1")), v1.sync().history());
    assertFalse(v1.isDeleted());

    // 2. ep1 updates it; the new entry goes on top.
    Item v2 = v1.updated("ep1", at("10:01:00"), text("Pack for the trip: passport"));
    assertEquals(2, v2.updates());
    assertEquals(List.of(h(2, "10:01:00", "ep1"), h(1, "10:00:00", "ep1")), v2.sync().history());

    // 3. ep2 subscribes and merges ep1's feed: a new item for ep2.
    MergeResult atEp2 = ItemMerge.merge(Optional.empty(), v2);
    assertEquals(Outcome.ADDED, atEp2.outcome());
    Item ep2 = atEp2.item();
    assertEquals(v2, ep2);

    // 4. Both edit version 2 without seeing each other's edit.
    Item fromEp1 = v2.updated("ep1", at("10:02:00"), text("Pack: passport, charger"));
    Item fromEp2 = ep2.updated("ep2", at("10:02:05"), text("Pack: passport, tickets"));
    assertEquals(3, fromEp1.updates());
    assertEquals(3, fromEp2.updates());
    assertFalse(Subsumption.isSubsumedBy(fromEp1, fromEp2));
    assertFalse(Subsumption.isSubsumedBy(fromEp2, fromEp1));

    // 5. They merge each other's feeds: same updates, ep2's topmost when is later, so ep2's
    //    version wins on both sides and ep1's becomes its conflict.
    MergeResult mergedAtEp1 = ItemMerge.merge(fromEp1, fromEp2);
    MergeResult mergedAtEp2 = ItemMerge.merge(fromEp2, fromEp1);
    assertEquals(Outcome.INCOMING_WON, mergedAtEp1.outcome());
    assertEquals(Outcome.LOCAL_KEPT_WITH_NEW_CONFLICTS, mergedAtEp2.outcome());
    Item conflicted = mergedAtEp1.item();
    assertEquals(conflicted, mergedAtEp2.item());
    assertEquals(fromEp2, conflicted.withoutConflicts());
    assertEquals(List.of(fromEp1), conflicted.conflicts());
    assertEquals(List.of(h(3, "10:02:05", "ep2"), h(2, "10:01:00", "ep1"), h(1, "10:00:00", "ep1")),
        conflicted.sync().history());
    assertEquals(Outcome.UNCHANGED, ItemMerge.merge(conflicted, fromEp1).outcome());
    assertEquals(Outcome.UNCHANGED, ItemMerge.merge(conflicted, conflicted).outcome());

    // 6. ep2 resolves the conflict by combining both lists. ep1's entry 3 is folded in below the
    //    new topmost entry; ep1's 2 and 1 are already there.
    Item resolved = Resolution.resolveAll(conflicted, "ep2", at("10:03:00"),
        text("Pack: passport, charger, tickets"));
    assertEquals(4, resolved.updates());
    assertEquals(List.of(h(4, "10:03:00", "ep2"), h(3, "10:02:00", "ep1"), h(3, "10:02:05", "ep2"),
        h(2, "10:01:00", "ep1"), h(1, "10:00:00", "ep1")), resolved.sync().history());
    assertTrue(resolved.conflicts().isEmpty());

    // 7. ep1, still holding the conflicted item, merges the resolution: it replaces everything.
    MergeResult resolutionAtEp1 = ItemMerge.merge(conflicted, resolved);
    assertEquals(Outcome.INCOMING_WON, resolutionAtEp1.outcome());
    assertSame(resolved, resolutionAtEp1.item());
    assertEquals(Outcome.UNCHANGED, ItemMerge.merge(resolved, conflicted).outcome());
    assertEquals(Outcome.UNCHANGED, ItemMerge.merge(resolved, fromEp1).outcome());

    // 8. ep1 deletes the item while ep2 edits it, in the same second: updates and when tie, so
    //    the greater by ("ep2" > "ep1") wins and the tombstone becomes a conflict.
    Item tombstone = resolved.deleted("ep1", at("10:04:00.200"), true);
    Item edit = resolved.updated("ep2", at("10:04:00.900"), text("Pack: done"));
    assertTrue(tombstone.isDeleted());
    assertTrue(tombstone.payload().isEmpty());
    assertEquals(5, tombstone.updates());
    Item raced = ItemMerge.merge(tombstone, edit).item();
    assertEquals(raced, ItemMerge.merge(edit, tombstone).item());
    assertEquals(edit, raced.withoutConflicts());
    assertEquals(List.of(tombstone), raced.conflicts());
    assertFalse(raced.isDeleted());

    // 9. ep1 resolves the race by deleting after all; ep2 merges and the item is gone there too.
    Item deleted =
        Resolution.resolveByDeleting(raced, raced.conflicts(), "ep1", at("10:05:00"), true);
    assertEquals(6, deleted.updates());
    assertTrue(deleted.isDeleted());
    assertEquals(List.of(h(6, "10:05:00", "ep1"), h(5, "10:04:00", "ep2"), h(4, "10:03:00", "ep2"),
        h(3, "10:02:00", "ep1"), h(3, "10:02:05", "ep2"), h(2, "10:01:00", "ep1"),
        h(1, "10:00:00", "ep1")), deleted.sync().history(), "ep1's own 5 is covered by its 6");
    MergeResult atEp2Finally = ItemMerge.merge(raced, deleted);
    assertEquals(Outcome.INCOMING_WON, atEp2Finally.outcome());
    assertTrue(atEp2Finally.item().isDeleted());
    assertTrue(atEp2Finally.item().conflicts().isEmpty());
    assertEquals(Outcome.UNCHANGED, ItemMerge.merge(deleted, edit).outcome());
  }
}
