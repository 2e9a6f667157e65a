package org.feedmesh.server.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.platform.auth.Access;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.server.accounts.AccountStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private Database db;
  private Journal journal;

  @BeforeEach
  void open() throws IOException {
    db = Database.open(dir, "feedmesh");
    AccountStore accounts = new AccountStore(db, Clock.systemUTC());
    accounts.createNamespace("photos");
    accounts.createNamespace("docs");
    journal = new Journal(db, new ItemCodec(), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static Caller endpoint(String id) {
    return Caller.endpoint(id, Map.of("photos", EnumSet.allOf(Access.class)), false);
  }

  private static Item item(String id, String by) {
    return Item.create(id, by, T, Payload.EMPTY);
  }

  @Test
  void firstPublishJournalsEveryItemUnderConsecutiveCursors() {
    PublishResult r =
        journal.publish(
            "photos", endpoint("laptop"), List.of(item("a", "laptop"), item("b", "laptop")));
    assertEquals(List.of(1L, 2L), r.journaled().stream().map(JournalEntry::cursor).toList());
    assertEquals(2, r.lastCursor());
    assertEquals(2, journal.lastCursor("photos"));
    assertEquals(0, journal.lastCursor("docs"));
  }

  @Test
  void republishingTheSameItemsJournalsNothing() {
    List<Item> items = List.of(item("a", "laptop"), item("b", "laptop"));
    journal.publish("photos", endpoint("laptop"), items);
    PublishResult again = journal.publish("photos", endpoint("laptop"), items);
    assertTrue(again.journaled().isEmpty());
    assertEquals(items, again.merged());
    assertEquals(2, journal.size());
  }

  @Test
  void onlyChangedItemsGetNewCursors() {
    Item a = item("a", "laptop");
    journal.publish("photos", endpoint("laptop"), List.of(a, item("b", "laptop")));
    Item a2 = a.updated("laptop", T.plusSeconds(5), Payload.EMPTY);
    PublishResult r =
        journal.publish("photos", endpoint("laptop"), List.of(a2, item("b", "laptop")));
    assertEquals(1, r.journaled().size());
    assertEquals(3, r.journaled().get(0).cursor());
    assertEquals(a2, journal.current("photos", "a").orElseThrow());
    assertEquals(2, journal.versions("photos", "a").size());
  }

  @Test
  void concurrentEditsBecomeAConflictOfTheMergedVersion() {
    Item base = item("a", "laptop");
    journal.publish("photos", endpoint("laptop"), List.of(base));
    Item byLaptop = base.updated("laptop", T.plusSeconds(10), Payload.EMPTY);
    Item byPhone = base.updated("phone", T.plusSeconds(20), Payload.EMPTY);
    journal.publish("photos", endpoint("laptop"), List.of(byLaptop));
    PublishResult r = journal.publish("photos", endpoint("phone"), List.of(byPhone));
    Item merged = r.merged().get(0);
    assertEquals("phone", merged.topmost().by());
    assertEquals(List.of(byLaptop), merged.conflicts());
    assertEquals(merged, journal.current("photos", "a").orElseThrow());
    assertEquals(3, r.lastCursor());
  }

  @Test
  void olderVersionPostedAgainJournalsNothing() {
    Item base = item("a", "laptop");
    Item newer = base.updated("laptop", T.plusSeconds(1), Payload.EMPTY);
    journal.publish("photos", endpoint("laptop"), List.of(base, newer));
    PublishResult r = journal.publish("photos", endpoint("laptop"), List.of(base));
    assertTrue(r.journaled().isEmpty());
    assertEquals(newer, r.merged().get(0));
  }

  @Test
  void historyUnderAnotherEndpointsIdIsA403AndNothingIsStored() {
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                journal.publish(
                    "photos",
                    endpoint("laptop"),
                    List.of(item("a", "laptop"), item("b", "phone"))));
    assertEquals(403, e.status());
    assertEquals(0, journal.lastCursor("photos"));
    assertTrue(journal.current("photos", "a").isEmpty());
  }

  @Test
  void knownHistoryOfOthersMayBeCarriedAlong() {
    Item fromPhone = item("a", "phone");
    journal.publish("photos", endpoint("phone"), List.of(fromPhone));
    Item edited = fromPhone.updated("laptop", T.plusSeconds(1), Payload.EMPTY);
    assertEquals(
        1, journal.publish("photos", endpoint("laptop"), List.of(edited)).journaled().size());
  }

  @Test
  void relayAndAdminMayPublishAnyHistory() {
    Caller relay = Caller.endpoint("bridge", Map.of(), true);
    assertEquals(
        1, journal.publish("photos", relay, List.of(item("a", "phone"))).journaled().size());
    assertEquals(
        1, journal.publish("photos", Caller.admin(), List.of(item("b", "x"))).journaled().size());
  }

  @Test
  void unknownNamespaceIsA404() {
    assertEquals(
        404,
        assertThrows(
                ApiException.class,
                () -> journal.publish("music", Caller.admin(), List.of(item("a", "x"))))
            .status());
  }

  @Test
  void changesPageThroughCurrentVersionsInCursorOrder() {
    journal.publish(
        "photos",
        endpoint("laptop"),
        IntStream.range(0, 5).mapToObj(i -> item("i" + i, "laptop")).toList());
    Item i0 = item("i0", "laptop").updated("laptop", T.plusSeconds(1), Payload.EMPTY);
    journal.publish("photos", endpoint("laptop"), List.of(i0));
    List<JournalEntry> first = journal.changes("photos", 0, 6, 2);
    assertEquals(List.of(2L, 3L), first.stream().map(JournalEntry::cursor).toList());
    List<JournalEntry> rest = journal.changes("photos", 3, 6, 10);
    assertEquals(List.of(4L, 5L, 6L), rest.stream().map(JournalEntry::cursor).toList());
    assertEquals(i0, rest.get(2).item());
    assertEquals("laptop", rest.get(2).publisher());
  }

  @Test
  void forEachChangeStreamsEveryItemAcrossChunks() throws IOException {
    int n = Journal.CHUNK * 2 + 7;
    journal.publish(
        "photos",
        endpoint("laptop"),
        IntStream.range(0, n).mapToObj(i -> item("i" + i, "laptop")).toList());
    List<Long> seen = new ArrayList<>();
    journal.forEachChange("photos", 5, n, e -> seen.add(e.cursor()));
    assertEquals(n - 5, seen.size());
    assertEquals(6L, seen.get(0));
    assertEquals((long) n, seen.get(seen.size() - 1));
  }

  @Test
  void changeSeesTheCurrentEntryAndItsRefusalStoresNothing() {
    journal.publish("photos", endpoint("laptop"), List.of(item("a", "laptop")));
    assertThrows(
        ApiException.class,
        () ->
            journal.change(
                "photos",
                endpoint("laptop"),
                "a",
                current -> {
                  assertEquals(1, current.orElseThrow().cursor());
                  throw new ApiException(412, "stale");
                }));
    assertEquals(1, journal.lastCursor("photos"));
    PublishResult r =
        journal.change(
            "photos",
            endpoint("laptop"),
            "a",
            current ->
                current.orElseThrow().item().updated("laptop", T.plusSeconds(1), Payload.EMPTY));
    assertEquals(2, r.lastCursor());
    assertTrue(journal.journaledAt("photos", 2).isPresent());
    assertTrue(journal.journaledAt("photos", 3).isEmpty());
  }

  @Test
  void listenersHearOfCommittedChangesOnly() {
    List<List<JournalEntry>> heard = new CopyOnWriteArrayList<>();
    journal.addListener((ns, entries) -> heard.add(entries));
    journal.addListener(
        (ns, entries) -> {
          throw new IllegalStateException("a broken listener does not fail the publish");
        });
    List<Item> items = List.of(item("a", "laptop"));
    journal.publish("photos", endpoint("laptop"), items);
    journal.publish("photos", endpoint("laptop"), items);
    assertThrows(
        ApiException.class,
        () -> journal.publish("photos", endpoint("laptop"), List.of(item("b", "phone"))));
    assertEquals(1, heard.size());
    assertEquals(1, heard.get(0).get(0).cursor());
  }

  @Test
  void eightConcurrentPublishersNeverShareACursorAndLoseNothing() throws Exception {
    int publishers = 8;
    int requests = 15;
    List<JournalEntry> heard = new CopyOnWriteArrayList<>();
    journal.addListener((ns, entries) -> heard.addAll(entries));
    ExecutorService pool = Executors.newFixedThreadPool(publishers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < publishers; p++) {
        String who = "ep" + p;
        done.add(
            pool.submit(
                () -> {
                  Item shared = null;
                  for (int r = 0; r < requests; r++) {
                    // Each request: one item of its own and the next version of its own shared-id
                    // item.
                    shared =
                        shared == null
                            ? item(who + "-doc", who)
                            : shared.updated(who, T.plusSeconds(r), Payload.EMPTY);
                    journal.publish(
                        "photos", endpoint(who), List.of(item(who + "-" + r, who), shared));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long expected = (long) publishers * requests * 2;
    assertEquals(expected, journal.lastCursor("photos"));
    assertEquals(expected, journal.size());
    Set<Long> cursors = new HashSet<>();
    heard.forEach(e -> assertTrue(cursors.add(e.cursor()), "cursor " + e.cursor() + " twice"));
    assertEquals(expected, cursors.size());
    for (int p = 0; p < publishers; p++) {
      assertEquals(requests, journal.current("photos", "ep" + p + "-doc").orElseThrow().updates());
    }
    assertEquals(publishers * (requests + 1), journal.itemCount("photos"));
  }

  @Test
  void itemTooLongForTheInlineColumnRoundTripsThroughTheLob() {
    int blocks = 12_000;
    List<org.feedmesh.feedsync.fm.Block> list = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      list.add(
          new org.feedmesh.feedsync.fm.Block(b, 1, org.feedmesh.feedsync.fm.Sha256.hex("b" + b)));
    }
    org.feedmesh.feedsync.fm.FileMeta meta =
        org.feedmesh.feedsync.fm.FileMeta.file(
            "big.bin", blocks, T, 0644, org.feedmesh.feedsync.fm.Sha256.hex("big"), list);
    Item big = Item.create("big", "laptop", T, Payload.ofFile(meta));
    assertTrue(new ItemCodec().encode(big).length() > JournalSchema.INLINE_MAX);
    journal.publish("photos", endpoint("laptop"), List.of(big));
    assertEquals(big, journal.current("photos", "big").orElseThrow());
    assertEquals(big, journal.changes("photos", 0, 1, 10).get(0).item());
    assertEquals(big, journal.versions("photos", "big").get(0).item());
  }

  @Test
  void journalSurvivesReopen() throws IOException {
    journal.publish("photos", endpoint("laptop"), List.of(item("a", "laptop")));
    db.close();
    db = Database.open(dir, "feedmesh");
    journal = new Journal(db, new ItemCodec(), Clock.systemUTC());
    assertEquals(1, journal.lastCursor("photos"));
    assertEquals(item("a", "laptop"), journal.current("photos", "a").orElseThrow());
  }
}
