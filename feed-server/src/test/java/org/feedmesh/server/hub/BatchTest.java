package org.feedmesh.server.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.SyncFeed;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedXml;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.db.Database;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.journal.ItemCodec;
import org.feedmesh.server.journal.Journal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Distribution bodies from a real journal in H2, written by the FeedSync writer. */
class BatchTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private static final Topic TOPIC = new Topic("http://h/feeds/docs", "docs", FeedFormat.ATOM);

  @TempDir Path dir;
  private Database db;
  private Journal journal;
  private final NotificationWriter writer = new FeedNotificationWriter();

  @BeforeEach
  void open() throws IOException {
    db = Database.open(dir, "feedmesh");
    new AccountStore(db, Clock.systemUTC()).createNamespace("docs");
    journal = new Journal(db, new ItemCodec(), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void publish(int n, int titleChars) {
    List<Item> items = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      items.add(
          Item.create(
              "item-" + i,
              "laptop",
              T,
              Payload.EMPTY.withTitle(Payload.Text.plain(i + "-" + "t".repeat(titleChars)))));
    }
    journal.publish("docs", Caller.admin(), items);
  }

  private static List<String> ids(Batch b) {
    return FeedXml.read(b.body()).items().stream().map(Item::id).toList();
  }

  @Test
  void aBatchCarriesEverythingOwedWhenItFits() {
    publish(4, 10);
    Batch b = Batch.next(journal, writer, TOPIC, "http://h/hub", 1, 4, 100, 1 << 20, T);
    assertEquals(List.of("item-2", "item-3", "item-4"), ids(b));
    assertEquals(4, b.until());
    assertEquals("application/atom+xml;charset=utf-8", b.contentType());
  }

  @Test
  void aBatchStopsAtTheEntryLimitAndSaysWhereItStopped() {
    publish(5, 10);
    Batch b = Batch.next(journal, writer, TOPIC, "http://h/hub", 0, 5, 2, 1 << 20, T);
    assertEquals(List.of("item-1", "item-2"), ids(b));
    assertEquals(2, b.until());
  }

  @Test
  void aBatchHalvesItsEntriesUntilTheBodyFitsTheByteLimit() {
    publish(8, 1000);
    Batch b = Batch.next(journal, writer, TOPIC, "http://h/hub", 0, 8, 100, 4096, T);
    assertTrue(b.body().length <= 4096, "body of " + b.body().length + " bytes");
    assertTrue(b.entries() >= 1 && b.entries() < 8, b.entries() + " entries");
    assertEquals(b.entries(), b.until());
    SyncFeed feed = FeedXml.read(b.body());
    assertEquals(b.entries(), feed.items().size());
  }

  @Test
  void anEntryLargerThanTheLimitStillGoesAlone() {
    publish(2, 8000);
    Batch b = Batch.next(journal, writer, TOPIC, "http://h/hub", 0, 2, 100, 4096, T);
    assertEquals(List.of("item-1"), ids(b));
    assertEquals(1, b.until());
  }

  @Test
  void whatWasSupersededLeavesAnEmptyBatchThatStillAdvances() {
    publish(1, 10);
    Item again =
        journal
            .current("docs", "item-1")
            .orElseThrow()
            .updated("laptop", T.plusSeconds(60), Payload.EMPTY);
    journal.publish("docs", Caller.admin(), List.of(again)); // item-1 now at cursor 2
    Batch b = Batch.next(journal, writer, TOPIC, "http://h/hub", 0, 1, 100, 1 << 20, T);
    assertEquals(0, b.entries());
    assertEquals(1, b.until());
  }
}
