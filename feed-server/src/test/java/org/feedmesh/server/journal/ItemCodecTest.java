package org.feedmesh.server.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Sync;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;
import org.junit.jupiter.api.Test;

class ItemCodecTest {
  private final ItemCodec codec = new ItemCodec();
  private static final String HASH = "a".repeat(64);

  @Test
  void fileItemWithConflictsRoundTripsExactly() {
    Instant t = Instant.parse("2026-03-04T05:06:07Z");
    FileMeta file = FileMeta.file("docs/ä.txt", 10, t, 0644, HASH, List.of(new Block(0, 10, HASH)));
    Item loser = Item.create("item-1", "phone", t, Payload.ofFile(file));
    Payload rich =
        Payload.ofFile(file)
            .withContent(new Payload.Content("html", "<b>x</b>", null))
            .withEntryId("urn:x")
            .withUpdated(t);
    rich =
        new Payload(
            rich.entryId(),
            rich.title(),
            Payload.Text.plain("sum"),
            rich.content(),
            List.of(new Payload.Link(URI.create("http://e/x"), "self", null, null, 5L)),
            List.of(new Payload.Person("Ann", null, null)),
            List.of(new Payload.Category("c", null, "C")),
            t,
            t,
            file,
            List.of(new Payload.Foreign("urn:ns", "x", "<x xmlns=\"urn:ns\">1</x>")));
    Item winner =
        Item.create("item-1", "laptop", t, rich).updated("laptop", t.plusSeconds(1), rich);
    Item item =
        winner.withSync(
            new Sync("item-1", 2, false, false, winner.sync().history(), List.of(loser)));
    assertEquals(item, codec.decode(codec.encode(item)));
  }

  @Test
  void tombstoneWithoutWhenRoundTrips() {
    Item item =
        new Item(
            new Sync(
                "x",
                3,
                true,
                false,
                List.of(new History(3, null, "laptop"), new History(1, null, "phone")),
                List.of()),
            Payload.EMPTY);
    assertEquals(item, codec.decode(codec.encode(item)));
  }
}
