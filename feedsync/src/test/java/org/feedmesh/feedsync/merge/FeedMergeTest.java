package org.feedmesh.feedsync.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.merge.MergeResult.Outcome;
import org.junit.jupiter.api.Test;

class FeedMergeTest {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  static Item created(String id) {
    return Item.create(id, "a", T0, Payload.EMPTY.withTitle(Payload.Text.plain(id)));
  }

  @Test
  void itemsOnOneSideOnlyAreKeptAndItemsOnBothAreMerged() {
    Item onlyLocal = created("only-local");
    Item shared = created("shared");
    Item sharedNewer = shared.updated("b", T0.plusSeconds(60), Payload.EMPTY);
    Item onlyIncoming = created("only-incoming");
    FeedMerge.Result r =
        FeedMerge.merge(List.of(onlyLocal, shared), List.of(sharedNewer, onlyIncoming));
    assertEquals(List.of(onlyLocal, sharedNewer, onlyIncoming), r.items());
    assertEquals(List.of(Outcome.INCOMING_WON, Outcome.ADDED),
        r.results().stream().map(MergeResult::outcome).toList());
    assertEquals(2, r.changedCount());
  }

  @Test
  void anIncomingFeedEqualToTheLocalOneChangesNothing() {
    List<Item> local = List.of(created("one"), created("two"));
    List<Item> copy = List.of(created("one"), created("two"));
    FeedMerge.Result r = FeedMerge.merge(local, copy);
    assertEquals(0, r.changedCount());
    assertSame(local.get(0), r.items().get(0));
  }

  @Test
  void concurrentVersionsInTwoFeedsBecomeConflicts() {
    Item base = created("x");
    Item fromA = base.updated("a", T0.plusSeconds(10), Payload.EMPTY);
    Item fromB = base.updated("b", T0.plusSeconds(20), Payload.EMPTY);
    FeedMerge.Result r = FeedMerge.merge(List.of(fromA), List.of(fromB));
    assertEquals(List.of(fromB.withSync(fromB.sync().withConflicts(List.of(fromA)))), r.items());
  }

  @Test
  void anIdListedTwiceIsMergedIntoOneItem() {
    Item base = created("x");
    Item newer = base.updated("a", T0.plusSeconds(10), Payload.EMPTY);
    FeedMerge.Result r = FeedMerge.merge(List.of(base, base), List.of(newer, base));
    assertEquals(List.of(newer), r.items());
    assertEquals(List.of(Outcome.INCOMING_WON, Outcome.UNCHANGED),
        r.results().stream().map(MergeResult::outcome).toList());
  }

  @Test
  void mergeEachLooksUpOnlyTheIdsOfTheIncomingItemsOneAtATime() {
    Map<String, Item> store = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      store.put("item-" + i, created("item-" + i));
    }
    List<String> lookedUp = new ArrayList<>();
    List<Item> incoming = List.of(created("item-7").updated("b", T0.plusSeconds(5), Payload.EMPTY),
        created("new"));
    FeedMerge.mergeEach(incoming, id -> {
      lookedUp.add(id);
      return Optional.ofNullable(store.get(id));
    }, r -> store.put(r.item().id(), r.item()));
    assertEquals(List.of("item-7", "new"), lookedUp);
    assertEquals(2, store.get("item-7").updates());
    assertEquals(101, store.size());
  }
}
