package org.feedmesh.feedsync.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafeXmlTest {
  private static final String SX = "xmlns:sx='http://feedsync.org/2007/feedsync'";
  private static final String SECRET = "TOP-SECRET-7f3a9c-never-leak";

  @Test
  void externalFileEntityIsRefusedAndTheFileNeverAppears(@TempDir Path dir) throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
    String feed = "<?xml version='1.0'?>\n<!DOCTYPE feed [<!ENTITY xxe SYSTEM '" + secret.toUri() + "'>]>\n"
        + "<feed xmlns='http://www.w3.org/2005/Atom'><title>&xxe;</title>"
        + "<entry><title>&xxe;</title></entry></feed>";
    String entry = "<?xml version='1.0'?>\n<!DOCTYPE entry [<!ENTITY xxe SYSTEM '" + secret.toUri() + "'>]>\n"
        + "<entry xmlns='http://www.w3.org/2005/Atom'><title>&xxe;</title></entry>";

    assertRefusedWithoutSecret(UnsafeXmlException.class, () -> FeedXml.read(Fixtures.utf8(feed)));
    assertRefusedWithoutSecret(UnsafeXmlException.class,
        () -> FeedReader.open(new ByteArrayInputStream(Fixtures.utf8(feed))).close());
    assertRefusedWithoutSecret(UnsafeXmlException.class,
        () -> EntryXml.read(new ByteArrayInputStream(Fixtures.utf8(entry)), XmlLimits.DEFAULT));
  }

  @Test
  void undeclaredEntityInAnAttributeIsRefused() {
    String feed = "<feed xmlns='http://www.w3.org/2005/Atom'><link href='&xxe;'/></feed>";
    MalformedFeedException e = assertThrows(MalformedFeedException.class, () -> FeedXml.read(Fixtures.utf8(feed)));
    assertTrue(e.getMessage().contains("xxe"), e.getMessage());
  }

  @Test
  void billionLaughsIsRefusedAtTheDoctype() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 'lol'>");
    for (int i = 1; i <= 10; i++) {
      String prev = "&lol" + (i - 1) + ";";
      dtd.append("<!ENTITY lol").append(i).append(" '").append(prev.repeat(10)).append("'>");
    }
    dtd.append("]>");
    String feed = "<?xml version='1.0'?>" + dtd + "<feed xmlns='http://www.w3.org/2005/Atom'>"
        + "<title>&lol10;</title></feed>";
    UnsafeXmlException e = assertThrows(UnsafeXmlException.class, () -> FeedXml.read(Fixtures.utf8(feed)));
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    assertFalse(e.getMessage().contains("lollollol"), e.getMessage());
  }

  @Test
  void externalDtdAndParameterEntitiesAreNeverFetched() throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      server.configureBlocking(false);
      String base = "http://127.0.0.1:" + server.socket().getLocalPort();
      String[] documents = {
          "<!DOCTYPE feed SYSTEM '" + base + "/evil.dtd'><feed xmlns='http://www.w3.org/2005/Atom'/>",
          "<!DOCTYPE feed PUBLIC '-//X//Y' '" + base + "/public.dtd'><feed xmlns='http://www.w3.org/2005/Atom'/>",
          "<!DOCTYPE feed [<!ENTITY % p SYSTEM '" + base + "/p.dtd'> %p;]><feed xmlns='http://www.w3.org/2005/Atom'/>",
          "<!DOCTYPE rss [<!ENTITY e SYSTEM '" + base + "/e'>]><rss version='2.0'><channel>"
              + "<title>&e;</title></channel></rss>"};
      for (String doc : documents) {
        assertThrows(UnsafeXmlException.class, () -> FeedXml.read(Fixtures.utf8(doc)), doc);
      }
      // A connection attempt would sit in the backlog; none is there.
      assertNull(server.accept(), "the parser connected to " + base);
    }
  }

  static Stream<Arguments> unsafeDocuments() {
    return Stream.of(
        Arguments.of("a bare DOCTYPE", "<!DOCTYPE feed><feed xmlns='http://www.w3.org/2005/Atom'/>"),
        Arguments.of("an internal entity", "<!DOCTYPE feed [<!ENTITY a 'x'>]><feed xmlns="
            + "'http://www.w3.org/2005/Atom'><title>&a;</title></feed>"),
        Arguments.of("a DOCTYPE after a comment", "<?xml version='1.0'?><!-- c --><!DOCTYPE rss>"
            + "<rss version='2.0'><channel/></rss>"),
        Arguments.of("an undeclared entity reference", "<feed xmlns='http://www.w3.org/2005/Atom'>"
            + "<title>&nbsp;</title></feed>"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsafeDocuments")
  void unsafeDocumentsAreRefusedWithALocation(String what, String doc) {
    UnsafeXmlException e = assertThrows(UnsafeXmlException.class, () -> FeedXml.read(Fixtures.utf8(doc)));
    assertTrue(e.line() >= 1, what + ": " + e.getMessage());
    assertTrue(e.getMessage().contains("line "), e.getMessage());
  }

  static Stream<Arguments> malformedDocuments() {
    byte[] badUtf8 = "<feed xmlns='http://www.w3.org/2005/Atom'><title>caf\u00e9</title></feed>"
        .getBytes(StandardCharsets.ISO_8859_1);
    return Stream.of(
        Arguments.of("an empty document", new byte[0]),
        Arguments.of("plain text", Fixtures.utf8("this is not XML")),
        Arguments.of("binary garbage", new byte[] {0, 1, 2, 3, (byte) 0xfe, 0x7f}),
        Arguments.of("mismatched tags", Fixtures.utf8("<feed xmlns='http://www.w3.org/2005/Atom'>"
            + "<entry></feed>")),
        Arguments.of("a cut-off document", Fixtures.utf8("<feed xmlns='http://www.w3.org/2005/Atom'>"
            + "<title>half")),
        Arguments.of("bytes that are not UTF-8", badUtf8),
        Arguments.of("an HTML page", Fixtures.utf8("<html><body>hi</body></html>")),
        Arguments.of("Atom 0.3", Fixtures.utf8("<feed xmlns='http://purl.org/atom/ns#'/>")),
        Arguments.of("RSS 1.0 (RDF)", Fixtures.utf8("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-"
            + "rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/'><channel/></rdf:RDF>")),
        Arguments.of("an entry where a feed is expected", Fixtures.utf8(
            "<entry xmlns='http://www.w3.org/2005/Atom'/>")),
        Arguments.of("RSS without a channel", Fixtures.utf8("<rss version='2.0'><item/></rss>")),
        Arguments.of("a second root element", Fixtures.utf8(
            "<rss version='2.0'><channel/></rss><rss version='2.0'/>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedDocuments")
  void malformedDocumentsAreRefusedWithAClearMessage(String what, byte[] doc) {
    MalformedFeedException e = assertThrows(MalformedFeedException.class, () -> FeedXml.read(doc), what);
    assertTrue(e.line() >= 1 && e.getMessage().contains("(line "), what + ": " + e.getMessage());
  }

  @Test
  void notAFeedMessageNamesTheRootElement() {
    MalformedFeedException e = assertThrows(MalformedFeedException.class,
        () -> FeedXml.read(Fixtures.utf8("<html><body/></html>")));
    assertTrue(e.getMessage().contains("<html>"), e.getMessage());
  }

  private static String item(String inside) {
    return "<entry><sx:sync " + SX + " id='a' updates='1'><sx:history sequence='1' by='x'/>"
        + inside + "</sx:sync></entry>";
  }

  private static String feed(String entries) {
    return "<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title>" + entries + "</feed>";
  }

  static Stream<Arguments> oversizedDocuments() {
    String nested = "<x:a xmlns:x='urn:x'>".repeat(70) + "</x:a>".repeat(70);
    StringBuilder attrs = new StringBuilder("<x:a xmlns:x='urn:x'");
    for (int i = 0; i < 100; i++) {
      attrs.append(" a").append(i).append("='v'");
    }
    attrs.append("/>");
    String conflict = "<entry><sx:sync " + SX + " id='a' updates='1'><sx:history sequence='1' by='y'/>"
        + "</sx:sync></entry>";
    String withConflicts = "<entry><sx:sync " + SX + " id='a' updates='2'><sx:history sequence='2' by='x'/>"
        + "<sx:conflicts>" + conflict.repeat(5) + "</sx:conflicts></sx:sync></entry>";
    String related = "<sx:related link='https://x.example.test/feed' type='complete'/>";
    return Stream.of(
        Arguments.of("maxInputBytes", XmlLimits.DEFAULT.withMaxInputBytes(10_000),
            feed(item("").repeat(200))),
        Arguments.of("maxItemBytes", XmlLimits.DEFAULT.withMaxItemBytes(20_000),
            feed(item("") + "<entry><title>" + "x".repeat(100_000) + "</title></entry>")),
        Arguments.of("maxItemBytes", XmlLimits.DEFAULT.withMaxItemBytes(20_000),
            feed("<sx:sharing " + SX + ">" + related.repeat(1000) + "</sx:sharing>" + item(""))),
        Arguments.of("maxItemBytes", XmlLimits.DEFAULT.withMaxItemBytes(20_000),
            feed("<link href='https://x.example.test/a'/>".repeat(2000) + item(""))),
        Arguments.of("maxItemElements", XmlLimits.DEFAULT.withMaxItemElements(100),
            feed("<entry>" + "<x:b xmlns:x='urn:x'/>".repeat(101) + "</entry>")),
        Arguments.of("maxItemElements", XmlLimits.DEFAULT.withMaxItemElements(100),
            feed("<x:head xmlns:x='urn:x'>" + "<x:b/>".repeat(101) + "</x:head>" + item(""))),
        Arguments.of("maxDepth", XmlLimits.DEFAULT, feed("<entry>" + nested + "</entry>")),
        Arguments.of("maxAttributes", XmlLimits.DEFAULT, feed("<entry>" + attrs + "</entry>")),
        Arguments.of("maxConflicts", XmlLimits.DEFAULT.withMaxConflicts(4), feed(withConflicts)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oversizedDocuments")
  void documentsOverALimitAreRefusedNamingTheLimit(String limit, XmlLimits limits, String doc) {
    FeedTooLargeException e = assertThrows(FeedTooLargeException.class,
        () -> FeedXml.read(new ByteArrayInputStream(Fixtures.utf8(doc)), limits));
    assertEquals(limit, e.limit());
    assertTrue(e.getMessage().contains(limit + "="), e.getMessage());
  }

  @Test
  void theSameDocumentsPassWithTheDefaultLimits() {
    String doc = feed(item("").repeat(200));
    assertEquals(200, FeedXml.read(Fixtures.utf8(doc)).items().size());
  }

  @Test
  void entryDocumentsAreBoundByTheSameLimits() {
    String entry = "<entry xmlns='http://www.w3.org/2005/Atom'><title>" + "x".repeat(50_000) + "</title></entry>";
    FeedTooLargeException e = assertThrows(FeedTooLargeException.class, () -> EntryXml.read(
        new ByteArrayInputStream(Fixtures.utf8(entry)), XmlLimits.DEFAULT.withMaxItemBytes(10_000)));
    assertEquals("maxItemBytes", e.limit());
  }

  private static void assertRefusedWithoutSecret(Class<? extends Throwable> type, Executable run) {
    Throwable e = assertThrows(type, run);
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(SECRET), trace.toString());
  }
}
