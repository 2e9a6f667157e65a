package org.feedmesh.feedsync.rome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.module.Extendable;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.SyndFeedOutput;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.WireFeedOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.feedmesh.feedsync.InvalidFeedSyncException;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Sharing;
import org.feedmesh.feedsync.SyncFeed;
import org.feedmesh.feedsync.xml.FeedXml;
import org.feedmesh.feedsync.xml.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.InputSource;

class RomeModuleTest {

  private static WireFeed romeRead(byte[] doc) throws FeedException {
    return new WireFeedInput().build(new InputSource(new ByteArrayInputStream(doc)));
  }

  private static void assertModulesMatch(SyncFeed ours, Extendable feed, List<? extends Extendable> entries) {
    SyncFeedModule sx = (SyncFeedModule) feed.getModule(SyncFeedModule.URI);
    assertNotNull(sx, "feed-level sx module");
    assertEquals(ours.head().sharing(), sx.getSharing());
    assertEquals(ours.head().unpublished(), sx.isUnpublished());
    assertEquals(ours.items().size(), entries.size());
    for (int i = 0; i < entries.size(); i++) {
      Item item = ours.items().get(i);
      SyncEntryModule sync = (SyncEntryModule) entries.get(i).getModule(SyncEntryModule.URI);
      assertEquals(item.sync(), sync.getSync(), "entry " + i);
      FileModule file = (FileModule) entries.get(i).getModule(FileModule.URI);
      assertEquals(item.payload().file(), file == null ? null : file.getFile(), "entry " + i);
    }
  }

  @Test
  void romeWireFeedInputReadsOurAtomFeedWithTheModulesPopulated() throws FeedException {
    byte[] doc = Fixtures.bytes(Fixtures.ATOM_FEED);
    Feed feed = (Feed) romeRead(doc);
    assertModulesMatch(FeedXml.read(doc), feed, feed.getEntries());
    // sx: and fm: are handled by the modules, so they are not left behind as foreign markup.
    for (Entry e : feed.getEntries()) {
      assertTrue(e.getForeignMarkup().stream().noneMatch(el -> el.getNamespacePrefix().equals("sx")
          || el.getNamespacePrefix().equals("fm")), e.getForeignMarkup().toString());
    }
  }

  @Test
  void romeWireFeedInputReadsOurRssFeedWithTheModulesPopulated() throws FeedException {
    byte[] doc = Fixtures.bytes(Fixtures.RSS_FEED);
    Channel channel = (Channel) romeRead(doc);
    assertModulesMatch(FeedXml.read(doc), channel, channel.getItems());
  }

  @ParameterizedTest
  @ValueSource(strings = {Fixtures.ATOM_FEED, Fixtures.RSS_FEED})
  void romeSyndFeedKeepsTheModulesThroughItsConversionAndClones(String fixture) throws Exception {
    byte[] doc = Fixtures.bytes(fixture);
    SyndFeed synd = new SyndFeedInput().build(new InputSource(new ByteArrayInputStream(doc)));
    assertModulesMatch(FeedXml.read(doc), synd, synd.getEntries());
    SyndFeed copy = (SyndFeed) synd.clone();
    assertModulesMatch(FeedXml.read(doc), copy, copy.getEntries());
  }

  @ParameterizedTest
  @ValueSource(strings = {Fixtures.ATOM_FEED, Fixtures.RSS_FEED})
  void ourReaderReadsWhatRomeWritesWithTheModules(String fixture) throws FeedException {
    byte[] doc = Fixtures.bytes(fixture);
    String written = new WireFeedOutput().outputString(romeRead(doc));
    SyncFeed original = FeedXml.read(doc);
    SyncFeed viaRome = FeedXml.read(Fixtures.utf8(written));
    assertEquals(original.head().sharing(), viaRome.head().sharing());
    assertEquals(original.head().unpublished(), viaRome.head().unpublished());
    assertEquals(original.items().size(), viaRome.items().size());
    for (int i = 0; i < original.items().size(); i++) {
      Item a = original.items().get(i);
      Item b = viaRome.items().get(i);
      assertEquals(a.sync(), b.sync(), "item " + i);
      assertEquals(a.payload().file(), b.payload().file(), "item " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"atom_1.0", "rss_2.0"})
  void feedBuiltWithRomeApisIsReadBackByOurReader(String type) throws FeedException {
    Item file = Fixtures.fileItem(3, 2);
    Item tombstone = Item.create("gone", "laptop", Instant.parse("2026-11-21T09:00:00Z"), Payload.EMPTY)
        .deleted("phone", Instant.parse("2026-11-21T10:00:00Z"), true);
    SyndFeed synd = new SyndFeedImpl();
    synd.setFeedType(type);
    synd.setTitle("docs");
    synd.setLink("https://hub.example.test/feeds/docs");
    synd.setUri("urn:feedmesh:ns:docs");
    synd.setDescription("the docs namespace");
    synd.getModules().add(new SyncFeedModuleImpl(Sharing.ofCursors(10, 12), false));
    List<SyndEntry> entries = new ArrayList<>();
    for (Item item : List.of(file, tombstone)) {
      SyndEntry entry = new SyndEntryImpl();
      entry.setTitle(item.payload().title() == null ? "(deleted)" : item.payload().title().value());
      entry.setUri("urn:item:" + item.id());
      SyndContentImpl description = new SyndContentImpl();
      description.setValue("written by Rome");
      entry.setDescription(description);
      entry.getModules().add(new SyncEntryModuleImpl(item.sync()));
      if (item.payload().file() != null) {
        entry.getModules().add(new FileModuleImpl(item.payload().file()));
      }
      entries.add(entry);
    }
    synd.setEntries(entries);

    SyncFeed ours = FeedXml.read(Fixtures.utf8(new SyndFeedOutput().outputString(synd)));
    assertEquals(Sharing.ofCursors(10, 12), ours.head().sharing());
    assertEquals(List.of(file.sync(), tombstone.sync()), ours.items().stream().map(Item::sync).toList());
    assertEquals(file.payload().file(), ours.items().get(0).payload().file());
    assertNull(ours.items().get(1).payload().file());
  }

  @Test
  void romeStillRefusesDoctypesWithTheModulesRegistered(@TempDir Path dir) throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "ROME-SECRET-51b2");
    String xxe = "<?xml version='1.0'?><!DOCTYPE feed [<!ENTITY xxe SYSTEM '" + secret.toUri() + "'>]>"
        + "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:sx='http://feedsync.org/2007/feedsync'>"
        + "<title>&xxe;</title><entry><title>&xxe;</title><sx:sync id='a' updates='1'>"
        + "<sx:history sequence='1' by='x'/></sx:sync></entry></feed>";
    WireFeedInput input = new WireFeedInput();
    assertFalse(input.isAllowDoctypes());
    FeedException e = assertThrows(FeedException.class, () -> romeRead(Fixtures.utf8(xxe)));
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains("ROME-SECRET-51b2"), trace.toString());
  }

  @Test
  void invalidFeedSyncInsideARomeFeedIsRefused() {
    String bad = "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:sx='http://feedsync.org/2007/feedsync'>"
        + "<entry><sx:sync id='a' updates='0'><sx:history sequence='1' by='x'/></sx:sync></entry></feed>";
    Throwable e = assertThrows(Exception.class, () -> romeRead(Fixtures.utf8(bad)));
    while (e != null && !(e instanceof InvalidFeedSyncException)) {
      e = e.getCause();
    }
    assertNotNull(e, "an InvalidFeedSyncException in the cause chain");
    assertTrue(e.getMessage().contains("1..2147483647"), e.getMessage());
  }

  @Test
  void moduleBeansCopyAndCompareByValue() {
    SyncEntryModuleImpl a = new SyncEntryModuleImpl(Fixtures.fileItem(1, 1).sync());
    SyncEntryModuleImpl b = new SyncEntryModuleImpl();
    b.copyFrom(a);
    assertEquals(a, b);
    assertEquals(a, a.clone());
    assertEquals(SyncEntryModule.class, b.getInterface());
    FileModuleImpl f = new FileModuleImpl(Fixtures.fileItem(1, 1).payload().file());
    assertEquals(f, f.clone());
    SyncFeedModuleImpl s = new SyncFeedModuleImpl(null, true);
    assertEquals(Sharing.NONE, s.getSharing());
    assertEquals(s, s.clone());
  }
}
