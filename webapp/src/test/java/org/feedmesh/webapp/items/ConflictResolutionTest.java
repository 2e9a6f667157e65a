package org.feedmesh.webapp.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.Response;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.webapp.Browser;
import org.feedmesh.webapp.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Keep this version" over real HTTP: two endpoints publish the same path concurrently, the
 * browser resolves the conflict, and forged or stale requests change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConflictResolutionTest {
  @TempDir static Path data;
  private WebServer web;
  private String laptop;
  private String phone;
  private int counter;

  @BeforeAll
  void start() throws IOException {
    web = WebServer.start(data);
    web.namespace("notes");
    laptop = web.endpoint("laptop", "notes");
    phone = web.endpoint("phone", "notes");
  }

  @AfterAll
  void stop() {
    web.close();
  }

  /** Publishes one path from both endpoints at different times; returns the item id. */
  private String conflict() throws IOException {
    String path = "conflict-" + (++counter) + ".txt";
    Item fromLaptop = WebServer.file("notes", path, "laptop", 100, WebServer.T);
    Item fromPhone = WebServer.file("notes", path, "phone", 200, WebServer.T.plusSeconds(60));
    web.publish("notes", laptop, List.of(fromLaptop));
    web.publish("notes", phone, List.of(fromPhone));
    return fromLaptop.id();
  }

  private String itemUrl(String id) {
    return "/ui/api/namespaces/notes/items/" + id;
  }

  @Test
  void keepingTheLosingVersionPublishesAResolutionUnderTheCallersId() throws Exception {
    String id = conflict();
    Browser b = web.browser().signIn(laptop);
    JsonNode before = b.getJson(itemUrl(id));
    assertEquals(2, before.get("versions").size());
    assertTrue(before.get("canResolve").asBoolean());
    JsonNode loser = before.get("versions").get(1);
    assertEquals("laptop", loser.get("by").asText()); // the phone's later version won
    long cursor = web.server.journal().lastCursor("notes");

    String body = "{\"keep\":\"" + loser.get("key").asText() + "\",\"updates\":"
        + before.get("updates").asInt() + "}";
    try (Response r = b.postJson(itemUrl(id) + "/resolve", body, b.csrf, web.origin())) {
      assertEquals(200, r.code(), r.peekBody(2000).string());
      JsonNode after = WebServer.json(r);
      assertEquals(1, after.get("versions").size());
      assertEquals(100, after.get("size").asLong());
      assertEquals(2, after.get("updates").asInt());
      assertEquals("laptop", after.get("history").get(0).get("by").asText());
    }
    Item stored = web.server.journal().current("notes", id).orElseThrow();
    assertTrue(stored.conflicts().isEmpty());
    assertEquals(100, stored.payload().file().size());
    assertEquals("laptop", stored.topmost().by());
    // The resolution carries the phone's history, so it subsumes the phone's version everywhere.
    assertTrue(stored.sync().history().stream().anyMatch(h -> "phone".equals(h.by())));
    assertEquals(cursor + 1, web.server.journal().lastCursor("notes"));
  }

  @Test
  void theAdminResolvesAsAdmin() throws Exception {
    String id = conflict();
    Browser b = web.browser().signIn(web.adminToken());
    JsonNode before = b.getJson(itemUrl(id));
    JsonNode winner = before.get("versions").get(0);
    String body = "{\"keep\":\"" + winner.get("key").asText() + "\",\"updates\":1}";
    try (Response r = b.postJson(itemUrl(id) + "/resolve", body, b.csrf, web.origin())) {
      assertEquals(200, r.code(), r.peekBody(2000).string());
    }
    Item stored = web.server.journal().current("notes", id).orElseThrow();
    assertEquals("admin", stored.topmost().by());
    assertEquals(200, stored.payload().file().size());
    assertTrue(stored.conflicts().isEmpty());
  }

  Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("no CSRF token", null, "origin", "ok", 403),
        Arguments.of("a wrong CSRF token", "guess", "origin", "ok", 403),
        Arguments.of("another site's origin", "csrf", "https://evil.example", "ok", 403),
        Arguments.of("no origin at all", "csrf", null, "ok", 403),
        Arguments.of("a stale version", "csrf", "origin", "stale", 409),
        Arguments.of("a version that does not exist", "csrf", "origin", "unknown", 400),
        Arguments.of("no body", "csrf", "origin", "empty", 400));
  }

  @ParameterizedTest(name = "{0} is refused and changes nothing")
  @MethodSource("refusals")
  void forgedOrStaleResolutionsAreRefusedAndChangeNothing(
      String what, String csrf, String origin, String body, int status) throws Exception {
    String id = conflict();
    Browser b = web.browser().signIn(laptop);
    JsonNode before = b.getJson(itemUrl(id));
    String key = before.get("versions").get(1).get("key").asText();
    String json =
        switch (body) {
          case "stale" -> "{\"keep\":\"" + key + "\",\"updates\":7}";
          case "unknown" -> "{\"keep\":\"9.9.nobody.\",\"updates\":1}";
          case "empty" -> "{}";
          default -> "{\"keep\":\"" + key + "\",\"updates\":1}";
        };
    long cursor = web.server.journal().lastCursor("notes");
    try (Response r =
        b.postJson(
            itemUrl(id) + "/resolve",
            json,
            "csrf".equals(csrf) ? b.csrf : csrf,
            "origin".equals(origin) ? web.origin() : origin)) {
      assertEquals(status, r.code(), what);
      assertFalse(WebServer.json(r).get("error").asText().isEmpty());
    }
    assertEquals(cursor, web.server.journal().lastCursor("notes"), what);
    assertEquals(1, web.server.journal().current("notes", id).orElseThrow().conflicts().size());
  }

  @Test
  void anEndpointWithoutWriteAccessMayNotResolve() throws Exception {
    String id = conflict();
    String reader =
        web.endpoint("reader" + counter, org.feedmesh.server.accounts.Grant.readOnly(), "notes");
    Browser b = web.browser().signIn(reader);
    JsonNode before = b.getJson(itemUrl(id));
    String json = "{\"keep\":\"" + before.get("versions").get(1).get("key").asText()
        + "\",\"updates\":1}";
    try (Response r = b.postJson(itemUrl(id) + "/resolve", json, b.csrf, web.origin())) {
      assertEquals(403, r.code());
    }
    assertEquals(1, web.server.journal().current("notes", id).orElseThrow().conflicts().size());
    assertEquals(FileMeta.itemId("notes", "conflict-" + counter + ".txt"), id);
  }
}
