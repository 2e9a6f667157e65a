package org.feedmesh.feedsync.merge;

import static org.feedmesh.feedsync.merge.Versions.h;
import static org.feedmesh.feedsync.merge.Versions.v;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feedmesh.feedsync.Item;
import org.junit.jupiter.api.Test;

class SubsumptionTest {

  @Test
  void aVersionIsSubsumedWhenTheOtherHasAnEntryOfTheSameByWithAnEqualOrHigherSequence() {
    Item x = v("x", h(2, "09:00:00", "a"), h(1, "08:00:00", "a"));
    Item same = v("same", h(3, "10:00:00", "b"), h(2, "09:00:00", "a"), h(1, "08:00:00", "a"));
    Item higher = v("higher", h(4, "10:00:00", "a"), h(1, "08:00:00", "a"));
    assertTrue(Subsumption.isSubsumedBy(x, same));
    assertTrue(Subsumption.isSubsumedBy(x, higher));
    assertTrue(Subsumption.isSubsumedBy(x, x));
  }

  @Test
  void aVersionIsNotSubsumedByALowerSequenceOrByAnotherEndpointsEntry() {
    Item x = v("x", h(3, "09:00:00", "a"), h(1, "08:00:00", "a"));
    Item lower = v("lower", h(2, "09:30:00", "a"), h(1, "08:00:00", "a"));
    Item other = v("other", h(5, "09:30:00", "b"), h(1, "08:00:00", "a"));
    assertFalse(Subsumption.isSubsumedBy(x, lower));
    assertFalse(Subsumption.isSubsumedBy(x, other));
  }

  @Test
  void aTopmostEntryWithoutByIsCoveredOnlyByAnEntryWithoutByWithTheSameWhenAndSequence() {
    Item x = v("x", h(2, "09:00:00", null), h(1, "08:00:00", "a"));
    assertTrue(Subsumption.isSubsumedBy(x, v("y", h(3, "10:00:00", "b"), h(2, "09:00:00", null))));
    assertFalse(Subsumption.isSubsumedBy(x, v("y", h(3, "10:00:00", null), h(1, "08:00:00", "a"))),
        "a higher sequence without by does not count");
    assertFalse(Subsumption.isSubsumedBy(x, v("y", h(3, "10:00:00", "b"), h(2, "09:00:01", null))),
        "another when does not count");
    assertFalse(Subsumption.isSubsumedBy(x, v("y", h(3, "10:00:00", "b"), h(2, "09:00:00", "c"))),
        "an entry with a by does not count");
  }

  @Test
  void historySubsumptionNeedsEveryEntryCoveredNotOnlyTheTopmost() {
    // b built y on a's second edit, lost to w, then edited w: z subsumes y by FeedSync's rule
    // (b's sequence 5 >= 3) but does not contain a's second edit.
    Item y = v("y", h(3, "09:02:00", "b"), h(2, "09:01:00", "a"), h(1, "09:00:00", "a"));
    Item z = v("z", h(5, "09:05:00", "b"), h(4, "09:04:00", "c"), h(3, "09:03:00", "c"),
        h(2, "09:02:30", "c"), h(1, "09:00:00", "a"));
    assertTrue(Subsumption.isSubsumedBy(y, z));
    assertFalse(Subsumption.isHistorySubsumedBy(y, z));
    assertTrue(Subsumption.isHistorySubsumedBy(v("y1", h(1, "09:00:00", "a")), z));
  }

  @Test
  void feedSyncSubsumptionIsNotTransitiveButHistorySubsumptionIs() {
    Item x = v("x", h(2, "09:01:00", "a"), h(1, "09:00:00", "a"));
    Item y = v("y", h(3, "09:02:00", "b"), h(2, "09:01:00", "a"), h(1, "09:00:00", "a"));
    Item z = v("z", h(5, "09:05:00", "b"), h(4, "09:04:00", "c"), h(3, "09:03:00", "c"),
        h(2, "09:02:30", "c"), h(1, "09:00:00", "a"));
    assertTrue(Subsumption.isSubsumedBy(x, y));
    assertTrue(Subsumption.isSubsumedBy(y, z));
    assertFalse(Subsumption.isSubsumedBy(x, z), "x <= y <= z yet not x <= z");
    assertTrue(Subsumption.isHistorySubsumedBy(x, y));
    assertFalse(Subsumption.isHistorySubsumedBy(y, z), "so history subsumption never chains here");
  }
}
