package org.feedmesh.feedsync.merge;

import static org.feedmesh.feedsync.merge.Versions.h;
import static org.feedmesh.feedsync.merge.Versions.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Sync;
import org.junit.jupiter.api.Test;

class WinnerRuleTest {

  @Test
  void higherUpdatesWinsEvenWithAnOlderWhenAndASmallerBy() {
    Item more = v("more", h(3, "09:00:00", "a"), h(2, "08:00:00", "a"), h(1, "07:00:00", "a"));
    Item later = v("later", h(2, "23:00:00", "z"), h(1, "07:00:00", "a"));
    assertTrue(WinnerRule.beats(more, later));
    assertFalse(WinnerRule.beats(later, more));
  }

  @Test
  void laterTopmostWhenWinsOnEqualUpdates() {
    Item early = v("early", h(2, "09:00:00", "zz"), h(1, "08:00:00", "a"));
    Item late = v("late", h(2, "09:00:01", "aa"), h(1, "08:00:00", "a"));
    assertTrue(WinnerRule.beats(late, early));
    assertFalse(WinnerRule.beats(early, late));
  }

  @Test
  void aPresentWhenBeatsAnAbsentOneWhateverTheBy() {
    Item timed = v("timed", h(1, "09:00:00", "a"));
    Item untimed = v("untimed", h(1, null, "z"));
    assertTrue(WinnerRule.beats(timed, untimed));
    assertFalse(WinnerRule.beats(untimed, timed));
  }

  @Test
  void whenTiesAtWholeSecondsSoFractionsDoNotDecide() {
    Item laterFraction = v("a", h(1, "09:00:00.900", "a"));
    Item earlierFraction = v("b", h(1, "09:00:00.100", "b"));
    assertEquals(laterFraction.topmost().when(), earlierFraction.topmost().when());
    assertTrue(WinnerRule.beats(earlierFraction, laterFraction), "by decides, not the fraction");
  }

  @Test
  void itemsWithoutWhenAreDecidedByBy() {
    Item a = v("a", h(1, null, "a"));
    Item b = v("b", h(1, null, "b"));
    assertTrue(WinnerRule.beats(b, a));
    assertFalse(WinnerRule.beats(a, b));
  }

  @Test
  void byIsComparedByCodePointSoAnAstralCharacterBeatsTheLastBmpCharacter() {
    String grinning = "\uD83D\uDE00"; // U+1F600, two UTF-16 units starting with 0xD83D
    String last = "\uFFFF";
    assertTrue(grinning.compareTo(last) < 0, "UTF-16 order says the reverse");
    assertTrue(History.compareBy(grinning, last) > 0);
    assertTrue(History.compareBy(last, grinning) < 0);
    assertTrue(History.compareBy("x" + grinning, "x" + last) > 0);
    assertTrue(History.compareBy("\uE000", "\uD83D\uDE00") < 0, "U+E000 < U+1F600");
  }

  @Test
  void byIsComparedCaseSensitivelyByCodePointSoUppercaseSortsFirst() {
    assertTrue(History.compareBy("Z", "a") < 0);
    Item upper = v("upper", h(1, "09:00:00", "Z"));
    Item lower = v("lower", h(1, "09:00:00", "a"));
    assertTrue(WinnerRule.beats(lower, upper));
    assertFalse(WinnerRule.beats(upper, lower));
  }

  @Test
  void byIsComparedCharacterByCharacterNotByLength() {
    assertTrue(History.compareBy("b", "ab") > 0);
    assertTrue(History.compareBy("ab", "a") > 0, "a proper prefix sorts first");
    Item shortBy = v("b", h(1, "09:00:00", "b"));
    Item longBy = v("ab", h(1, "09:00:00", "ab"));
    assertTrue(WinnerRule.beats(shortBy, longBy));
  }

  @Test
  void aPresentByBeatsAnAbsentOne() {
    Item anonymous = v("anonymous", h(1, "09:00:00", null));
    Item named = v("named", h(1, "09:00:00", "a"));
    assertTrue(WinnerRule.beats(named, anonymous));
    assertFalse(WinnerRule.beats(anonymous, named));
  }

  @Test
  void theIncomingLosesWhenTheRuleCannotTellTheVersionsApart() {
    Item local = new Item(v("local", h(2, "09:00:00", null)).sync(), null);
    Item incoming = v("incoming", h(1, "09:00:00", null));
    incoming = incoming.withSync(
        new Sync(incoming.id(), 2, false, false, incoming.sync().history(), List.of()));
    assertEquals(0, WinnerRule.compare(local, incoming));
    assertFalse(WinnerRule.beats(incoming, local));
    assertSame(local, WinnerRule.choose(List.of(local, incoming)));
    MergeResult merged = ItemMerge.merge(local, incoming);
    assertEquals(local, merged.item().withoutConflicts());
    assertEquals(List.of(incoming), merged.item().conflicts());
    assertEquals(incoming, ItemMerge.merge(incoming, local).item().withoutConflicts());
  }
}
