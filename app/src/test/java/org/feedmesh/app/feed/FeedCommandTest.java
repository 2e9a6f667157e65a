package org.feedmesh.app.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.feedmesh.app.Main;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.SyncFeed;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FeedCommandTest {
  static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run feedmesh(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  Path write(String name, FeedFormat format, Item... items) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, FeedXml.toBytes(
        new SyncFeed(FeedHead.of("urn:feed:" + name, name, T0), List.of(items)), format));
    return p;
  }

  static Item note(String id, String by, String text) {
    return Item.create(id, by, T0, Payload.EMPTY.withTitle(Payload.Text.plain(text)));
  }

  @Test
  void checkSummarizesAValidFeed() throws Exception {
    Item gone = note("b", "ep1", "b").deleted("ep1", T0.plusSeconds(1), true);
    Path feed = write("ok.xml", FeedFormat.ATOM, note("a", "ep1", "a"), gone);
    Run r = feedmesh("feed", "check", feed.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("atom, 2 items (1 deleted, 0 in conflict, 0 files)"), r.out());
  }

  @Test
  void checkRefusesAFeedWithAnExternalEntityAndNeverReadsTheFile() throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    Path evil = dir.resolve("evil.xml");
    Files.writeString(evil, "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [<!ENTITY x SYSTEM \""
        + secret.toUri() + "\">]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&x;</title></feed>");
    Run r = feedmesh("feed", "check", evil.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("evil.xml: refused:"), r.err());
    assertFalse((r.out() + r.err()).contains("TOP-SECRET-CONTENT"));
  }

  @Test
  void checkRefusesInvalidFeedSyncNamingTheRule() throws Exception {
    Path bad = dir.resolve("bad.xml");
    Files.writeString(bad, "<feed xmlns=\"http://www.w3.org/2005/Atom\""
        + " xmlns:sx=\"http://feedsync.org/2007/feedsync\"><title>t</title><id>urn:x</id>"
        + "<updated>2026-11-21T09:00:00Z</updated><entry><id>urn:e</id><title>e</title>"
        + "<updated>2026-11-21T09:00:00Z</updated><sx:sync id=\"e\" updates=\"0\">"
        + "<sx:history sequence=\"1\" by=\"ep1\"/></sx:sync></entry></feed>");
    Run r = feedmesh("feed", "check", bad.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("updates"), r.err());
  }

  @Test
  void convertToRssKeepsEveryItemAndItsSyncData() throws Exception {
    Item edited = note("a", "ep1", "v1").updated("ep2", T0.plusSeconds(5), Payload.EMPTY
        .withTitle(Payload.Text.plain("v2")));
    Path atom = write("in.xml", FeedFormat.ATOM, edited, note("b", "ep1", "b"));
    Path rss = dir.resolve("out.rss");
    Run r = feedmesh("feed", "convert", atom.toString(), "--to", "rss", "-o", rss.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.readString(rss).contains("<rss"), "wrote RSS");
    SyncFeed back = FeedXml.read(Files.readAllBytes(rss));
    assertEquals(List.of(edited.sync(), note("b", "ep1", "b").sync()),
        back.items().stream().map(Item::sync).toList());
  }

  @Test
  void mergeOfConcurrentEditsKeepsTheWinnerAndListsTheLoserAsConflict() throws Exception {
    Item base = note("doc", "ep1", "base");
    Item mine = base.updated("ep1", T0.plusSeconds(10), Payload.EMPTY.withTitle(Payload.Text.plain("mine")));
    Item theirs = base.updated("ep2", T0.plusSeconds(20), Payload.EMPTY.withTitle(Payload.Text.plain("theirs")));
    Path local = write("local.xml", FeedFormat.ATOM, mine, note("only-local", "ep1", "x"));
    Path incoming = write("incoming.xml", FeedFormat.RSS, theirs, note("only-incoming", "ep2", "y"));
    Path out = dir.resolve("merged.xml");

    Run r = feedmesh("feed", "merge", local.toString(), incoming.toString(), "-o", out.toString());

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("merged 3 items: added=1"), r.err());
    Map<String, Item> merged = FeedXml.read(Files.readAllBytes(out)).items().stream()
        .collect(Collectors.toMap(Item::id, Function.identity()));
    assertEquals(3, merged.size());
    Item doc = merged.get("doc");
    assertEquals("ep2", doc.topmost().by(), "the later when wins at equal updates");
    assertEquals(1, doc.conflicts().size());
    assertEquals("ep1", doc.conflicts().get(0).topmost().by());
  }

  @Test
  void mergeReadsIncomingFromStdin() throws Exception {
    Path local = write("l.xml", FeedFormat.ATOM, note("a", "ep1", "a"));
    byte[] incoming = FeedXml.toBytes(new SyncFeed(FeedHead.of("urn:i", "i", T0),
        List.of(note("b", "ep2", "b"))), FeedFormat.ATOM);
    var stdin = System.in;
    System.setIn(new ByteArrayInputStream(incoming));
    try {
      Path out = dir.resolve("m.xml");
      Run r = feedmesh("feed", "merge", local.toString(), "-", "-o", out.toString());
      assertEquals(0, r.exit(), r.err());
      assertEquals(2, FeedXml.read(Files.readAllBytes(out)).items().size());
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void aMissingFileIsAClearErrorNotAStackTrace() {
    Run r = feedmesh("feed", "check", dir.resolve("nope.xml").toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("feedmesh feed check: no such file: "), r.err());
    assertTrue(r.err().contains("nope.xml"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }
}
