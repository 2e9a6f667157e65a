package org.feedmesh.feedsync.xml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.SyncFeed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FeedRoundTripTest {

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({
      "atom-sync-feed.xml, ATOM", "atom-sync-feed.xml, RSS",
      "rss-sync-feed.xml, RSS", "rss-sync-feed.xml, ATOM"})
  void parseWriteParseGivesTheSameModel(String fixture, FeedFormat format) {
    SyncFeed parsed = FeedXml.read(Fixtures.bytes(fixture));
    SyncFeed again = FeedXml.read(FeedXml.toBytes(parsed, format));
    assertEquals(parsed.head(), again.head());
    assertEquals(parsed.items().size(), again.items().size());
    for (int i = 0; i < parsed.items().size(); i++) {
      assertEquals(parsed.items().get(i), again.items().get(i), "item " + i);
    }
  }

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({"atom-sync-feed.xml, ATOM", "rss-sync-feed.xml, RSS", "atom-sync-feed.xml, RSS"})
  void writtenDocumentsAreStableAfterOneRoundTrip(String fixture, FeedFormat format) {
    byte[] once = FeedXml.toBytes(FeedXml.read(Fixtures.bytes(fixture)), format);
    byte[] twice = FeedXml.toBytes(FeedXml.read(once), format);
    assertArrayEquals(once, twice, Fixtures.text(twice));
  }

  @Test
  void atomToRssToAtomKeepsSyncFileAndPayload() {
    SyncFeed atom = FeedXml.read(Fixtures.bytes(Fixtures.ATOM_FEED));
    byte[] rss = FeedXml.toBytes(atom, FeedFormat.RSS);
    SyncFeed viaRss = FeedXml.read(rss);
    SyncFeed back = FeedXml.read(FeedXml.toBytes(viaRss, FeedFormat.ATOM));
    assertEquals(atom, back);
    // And the RSS in between is real RSS: readers that know nothing of atom: still see the basics.
    String text = Fixtures.text(rss);
    assertTrue(text.contains("<link>https://blog.example.test/entry-7</link>"), text);
    assertTrue(text.contains("<enclosure url=\"https://blog.example.test/entry-7.mp3\" length=\"123456\""
        + " type=\"audio/mpeg\" />"), text);
    assertTrue(text.contains("<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>"), text);
    assertTrue(text.contains("<description>Notes from the café — with 𝄞 and \"quotes\" &amp;amp;"
        + " &amp;lt;brackets&amp;gt;</description>"), text);
  }

  @Test
  void plainAtomEntryWithTitleAndContentSurvivesIntact() {
    Payload payload = Payload.EMPTY
        .withEntryId("tag:notes.example.test,2026:1")
        .withTitle(Payload.Text.plain("  Shopping\tlist \r\n with CR, LF & <tags> "))
        .withContent(new Payload.Content("text", "eggs\r\nmilk\n\n  butter  ", null))
        .withUpdated(Instant.parse("2026-11-21T09:30:00Z"));
    Item item = Item.create("note-1", "desk", Instant.parse("2026-11-21T09:30:00Z"), payload);
    for (FeedFormat format : FeedFormat.values()) {
      SyncFeed feed = new SyncFeed(FeedHead.of("urn:notes", "notes", null), List.of(item));
      SyncFeed back = FeedXml.read(FeedXml.toBytes(feed, format));
      assertEquals(List.of(item), back.items(), format.name());
    }
  }

  @Test
  void attributesWithTabsAndLineBreaksReadBackExactly() {
    Payload payload = Payload.EMPTY.withTitle(Payload.Text.plain("t"));
    Payload withLink = new Payload(null, payload.title(), null, null,
        List.of(new Payload.Link(URI.create("https://x.example.test/a"), "alternate", "text/html",
            "tab\there\nnewline\r\nand CR", 7L)),
        List.of(), List.of(new Payload.Category("a b\tc", null, "line\nbreak")), null, null, null, List.of());
    Item item = Item.create("tabs", "desk", null, withLink);
    for (FeedFormat format : FeedFormat.values()) {
      SyncFeed feed = new SyncFeed(FeedHead.of("urn:t", "t", null), List.of(item));
      assertEquals(List.of(item), FeedXml.read(FeedXml.toBytes(feed, format)).items(), format.name());
    }
  }
}
