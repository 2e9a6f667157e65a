package org.feedmesh.webapp.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.server.accounts.Grant;
import org.feedmesh.webapp.Browser;
import org.feedmesh.webapp.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The namespace and item JSON the pages use, over real HTTP with a session cookie. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ItemsApiTest {
  @TempDir static Path data;
  private WebServer web;
  private String laptop;
  private String phone;
  private String reader;
  private Browser admin;

  @BeforeAll
  void start() throws Exception {
    web = WebServer.start(data);
    web.namespace("docs");
    laptop = web.endpoint("laptop", "docs");
    phone = web.endpoint("phone", "docs");
    reader = web.endpoint("reader", Grant.readOnly(), "docs");
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      String dir = i % 2 == 0 ? "even" : "odd";
      items.add(WebServer.file("docs", dir + "/f" + String.format("%03d", i) + ".txt", "laptop",
          i * 10L, WebServer.T.plusSeconds(i)));
    }
    web.publish("docs", laptop, items);
    admin = web.browser().signIn(web.adminToken());
    WebServer.await("the index has every item", Duration.ofSeconds(30),
        () -> total(admin, "") == 250);
  }

  @AfterAll
  void stop() {
    web.close();
  }

  private static long total(Browser b, String query) {
    try {
      return b.getJson("/ui/api/namespaces/docs/items?" + query).get("total").asLong();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> paths(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("items").forEach(i -> out.add(i.get("path").asText()));
    return out;
  }

  @Test
  void namespacesListCountsItemsAndShowsTheCursor() throws IOException {
    JsonNode ns = admin.getJson("/ui/api/namespaces").get(0);
    assertEquals("docs", ns.get("name").asText());
    assertEquals(250, ns.get("items").asLong());
    assertEquals(250, ns.get("cursor").asLong());
    assertEquals(3, ns.get("endpoints").asInt());
  }

  @Test
  void itemsArePagedInPathOrderAndEveryPageIsDifferent() throws IOException {
    JsonNode first = admin.getJson("/ui/api/namespaces/docs/items?limit=100");
    JsonNode third = admin.getJson("/ui/api/namespaces/docs/items?limit=100&offset=200");
    assertEquals(250, first.get("total").asLong());
    assertEquals(100, first.get("items").size());
    assertEquals(50, third.get("items").size());
    assertEquals("even/f000.txt", paths(first).get(0));
    assertEquals("odd/f249.txt", paths(third).get(49));
    List<String> sorted = new ArrayList<>(paths(first));
    sorted.sort(null);
    assertEquals(sorted, paths(first));
  }

  @Test
  void sortingBySizeDescendingPutsTheLargestFirst() throws IOException {
    JsonNode page = admin.getJson("/ui/api/namespaces/docs/items?sort=size&dir=desc&limit=3");
    assertEquals(List.of("odd/f249.txt", "even/f248.txt", "odd/f247.txt"), paths(page));
    assertEquals(2490, page.get("items").get(0).get("size").asLong());
  }

  @Test
  void filteringMatchesAPathSubstringCaseInsensitively() throws IOException {
    assertEquals(125, total(admin, "q=ODD/"));
    assertEquals(10, total(admin, "q=F07")); // f070 to f079
  }

  @Test
  void filterCharactersAreTakenLiterally() throws IOException {
    assertEquals(0, total(admin, "q=%25"));
    assertEquals(0, total(admin, "q=_"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sort=name", "dir=up", "limit=0", "limit=501", "offset=-1", "limit=x",
      "deleted=maybe"})
  void badQueriesAreRefusedWithAMessage(String query) throws IOException {
    try (Response r = admin.get("/ui/api/namespaces/docs/items?" + query)) {
      assertEquals(400, r.code());
      assertTrue(WebServer.json(r).get("error").asText().length() > 5);
    }
  }

  @Test
  void deliveredCountsTheAuthorAndEndpointsThatReportedTheVersionApplied() throws Exception {
    String id = FileMeta.itemId("docs", "even/f000.txt");
    JsonNode before = admin.getJson("/ui/api/namespaces/docs/items?limit=1");
    assertEquals(1, before.get("items").get(0).get("delivered").asInt()); // the author
    assertEquals(3, before.get("endpoints").asInt());
    web.applied("docs", phone, id, 1);
    JsonNode after = admin.getJson("/ui/api/namespaces/docs/items?limit=1");
    assertEquals(2, after.get("items").get(0).get("delivered").asInt());
    JsonNode detail = admin.getJson("/ui/api/namespaces/docs/items/" + id);
    assertEquals("author", detail.get("delivery").get(0).get("state").asText());
    assertEquals("applied", detail.get("delivery").get(1).get("state").asText());
  }

  @Test
  void itemDetailListsHistoryBlocksAndWhoHoldsThem() throws IOException {
    String id = FileMeta.itemId("docs", "odd/f249.txt");
    JsonNode d = admin.getJson("/ui/api/namespaces/docs/items/" + id);
    assertEquals("odd/f249.txt", d.get("path").asText());
    assertEquals(1, d.get("history").size());
    assertEquals("laptop", d.get("history").get(0).get("by").asText());
    JsonNode blob = d.get("blob");
    assertEquals(2490, blob.get("size").asLong());
    assertEquals(3, blob.get("blockCount").asInt());
    // The publisher wrote the version, so the blob lookup names it as the holder of every block.
    assertEquals("laptop", blob.get("holders").get(0).get("endpoint").asText());
    assertTrue(blob.get("holders").get(0).get("whole").asBoolean());
    assertEquals("[\"laptop\"]", blob.get("blocks").get(2).get("heldBy").toString());
  }

  @Test
  void theNamespacePageNamesItsFeedsInTheHeadForAutodiscovery() throws IOException {
    try (Response r = admin.get("/ui/namespaces/docs")) {
      String html = r.body().string();
      String head = html.substring(0, html.indexOf("</head>"));
      assertTrue(head.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"docs"
          + " (Atom)\" href=\"" + web.url("/feeds/docs") + "\">"), head);
      assertTrue(head.contains("type=\"application/rss+xml\""), head);
      assertTrue(head.contains(web.url("/feeds/docs") + "?format=rss"), head);
    }
  }

  @Test
  void aReadOnlyEndpointReadsButCannotResolve() throws Exception {
    Browser b = web.browser().signIn(reader);
    String id = FileMeta.itemId("docs", "even/f002.txt");
    assertEquals(false, b.getJson("/ui/api/namespaces/docs/items/" + id).get("canResolve")
        .asBoolean());
  }

  @Test
  void everySortOrderReadsThroughAnIndexInOrder() {
    for (ItemQuery.Sort sort : ItemQuery.Sort.values()) {
      ItemQuery q = new ItemQuery("docs", sort, true, "", false, ItemQuery.Deleted.SHOW, 1000, 100);
      String plan = planOf(q);
      assertTrue(plan.contains("index sorted") && !plan.contains("tableScan"), sort + ": " + plan);
    }
  }

  private String planOf(ItemQuery q) {
    try (ItemIndex index =
        new ItemIndex(web.server.database(), web.server.journal(), (ns, c) -> {})) {
      return index.plan(q);
    }
  }
}
