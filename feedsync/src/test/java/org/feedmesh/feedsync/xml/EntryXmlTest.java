package org.feedmesh.feedsync.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.feedmesh.feedsync.InvalidFeedSyncException;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.SyncFeed;
import org.junit.jupiter.api.Test;

class EntryXmlTest {

  private static Item roundTrip(Item item) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EntryXml.write(item, out);
    return EntryXml.readItem(new ByteArrayInputStream(out.toByteArray()), XmlLimits.DEFAULT);
  }

  @Test
  void everyItemOfTheFixturesSurvivesAsASingleEntryDocument() throws IOException {
    SyncFeed feed = FeedXml.read(Fixtures.bytes(Fixtures.ATOM_FEED));
    for (Item item : feed.items()) {
      assertEquals(item, roundTrip(item));
    }
  }

  @Test
  void entryDocumentDeclaresItsNamespacesOnTheRoot() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EntryXml.write(Fixtures.fileItem(7, 2), out);
    String xml = Fixtures.text(out.toByteArray());
    assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<entry xmlns=\"http://www.w3.org/2005/Atom\""
        + " xmlns:sx=\"http://feedsync.org/2007/feedsync\" xmlns:fm=\"https://feedmesh.org/ns/fm/1\"><title>"), xml);
    assertFalse(xml.contains("<sx:sync xmlns"), xml);
  }

  @Test
  void plainAtomPubEntryWithoutSyncReadsAsAPayload() {
    byte[] doc = Fixtures.utf8("<entry xmlns='http://www.w3.org/2005/Atom'><title>New note</title>"
        + "<content type='html'>&lt;p&gt;hello&lt;/p&gt;</content><updated>2026-11-21T09:30:00Z</updated></entry>");
    AtomEntry entry = EntryXml.read(new ByteArrayInputStream(doc), XmlLimits.DEFAULT);
    assertFalse(entry.hasSync());
    assertEquals(Payload.Text.plain("New note"), entry.payload().title());
    assertEquals(new Payload.Content("html", "<p>hello</p>", null), entry.payload().content());
    assertEquals(Instant.parse("2026-11-21T09:30:00Z"), entry.payload().updated());
    InvalidFeedSyncException e = assertThrows(InvalidFeedSyncException.class, entry::toItem);
    assertTrue(e.getMessage().contains("no sx:sync"), e.getMessage());
  }

  @Test
  void aFeedIsNotAnEntryDocument() {
    MalformedFeedException e = assertThrows(MalformedFeedException.class,
        () -> EntryXml.read(new ByteArrayInputStream(Fixtures.bytes(Fixtures.ATOM_FEED)), XmlLimits.DEFAULT));
    assertTrue(e.getMessage().contains("not an Atom entry document"), e.getMessage());
  }

  @Test
  void trailingContentAfterTheEntryIsRefused() {
    byte[] doc = Fixtures.utf8("<entry xmlns='http://www.w3.org/2005/Atom'/><entry xmlns='http://www.w3.org/2005/Atom'/>");
    assertThrows(MalformedFeedException.class, () -> EntryXml.read(new ByteArrayInputStream(doc), XmlLimits.DEFAULT));
  }
}
