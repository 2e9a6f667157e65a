package org.feedmesh.feedsync.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.SyncFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedWriterTest {
  private static final FeedHead HEAD = FeedHead.of("urn:feedmesh:ns:docs", "docs", Instant.parse("2026-11-21T09:30:00Z"));

  private static Item note(String id, String title) {
    return Item.create(id, "desk", Instant.parse("2026-11-21T09:30:00Z"), Payload.EMPTY.withTitle(Payload.Text.plain(title)));
  }

  @ParameterizedTest
  @EnumSource(FeedFormat.class)
  void closingWithoutFinishLeavesTheDocumentUnterminatedSoReadersFail(FeedFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (FeedWriter writer = FeedWriter.open(out, format, HEAD)) {
      writer.write(note("a", "first"));
      // producing the next item failed: the caller closes without finish()
    }
    assertThrows(MalformedFeedException.class, () -> FeedXml.read(out.toByteArray()));
  }

  @ParameterizedTest
  @EnumSource(FeedFormat.class)
  void finishedFeedStreamsToAFileAndReadsBack(FeedFormat format, @TempDir Path dir) throws IOException {
    Path file = dir.resolve("feed.xml");
    try (OutputStream out = Files.newOutputStream(file); FeedWriter writer = FeedWriter.open(out, format, HEAD)) {
      for (int i = 0; i < 300; i++) {
        writer.write(Fixtures.fileItem(i, 3));
      }
      writer.finish();
      writer.finish();
      assertEquals(300, writer.itemsWritten());
    }
    try (var in = Files.newInputStream(file); FeedReader reader = FeedReader.open(in)) {
      assertEquals(format, reader.format());
      assertEquals(HEAD, reader.head());
      int n = 0;
      while (reader.hasNext()) {
        assertEquals(Fixtures.fileItem(n++, 3), reader.next());
      }
      assertEquals(300, n);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uFFFF", "\u0000", "\u0007", "\uD800 lone surrogate", "\uDC00"})
  void itemXmlCannotCarryIsRefusedBeforeAnyOfItIsWritten(String bad) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (FeedWriter writer = FeedWriter.open(out, FeedFormat.ATOM, HEAD)) {
      writer.write(note("a", "fine"));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> writer.write(note("b", "bad " + bad + " title")));
      assertTrue(e.getMessage().startsWith("item b: title cannot be written in XML 1.0"), e.getMessage());
      writer.write(note("c", "also fine"));
      writer.finish();
    }
    List<Item> items = FeedXml.read(out.toByteArray()).items();
    assertEquals(List.of("a", "c"), items.stream().map(Item::id).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"not xml", "<a>unclosed", "<a/><b/>", "<!DOCTYPE a><a/>", "</entry><entry>"})
  void keptElementThatIsNotOneWellFormedElementIsRefused(String xml) throws IOException {
    Payload payload = new Payload(null, null, null, null, List.of(), List.of(), List.of(), null, null, null,
        List.of(new Payload.Foreign("urn:x", "a", xml)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (FeedWriter writer = FeedWriter.open(out, FeedFormat.ATOM, HEAD)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> writer.write(Item.create("x", "desk", null, payload)));
      assertTrue(e.getMessage().startsWith("item x: foreign element <a>"), e.getMessage());
      writer.finish();
    }
    assertEquals(List.of(), FeedXml.read(out.toByteArray()).items());
  }

  @Test
  void writingAfterFinishIsAnError() throws IOException {
    FeedWriter writer = FeedWriter.open(new ByteArrayOutputStream(), FeedFormat.RSS, HEAD);
    writer.finish();
    assertThrows(IllegalStateException.class, () -> writer.write(note("a", "late")));
  }

  @Test
  void timesAreWrittenInUtcWholeSecondsWithZAndHistoryNewestFirst() {
    Item item = Item.create("t", "a", Instant.parse("2026-01-02T03:04:05.999Z"), Payload.EMPTY)
        .updated("b", Instant.parse("2026-05-06T07:08:09Z"), Payload.EMPTY)
        .updated("c", null, Payload.EMPTY);
    String xml = Fixtures.text(FeedXml.toBytes(new SyncFeed(HEAD, List.of(item)), FeedFormat.ATOM));
    assertTrue(xml.contains("<sx:sync id=\"t\" updates=\"3\"><sx:history sequence=\"3\" by=\"c\" />"
        + "<sx:history sequence=\"2\" when=\"2026-05-06T07:08:09Z\" by=\"b\" />"
        + "<sx:history sequence=\"1\" when=\"2026-01-02T03:04:05Z\" by=\"a\" /></sx:sync>"), xml);
  }

  @Test
  void rssChannelAlwaysHasTitleLinkAndDescription() {
    String xml = Fixtures.text(FeedXml.toBytes(new SyncFeed(FeedHead.of(null, null, null), List.of()), FeedFormat.RSS));
    assertTrue(xml.contains("<channel>\n<title />\n<link />\n<description>FeedSync feed</description>"), xml);
    String named = Fixtures.text(FeedXml.toBytes(new SyncFeed(HEAD, List.of()), FeedFormat.RSS));
    assertTrue(named.contains("<title>docs</title>\n<link>urn:feedmesh:ns:docs</link>\n"
        + "<description>docs</description>\n<lastBuildDate>Sat, 21 Nov 2026 09:30:00 GMT</lastBuildDate>"), named);
  }

  @Test
  void deletedAndNoConflictsAreWrittenOnlyWhenTrue() {
    Item plain = note("p", "x");
    Item tombstone = Item.create("d", "a", null, Payload.EMPTY, true).deleted("a", null, true);
    String xml = Fixtures.text(FeedXml.toBytes(new SyncFeed(HEAD, List.of(plain, tombstone)), FeedFormat.ATOM));
    assertTrue(xml.contains("<sx:sync id=\"p\" updates=\"1\">"), xml);
    assertTrue(xml.contains("<sx:sync id=\"d\" updates=\"2\" deleted=\"true\" noconflicts=\"true\">"), xml);
    assertFalse(xml.contains("=\"false\""), xml);
  }
}
