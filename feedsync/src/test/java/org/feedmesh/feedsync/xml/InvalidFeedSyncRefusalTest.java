package org.feedmesh.feedsync.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.feedmesh.feedsync.InvalidFeedSyncException;
import org.feedmesh.feedsync.Item;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Items that break a FeedSync or fm: rule are refused with {@link InvalidFeedSyncException}
 * naming the item, its sx:sync id and line, and the rule. The items before it were valid and
 * were delivered; the whole-feed reader returns nothing.
 */
class InvalidFeedSyncRefusalTest {
  private static final String HASH = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
  private static final String OK_HISTORY = "<sx:history sequence='1' when='2026-11-21T09:30:00Z' by='x'/>";

  static Stream<Arguments> invalidItems() {
    return Stream.of(
        bad("updates 0", sync("updates='0'", OK_HISTORY), "1..2147483647"),
        bad("updates over 2^31-1", sync("updates='2147483648'", OK_HISTORY), "1..2147483647"),
        bad("updates not a number", sync("updates='three'", OK_HISTORY), "decimal number"),
        bad("updates with a sign", sync("updates='+1'", OK_HISTORY), "decimal number"),
        bad("no updates", sync("", OK_HISTORY), "needs a updates attribute"),
        bad("no history", sync("updates='1'", ""), "at least one sx:history"),
        bad("history sequence 0", sync("updates='1'", "<sx:history sequence='0' by='x'/>"), "1..2147483647"),
        bad("history without when and by", sync("updates='1'", "<sx:history sequence='1'/>"), "at least one of when and by"),
        bad("history when not RFC 3339", sync("updates='1'", "<sx:history sequence='1' when='yesterday'/>"), "RFC 3339"),
        bad("by outside the NSS set", sync("updates='1'", "<sx:history sequence='1' by='lap top'/>"), "NSS"),
        bad("deleted neither true nor false", sync("updates='1' deleted='yes'", OK_HISTORY), "true or false"),
        bad("noconflicts neither true nor false", sync("updates='1' noconflicts='1'", OK_HISTORY), "true or false"),
        bad("noconflicts with conflicts", "<sx:sync id='a' updates='2' noconflicts='true'>" + OK_HISTORY
            + "<sx:conflicts>" + entry(sync("updates='1'", OK_HISTORY), "") + "</sx:conflicts></sx:sync>", "noconflicts"),
        bad("a conflict with another id", "<sx:sync id='a' updates='2'>" + OK_HISTORY
            + "<sx:conflicts><entry><sx:sync id='b' updates='1'>" + OK_HISTORY + "</sx:sync></entry>"
            + "</sx:conflicts></sx:sync>", "different id"),
        bad("no sx:sync", "", "no sx:sync"),
        bad("two sx:sync", sync("updates='1'", OK_HISTORY) + sync("updates='1'", OK_HISTORY), "more than one sx:sync"),
        badFile("a path with ..", "path='../etc/passwd' kind='dir' mode='0755'", "'..' segment"),
        badFile("an absolute path", "path='/etc/passwd' kind='dir' mode='0755'", "absolute"),
        badFile("a backslash path", "path='a\\b' kind='dir' mode='0755'", "backslash"),
        badFile("an unknown kind", "path='a' kind='fifo' mode='0644'", "file, dir or symlink"),
        badFile("a file without size", "path='a' kind='file' mode='0644' blob='" + HASH + "'", "size"),
        badFile("a negative size", "path='a' kind='file' size='-1' mode='0644' blob='" + HASH + "'", "decimal number"),
        badFile("a blob that is not SHA-256", "path='a' kind='file' size='0' mode='0644' blob='abc'", "SHA-256"),
        badFile("a mode that is not octal", "path='a' kind='dir' mode='0999'", "octal"),
        badFile("blocks that do not cover the size", "path='a' kind='file' size='10' mode='0644' blob='" + HASH
            + "'", block(0, 5), "cover"),
        badFile("a block with a gap", "path='a' kind='file' size='10' mode='0644' blob='" + HASH
            + "'", block(0, 4) + block(5, 5), "should start at 4"),
        badFile("a block without hash", "path='a' kind='file' size='4' mode='0644' blob='" + HASH
            + "'", "<fm:block offset='0' size='4'/>", "needs a hash"),
        badFile("a symlink without target", "path='a' kind='symlink' mode='0777'", "target"));
  }

  private static Arguments bad(String what, String syncXml, String rule) {
    return Arguments.of(what, syncXml, rule);
  }

  private static Arguments badFile(String what, String attributes, String rule) {
    return badFile(what, attributes, "", rule);
  }

  private static Arguments badFile(String what, String attributes, String blocks, String rule) {
    return Arguments.of(what, sync("updates='1'", OK_HISTORY)
        + "<fm:file xmlns:fm='https://feedmesh.org/ns/fm/1' " + attributes + ">" + blocks + "</fm:file>", rule);
  }

  private static String block(long offset, int size) {
    return "<fm:block offset='" + offset + "' size='" + size + "' hash='" + HASH + "'/>";
  }

  private static String sync(String attributes, String children) {
    return "<sx:sync id='a' " + attributes + ">" + children + "</sx:sync>";
  }

  private static String entry(String inside, String extra) {
    return "<entry>" + inside + extra + "</entry>";
  }

  private static byte[] atomFeed(String badInside) {
    return Fixtures.utf8("<?xml version='1.0'?>\n<feed xmlns='http://www.w3.org/2005/Atom'"
        + " xmlns:sx='http://feedsync.org/2007/feedsync'>\n<title>t</title>\n"
        + entry("<sx:sync id='good' updates='1'>" + OK_HISTORY + "</sx:sync>", "") + "\n"
        + entry(badInside, "") + "\n</feed>");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidItems")
  void invalidItemIsRefusedNamingTheItemAndTheRule(String what, String syncXml, String rule) {
    List<Item> delivered = new ArrayList<>();
    InvalidFeedSyncException e;
    try (FeedReader reader = FeedReader.open(new ByteArrayInputStream(atomFeed(syncXml)))) {
      e = assertThrows(InvalidFeedSyncException.class, () -> reader.forEachRemaining(delivered::add));
    }
    assertEquals(List.of("good"), delivered.stream().map(Item::id).toList(), "items before the bad one");
    assertTrue(e.getMessage().startsWith("entry 2"), e.getMessage());
    assertTrue(e.getMessage().contains("at line 5"), e.getMessage());
    assertTrue(e.getMessage().contains(rule), what + ": " + e.getMessage());
    if (syncXml.contains("id='a'")) {
      assertTrue(e.getMessage().contains("sx:sync id \"a\""), e.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidItems")
  void wholeFeedReadReturnsNothingWhenAnItemIsInvalid(String what, String syncXml, String rule) {
    assertThrows(InvalidFeedSyncException.class, () -> FeedXml.read(atomFeed(syncXml)), what);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidItems")
  void rssItemsAreHeldToTheSameRules(String what, String syncXml, String rule) {
    String item = syncXml.replace("<entry>", "<item>").replace("</entry>", "</item>");
    byte[] rss = Fixtures.utf8("<rss version='2.0' xmlns:sx='http://feedsync.org/2007/feedsync'><channel>"
        + "<title>t</title><item>" + item + "</item></channel></rss>");
    InvalidFeedSyncException e = assertThrows(InvalidFeedSyncException.class, () -> FeedXml.read(rss), what);
    assertTrue(e.getMessage().startsWith("item 1") && e.getMessage().contains(rule), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidItems")
  void entryDocumentsAreHeldToTheSameRules(String what, String syncXml, String rule) {
    byte[] doc = Fixtures.utf8("<entry xmlns='http://www.w3.org/2005/Atom' xmlns:sx="
        + "'http://feedsync.org/2007/feedsync'>" + syncXml + "</entry>");
    InvalidFeedSyncException e = assertThrows(InvalidFeedSyncException.class,
        () -> EntryXml.readItem(new ByteArrayInputStream(doc), XmlLimits.DEFAULT), what);
    assertTrue(e.getMessage().contains(rule), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSharing")
  void invalidFeedHeadIsRefusedBeforeAnyItem(String what, String sharing, String rule) {
    byte[] doc = Fixtures.utf8("<feed xmlns='http://www.w3.org/2005/Atom' xmlns:sx="
        + "'http://feedsync.org/2007/feedsync'>" + sharing + "</feed>");
    InvalidFeedSyncException e = assertThrows(InvalidFeedSyncException.class,
        () -> FeedReader.open(new ByteArrayInputStream(doc)));
    assertTrue(e.getMessage().startsWith("feed head") && e.getMessage().contains(rule), e.getMessage());
  }

  static Stream<Arguments> invalidSharing() {
    return Stream.of(
        Arguments.of("since without until", "<sx:sharing since='1'/>", "no until"),
        Arguments.of("expires not a time", "<sx:sharing expires='soon'/>", "RFC 3339"),
        Arguments.of("related without link", "<sx:sharing><sx:related type='complete'/></sx:sharing>", "link"),
        Arguments.of("related of an unknown type", "<sx:sharing><sx:related link='https://x.test/'"
            + " type='partial'/></sx:sharing>", "complete or aggregated"),
        Arguments.of("related link not a URI", "<sx:sharing><sx:related link='http://x y/'"
            + " type='complete'/></sx:sharing>", "not a URI"));
  }
}
