package org.feedmesh.feedsync.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Related;
import org.feedmesh.feedsync.SyncFeed;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;
import org.junit.jupiter.api.Test;

class FeedReaderTest {

  private static SyncFeed atom() {
    return FeedXml.read(Fixtures.bytes(Fixtures.ATOM_FEED));
  }

  private static SyncFeed rss() {
    return FeedXml.read(Fixtures.bytes(Fixtures.RSS_FEED));
  }

  @Test
  void headIsAvailableAsSoonAsTheReaderIsOpen() {
    try (FeedReader reader = FeedReader.open(new ByteArrayInputStream(Fixtures.bytes(Fixtures.ATOM_FEED)))) {
      FeedHead head = reader.head();
      assertEquals(FeedFormat.ATOM, reader.format());
      assertEquals(0, reader.itemsRead());
      assertEquals("urn:feedmesh:ns:photos", head.id());
      assertEquals("photos", head.title());
      assertEquals(Instant.parse("2026-11-21T09:30:00Z"), head.updated());
      assertEquals(List.of("self", "hub"), head.links().stream().map(Payload.Link::rel).toList());
      assertEquals("0000000000000000041", head.sharing().since());
      assertEquals(41, org.feedmesh.feedsync.Sharing.parseCursor(head.sharing().since()));
      assertEquals("0000000000000000099", head.sharing().until());
      assertEquals(Instant.parse("2026-12-01T00:00:00Z"), head.sharing().expires());
      assertEquals(List.of(
          new Related(URI.create("https://hub.example.test/feeds/photos?complete"), Related.Type.COMPLETE, null),
          new Related(URI.create("https://peer.example.test/photos.xml"), Related.Type.AGGREGATED, "Peer B's copy")),
          head.sharing().related());
      assertTrue(head.unpublished());
    }
  }

  @Test
  void fileDirectoryAndSymlinkItemsCarryTheirFileMetadata() {
    List<Item> items = atom().items();
    FileMeta file = items.get(0).payload().file();
    assertEquals("albums/2026/beach.jpg", file.path());
    assertEquals(FileKind.FILE, file.kind());
    assertEquals(3000, file.size());
    assertEquals(0644, file.mode());
    assertEquals(Instant.parse("2026-11-21T09:29:58Z"), file.mtime());
    assertEquals("8ba0d06bc5a88966b1f681d9cab28709781ad7c450802d0e477132d8919e0cbf", file.blobId());
    assertEquals(List.of(0L, 1000L, 2500L), file.blocks().stream().map(b -> b.offset()).toList());
    assertEquals(List.of(1000, 1500, 500), file.blocks().stream().map(b -> b.size()).toList());
    assertEquals("2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6", file.blocks().get(2).hash());

    assertEquals(FileMeta.dir("albums", Instant.parse("2026-11-01T00:00:00Z"), 0755), items.get(1).payload().file());
    assertEquals(FileMeta.symlink("latest", null, "albums/2026/beach.jpg"), items.get(2).payload().file());
  }

  @Test
  void syncMetadataKeepsHistoryNewestFirstInUtcWholeSeconds() {
    Item first = atom().items().get(0);
    assertEquals("c0ffee01", first.id());
    assertEquals(3, first.updates());
    assertFalse(first.isDeleted());
    assertEquals(List.of(
        new History(3, Instant.parse("2026-11-21T09:30:00Z"), "laptop"),
        new History(2, Instant.parse("2026-11-20T06:00:00Z"), "phone"),
        new History(1, Instant.parse("2026-11-19T07:00:00Z"), "laptop")),
        first.sync().history());
    Item dir = atom().items().get(1);
    assertTrue(dir.sync().noConflicts());
    assertNull(dir.topmost().by());
    assertNull(atom().items().get(2).topmost().when());
  }

  @Test
  void conflictsAreReadAsFullVersionsWithTheirOwnPayload() {
    Item item = atom().items().get(4);
    assertEquals(2, item.conflicts().size());
    Item phone = item.conflicts().get(0);
    assertEquals("phone", phone.topmost().by());
    assertEquals("notes.txt", phone.payload().file().path());
    assertEquals(0, phone.payload().file().size());
    Item tablet = item.conflicts().get(1);
    assertTrue(tablet.isDeleted());
    assertEquals(Payload.Text.plain("notes.txt (deleted on tablet)"), tablet.payload().title());
  }

  @Test
  void strippedTombstoneHasAnEmptyPayload() {
    Item tombstone = atom().items().get(5);
    assertTrue(tombstone.isDeleted());
    assertTrue(tombstone.payload().isEmpty());
  }

  @Test
  void plainAtomEntryKeepsEveryPartAndUnmappedElementsVerbatim() {
    Payload p = atom().items().get(3).payload();
    assertEquals(new Payload.Text("html", "Café &lt;3 😀 𝄞"), p.title());
    assertEquals(Payload.Text.plain("Notes from the café — with 𝄞 and \"quotes\" & <brackets>"), p.summary());
    assertEquals(new Payload.Content("xhtml",
        "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hello <b>world</b> 😀</p></div>", null), p.content());
    assertEquals(List.of(
        new Payload.Link(URI.create("https://blog.example.test/entry-7"), null, null, null, null),
        new Payload.Link(URI.create("https://blog.example.test/entry-7.mp3"), "enclosure", "audio/mpeg", null, 123456L)),
        p.links());
    assertEquals(List.of(
        new Payload.Person("Ana", "ana@example.test", URI.create("https://ana.example.test/")),
        new Payload.Person("Bo", null, null)), p.authors());
    assertEquals(List.of(
        new Payload.Category("travel", "https://blog.example.test/tags", "Travel"),
        new Payload.Category("coffee", null, null)), p.categories());
    assertEquals(Instant.parse("2026-11-20T10:00:00Z"), p.published());
    assertEquals(Instant.parse("2026-11-20T16:00:00Z"), p.updated());
    assertNull(p.file());
    assertEquals(List.of("link", "contributor", "lat", "rating"),
        p.foreign().stream().map(Payload.Foreign::localName).toList());
    assertEquals("<link xmlns=\"http://www.w3.org/2005/Atom\" rel=\"alternate\""
        + " href=\"https://blog.example.test/fr/entry-7\" hreflang=\"fr\" />", p.foreign().get(0).xml());
    assertEquals("<x:rating xmlns:x=\"urn:example:rating\" x:scale=\"5\" value=\"4\">good"
        + " <x:why>view\t&amp; tabs</x:why></x:rating>", p.foreign().get(3).xml());
  }

  @Test
  void astralCharactersSurviveInTitlesPathsAndEscapedBy() {
    Item item = atom().items().get(6);
    assertEquals("𝄞 music/🎵 ünïcödé.flac", item.payload().title().value());
    assertEquals("𝄞 music/🎵 ünïcödé.flac", item.payload().file().path());
    assertEquals("desk%F0%9D%84%9E", item.topmost().by());
  }

  @Test
  void rssFeedIsDetectedAndMapsEveryRssElement() {
    SyncFeed feed = rss();
    FeedHead head = feed.head();
    assertEquals("To Do List", head.title());
    assertEquals("https://todo.example.test/list", head.id());
    assertEquals(Instant.parse("2026-11-21T08:30:00Z"), head.updated());
    assertEquals(1, head.links().size());
    assertEquals(2, head.sharing().related().size());
    assertFalse(head.unpublished());

    Item groceries = feed.items().get(0);
    Payload p = groceries.payload();
    assertEquals(Payload.Text.plain("Buy groceries"), p.title());
    assertEquals(new Payload.Text("html", "Get milk, eggs, butter and <b>bread</b>"), p.summary());
    assertEquals(new Payload.Content("html", "<p>Milk <em>and</em> eggs &amp; 😀</p>", null), p.content());
    assertEquals("urn:todo:101", p.entryId());
    assertEquals(List.of(
        new Payload.Link(URI.create("https://todo.example.test/items/101"), "alternate", null, null, null),
        new Payload.Link(URI.create("https://todo.example.test/items/101/list.pdf"), "enclosure",
            "application/pdf", null, 2048L)), p.links());
    assertEquals(List.of(new Payload.Person("Ana Lima", "ana@example.test", null),
        new Payload.Person(null, "bo@example.test", null)), p.authors());
    assertEquals(List.of(new Payload.Category("errands", "https://todo.example.test/lists", null)), p.categories());
    assertEquals(Instant.parse("2026-11-20T10:00:00Z"), p.published());
    assertEquals(List.of("creator", "comments"), p.foreign().stream().map(Payload.Foreign::localName).toList());
    assertEquals(1, groceries.conflicts().size());
    assertEquals("JEO2000", groceries.conflicts().get(0).topmost().by());

    assertEquals("Call 𝄞 teacher 🎻", feed.items().get(1).payload().title().value());
    assertTrue(feed.items().get(2).payload().isEmpty());
    assertEquals(2500, feed.items().get(3).payload().file().size());
  }

  @Test
  void sharingOnTheRssRootElementIsReadLikeOnTheChannel() {
    String doc = "<rss version='2.0' xmlns:sx='http://feedsync.org/2007/feedsync'>"
        + "<sx:sharing since='1' until='9'/><channel><title>t</title></channel></rss>";
    FeedHead head = FeedXml.read(Fixtures.utf8(doc)).head();
    assertEquals("9", head.sharing().until());
  }

  @Test
  void readerReturnsEachItemBeforeTheRestOfTheFeedIsRead() {
    int total = 1_500;
    GeneratedFeed source = new GeneratedFeed(total);
    try (FeedReader reader = FeedReader.open(source)) {
      int n = 0;
      while (reader.hasNext()) {
        Item item = reader.next();
        assertEquals(Fixtures.fileItemId(n), item.id());
        n++;
        // The parser reads ahead by one buffer at most: never more than a few items.
        assertTrue(source.itemsProduced <= n + 16,
            "after " + n + " items the stream had produced " + source.itemsProduced);
      }
      assertEquals(total, n);
    }
  }

  @Test
  void hasNextKeepsCheckingUntilTheEndOfTheDocument() {
    byte[] doc = Fixtures.utf8("<feed xmlns='http://www.w3.org/2005/Atom'><entry><sx:sync"
        + " xmlns:sx='http://feedsync.org/2007/feedsync' id='a' updates='1'><sx:history sequence='1'"
        + " by='x'/></sx:sync></entry></feed><feed/>");
    try (FeedReader reader = FeedReader.open(new ByteArrayInputStream(doc))) {
      assertEquals("a", reader.next().id());
      assertThrows(MalformedFeedException.class, reader::hasNext);
    }
  }

  @Test
  void nextAfterTheLastItemSaysHowManyWereRead() {
    try (FeedReader reader = FeedReader.open(new ByteArrayInputStream(Fixtures.bytes(Fixtures.RSS_FEED)))) {
      assertEquals(4, reader.items().count());
      NoSuchElementException e = assertThrows(NoSuchElementException.class, reader::next);
      assertTrue(e.getMessage().contains("4 read"), e.getMessage());
    }
  }

  @Test
  void aFailingStreamIsReportedAsIoNotAsBadXml() {
    byte[] doc = Fixtures.bytes(Fixtures.ATOM_FEED);
    InputStream failing = new java.io.FilterInputStream(new ByteArrayInputStream(doc, 0, 3000)) {
      @Override
      public int read(byte[] b, int off, int len) throws java.io.IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
          throw new java.io.IOException("connection reset by peer");
        }
        return n;
      }
    };
    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> {
      try (FeedReader reader = FeedReader.open(failing)) {
        reader.forEachRemaining(item -> { });
      }
    });
    assertEquals("connection reset by peer", e.getCause().getMessage());
  }

  @Test
  void aClosedReaderRefusesToGoOn() {
    FeedReader reader = FeedReader.open(new ByteArrayInputStream(Fixtures.bytes(Fixtures.ATOM_FEED)));
    reader.close();
    // The parser object may already serve the next document on this thread; it must not be read.
    FeedXml.read(Fixtures.bytes(Fixtures.RSS_FEED));
    assertThrows(IllegalStateException.class, reader::hasNext);
  }

  /** An input stream that writes a feed of file items as it is read, counting what it produced. */
  static final class GeneratedFeed extends InputStream {
    private final int total;
    private final ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    private final FeedWriter writer;
    private byte[] buffer = new byte[0];
    private int pos;
    int itemsProduced;

    GeneratedFeed(int total) {
      this.total = total;
      try {
        writer = FeedWriter.open(chunk, FeedFormat.ATOM, FeedHead.of("urn:x", "generated", null));
        writer.flush();
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
      refill();
    }

    @Override
    public int read() {
      if (pos == buffer.length && !produce()) {
        return -1;
      }
      return buffer[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos == buffer.length && !produce()) {
        return -1;
      }
      int n = Math.min(len, buffer.length - pos);
      System.arraycopy(buffer, pos, b, off, n);
      pos += n;
      return n;
    }

    private boolean produce() {
      try {
        if (itemsProduced < total) {
          writer.write(Fixtures.fileItem(itemsProduced++, 2));
          writer.flush();
        } else if (itemsProduced == total) {
          writer.finish();
          itemsProduced++;
        } else {
          return false;
        }
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
      refill();
      return true;
    }

    private void refill() {
      buffer = chunk.toByteArray();
      chunk.reset();
      pos = 0;
    }
  }
}
