package org.feedmesh.server.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import okhttp3.Response;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Sharing;
import org.feedmesh.feedsync.SyncFeed;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedXml;
import org.feedmesh.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Publishing and reading feeds over real HTTP. Each test uses a namespace of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedResourceTest {
  static final String ATOM = "application/atom+xml";
  static final String RSS = "application/rss+xml";
  private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path data;
  private TestServer s;
  private String laptop;
  private String phone;
  private int counter;

  @BeforeAll
  void start() throws IOException {
    s = TestServer.start(data, 1 << 20);
    for (String ns : List.of("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10")) {
      s.namespace(ns);
    }
    laptop = s.endpoint("laptop", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10");
    phone = s.endpoint("phone", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10");
  }

  @AfterAll
  void stop() {
    s.close();
  }

  static Item item(String id, String by) {
    return Item.create(id, by, T, Payload.EMPTY.withTitle(Payload.Text.plain("title " + id)));
  }

  static byte[] feed(FeedFormat format, List<Item> items) {
    return FeedXml.toBytes(new SyncFeed(FeedHead.of("urn:test", "test", T), items), format);
  }

  private SyncFeed post(String ns, String token, FeedFormat format, List<Item> items)
      throws IOException {
    try (Response r =
        s.send("POST", "feeds/" + ns, token, format.mediaType(), feed(format, items))) {
      byte[] body = r.body().bytes();
      assertEquals(200, r.code(), new String(body, StandardCharsets.UTF_8));
      assertTrue(r.header("Content-Type").startsWith(format.mediaType()), r.header("Content-Type"));
      return FeedXml.read(body);
    }
  }

  private SyncFeed read(Response r) throws IOException {
    try (r) {
      byte[] body = r.body().bytes();
      assertEquals(200, r.code(), new String(body, StandardCharsets.UTF_8));
      return FeedXml.read(body);
    }
  }

  @Test
  void publishAnswersWithTheMergedVersionsAndJournalsThem() throws IOException {
    SyncFeed answer =
        post("a1", laptop, FeedFormat.ATOM, List.of(item("x", "laptop"), item("y", "laptop")));
    assertEquals(List.of(item("x", "laptop"), item("y", "laptop")), answer.items());
    assertEquals(Sharing.cursor(2), answer.head().sharing().until());
    assertTrue(answer.head().updated() != null, "Atom feeds need an updated time");
    assertEquals(2, s.server.journal().lastCursor("a1"));
  }

  @Test
  void republishingTheSameFeedJournalsNothing() throws IOException {
    List<Item> items = List.of(item("x", "laptop"), item("y", "laptop"));
    post("a2", laptop, FeedFormat.RSS, items);
    SyncFeed again = post("a2", laptop, FeedFormat.RSS, items);
    assertEquals(items, again.items());
    assertEquals(2, s.server.journal().lastCursor("a2"));
  }

  @Test
  void concurrentEditsComeBackAsAConflict() throws IOException {
    Item base = item("doc", "laptop");
    post("a3", laptop, FeedFormat.ATOM, List.of(base));
    Item mine = base.updated("laptop", T.plusSeconds(5), Payload.EMPTY);
    Item theirs = base.updated("phone", T.plusSeconds(9), Payload.EMPTY);
    post("a3", laptop, FeedFormat.ATOM, List.of(mine));
    Item merged = post("a3", phone, FeedFormat.ATOM, List.of(theirs)).items().get(0);
    assertEquals("phone", merged.topmost().by());
    assertEquals(List.of(mine), merged.conflicts());
  }

  @Test
  void wholeFeedCarriesEveryItemHubAndSelfLinksAndAnEtag() throws IOException {
    post("a4", laptop, FeedFormat.ATOM, List.of(item("x", "laptop"), item("y", "laptop")));
    String etag;
    try (Response r = s.get("feeds/a4", phone)) {
      etag = r.header("ETag");
      List<String> links = r.headers("Link");
      assertTrue(
          links.stream().anyMatch(l -> l.contains("rel=\"hub\"") && l.contains("/hub")),
          links.toString());
      assertTrue(
          links.stream().anyMatch(l -> l.contains("rel=\"self\"") && l.contains("/feeds/a4>")),
          links.toString());
      SyncFeed f = read(r);
      assertEquals(2, f.items().size());
      assertEquals(Sharing.cursor(2), f.head().sharing().until());
      assertTrue(f.head().updated() != null, "Atom feeds need an updated time");
      assertTrue(f.head().links().stream().anyMatch(l -> l.rel().equals("hub")));
      assertTrue(
          f.head().links().stream()
              .anyMatch(l -> l.rel().equals("self") && l.href().toString().endsWith("/feeds/a4")));
    }
    try (Response r = s.get("feeds/a4", phone, "If-None-Match", etag)) {
      assertEquals(304, r.code());
    }
    post("a4", laptop, FeedFormat.ATOM, List.of(item("z", "laptop")));
    try (Response r = s.get("feeds/a4", phone, "If-None-Match", etag)) {
      assertEquals(200, r.code());
    }
  }

  @Test
  void rssIsServedForTheFormatParameterOrTheAcceptHeader() throws IOException {
    post("a5", laptop, FeedFormat.ATOM, List.of(item("x", "laptop")));
    try (Response r = s.get("feeds/a5?format=rss", phone)) {
      assertTrue(r.header("Content-Type").startsWith(RSS));
      assertEquals(List.of(item("x", "laptop")), read(r).items());
    }
    try (Response r = s.get("feeds/a5", phone, "Accept", RSS)) {
      assertTrue(r.header("Content-Type").startsWith(RSS));
    }
    try (Response r =
        s.get("feeds/a5", phone, "Accept", "application/atom+xml, application/rss+xml")) {
      assertTrue(r.header("Content-Type").startsWith(ATOM));
    }
  }

  @Test
  void sincePagesThroughChangesWithNextLinks() throws IOException {
    post(
        "a6",
        laptop,
        FeedFormat.ATOM,
        IntStream.range(0, 25).mapToObj(i -> item("i" + i, "laptop")).toList());
    List<Item> seen = new ArrayList<>();
    String next = "feeds/a6?since=0&limit=10";
    int pages = 0;
    while (next != null) {
      try (Response r = s.get(next, phone)) {
        String link =
            r.headers("Link").stream()
                .filter(l -> l.contains("rel=\"next\""))
                .findFirst()
                .orElse(null);
        SyncFeed page = read(r);
        seen.addAll(page.items());
        pages++;
        if (link == null) {
          assertEquals(Sharing.cursor(25), page.head().sharing().until());
          next = null;
        } else {
          String url = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
          next = url.substring(s.url("").length());
          assertTrue(page.head().links().stream().anyMatch(l -> l.rel().equals("next")));
        }
      }
    }
    assertEquals(3, pages);
    assertEquals(25, seen.size());
    try (Response r = s.get("feeds/a6?since=20", phone)) {
      SyncFeed f = read(r);
      assertEquals(5, f.items().size());
      assertEquals(Sharing.cursor(20), f.head().sharing().since());
    }
  }

  @Test
  void longPollAnswersAsSoonAsSomethingNewIsJournaled() throws Exception {
    post("a7", laptop, FeedFormat.ATOM, List.of(item("x", "laptop")));
    CompletableFuture<SyncFeed> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return read(s.get("feeds/a7?since=1&wait=30", phone));
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (s.server.metrics().get("feedmesh.longpoll.waiting").gauge().value() < 1) {
      assertTrue(System.nanoTime() < deadline, "the long-poll never parked");
      Thread.sleep(10);
    }
    assertFalse(waiting.isDone());
    post("a7", laptop, FeedFormat.ATOM, List.of(item("y", "laptop")));
    SyncFeed f = waiting.get(20, TimeUnit.SECONDS);
    assertEquals(List.of(item("y", "laptop")), f.items());
  }

  @Test
  void longPollWithoutNewsAnswersAnEmptyPageAtTheTimeout() throws IOException {
    post("a8", laptop, FeedFormat.ATOM, List.of(item("x", "laptop")));
    SyncFeed f = read(s.get("feeds/a8?since=1&wait=1", phone));
    assertTrue(f.items().isEmpty());
    assertEquals(Sharing.cursor(1), f.head().sharing().until());
  }

  @Test
  void feedReadersMayUseBasicAuthWithTheTokenAsPassword() throws IOException {
    post("a9", laptop, FeedFormat.ATOM, List.of(item("x", "laptop")));
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("reader:" + phone).getBytes(StandardCharsets.UTF_8));
    try (Response r = s.get("feeds/a9", null, "Authorization", basic)) {
      assertEquals(200, r.code());
    }
    try (Response r = s.get("feeds/a9", null)) {
      assertEquals(401, r.code());
      assertNull(r.header("ETag"));
    }
  }

  @Test
  void metricsCountPublishedItems() throws IOException {
    post("a10", laptop, FeedFormat.ATOM, List.of(item("x", "laptop")));
    try (Response r = s.get("metrics", laptop)) {
      String text = r.body().string();
      assertTrue(text.contains("feedmesh_publish_seconds_count"), text);
      assertTrue(text.contains("feedmesh_publish_items_total"), text);
      assertTrue(text.contains("feedmesh_journal_entries"), text);
    }
  }

  static JsonNode json(Response r) throws IOException {
    return JSON.readTree(r.body().string());
  }
}
