package org.feedmesh.webapp.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import okhttp3.Response;
import org.feedmesh.webapp.Browser;
import org.feedmesh.webapp.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code PUT /endpoints/self} with {@code transfers} and {@code lanPeers}, over real HTTP: stored,
 * shown on the endpoints page, and refused as a whole when any part is invalid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerReportTest {
  @TempDir static Path data;
  private WebServer web;
  private String laptop;
  private String desk;
  private Browser admin;

  @BeforeAll
  void start() throws IOException {
    web = WebServer.start(data);
    web.namespace("photos");
    web.namespace("hidden");
    laptop = web.endpoint("laptop", "photos");
    desk = web.endpoint("desk", "photos", "hidden");
    web.endpoint("loner", "hidden");
    admin = web.browser().signIn(web.adminToken());
  }

  @AfterAll
  void stop() {
    web.close();
  }

  private int announce(String token, String json) throws IOException {
    try (Response r = web.send("PUT", "/endpoints/self", token, json)) {
      return r.code();
    }
  }

  private JsonNode endpoint(Browser b, String id) throws IOException {
    for (JsonNode e : b.getJson("/ui/api/endpoints").get("endpoints")) {
      if (e.get("id").asText().equals(id)) {
        return e;
      }
    }
    return null;
  }

  @Test
  void transfersAddUpOnTheGraphAndLanPeersAreShown() throws IOException {
    assertEquals(200, announce(desk, "{\"addresses\":[\"http://10.0.0.2:7070\"],"
        + "\"cursors\":{\"photos\":0},\"transfers\":[{\"from\":\"laptop\",\"bytes\":1000,"
        + "\"blocks\":2},{\"from\":\"server\",\"bytes\":50,\"blocks\":1}],"
        + "\"lanPeers\":[{\"endpoint\":\"laptop\",\"address\":\"10.0.0.3:7070\","
        + "\"cursors\":{\"photos\":4,\"hidden\":9}}],\"somethingNewer\":true}"));
    assertEquals(200, announce(desk, "{\"transfers\":[{\"from\":\"laptop\",\"bytes\":24,"
        + "\"blocks\":1}]}"));

    JsonNode graph = admin.getJson("/ui/api/endpoints").get("transfers");
    assertEquals("server", graph.get("nodes").get(0).asText());
    JsonNode top = graph.get("edges").get(0);
    assertEquals("laptop", top.get("from").asText());
    assertEquals("desk", top.get("to").asText());
    assertEquals(1024, top.get("bytes").asLong());
    assertEquals(3, top.get("blocks").asLong());
    assertEquals(50, graph.get("edges").get(1).get("bytes").asLong());

    JsonNode deskView = endpoint(admin, "desk");
    assertTrue(deskView.get("online").asBoolean());
    assertEquals("[\"http://10.0.0.2:7070\"]", deskView.get("addresses").toString());
    // The second announcement carried no lanPeers: the first list stays.
    JsonNode peer = deskView.get("lanPeers").get(0);
    assertEquals("laptop", peer.get("endpoint").asText());
    assertEquals("10.0.0.3:7070", peer.get("address").asText());
    assertEquals(9, peer.get("cursors").get("hidden").asLong());

    // laptop reads only photos: it sees desk, not the hidden namespace's cursor or its loner.
    Browser asLaptop = web.browser().signIn(laptop);
    JsonNode seen = endpoint(asLaptop, "desk");
    assertEquals("{\"photos\":4}", seen.get("lanPeers").get(0).get("cursors").toString());
    assertEquals(null, endpoint(asLaptop, "loner"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"addresses\":[\"http://10.9.9.9:1\"],\"transfers\":[{\"from\":\"laptop\",\"bytes\":-1}]}",
        "{\"addresses\":[\"http://10.9.9.9:1\"],\"transfers\":[{\"from\":\"Not An Id\",\"bytes\":1}]}",
        "{\"addresses\":[\"http://10.9.9.9:1\"],\"transfers\":[{\"bytes\":1}]}",
        "{\"addresses\":[\"http://10.9.9.9:1\"],\"transfers\":[{\"from\":\"laptop\","
            + "\"bytes\":99999999999999999}]}",
        "{\"addresses\":[\"http://10.9.9.9:1\"],\"transfers\":[{\"from\":\"laptop\",\"bytes\":1,"
            + "\"blocks\":-3}]}",
        "{\"addresses\":[\"http://10.9.9.9:1\"],\"lanPeers\":[{\"endpoint\":\"admin\","
            + "\"address\":\"10.0.0.1:1\"}]}",
        "{\"addresses\":[\"http://10.9.9.9:1\"],\"lanPeers\":[{\"endpoint\":\"laptop\","
            + "\"address\":\"has space\"}]}",
        "{\"addresses\":[\"http://10.9.9.9:1\"],\"lanPeers\":[{\"endpoint\":\"laptop\","
            + "\"address\":\"10.0.0.1:1\",\"cursors\":{\"photos\":-1}}]}",
        "{\"addresses\":[\"http://10.9.9.9:1\"],\"lanPeers\":[{\"endpoint\":\"laptop\","
            + "\"address\":\"10.0.0.1:1\",\"cursors\":{\"BAD NS\":1}}]}",
        "{\"addresses\":[\"http://10.9.9.9:1\"],\"lanPeers\":[{\"endpoint\":\"laptop\"}]}",
        "TOO_MANY_TRANSFERS",
        "TOO_MANY_PEERS"
      })
  void anInvalidPeerReportIsRefusedAndNothingOfTheAnnouncementIsStored(String json)
      throws IOException {
    String body = json;
    if (json.equals("TOO_MANY_TRANSFERS")) {
      body = "{\"addresses\":[\"http://10.9.9.9:1\"],\"transfers\":["
          + "{\"from\":\"laptop\",\"bytes\":1},".repeat(257) + "{\"from\":\"laptop\",\"bytes\":1}]}";
    } else if (json.equals("TOO_MANY_PEERS")) {
      body = "{\"addresses\":[\"http://10.9.9.9:1\"],\"lanPeers\":["
          + "{\"endpoint\":\"laptop\",\"address\":\"a:1\"},".repeat(257)
          + "{\"endpoint\":\"laptop\",\"address\":\"a:1\"}]}";
    }
    String tablet = web.endpoint("tablet" + Math.abs(json.hashCode() % 100000), "photos");
    try (Response r = web.send("PUT", "/endpoints/self", tablet, body)) {
      assertEquals(400, r.code());
      String error = WebServer.json(r).get("error").asText();
      assertTrue(error.length() > 10, error);
    }
    String id = "tablet" + Math.abs(json.hashCode() % 100000);
    JsonNode view = endpoint(admin, id);
    assertEquals("[]", view.get("addresses").toString());
    assertEquals("[]", view.get("lanPeers").toString());
    for (JsonNode e : admin.getJson("/ui/api/endpoints").get("transfers").get("edges")) {
      assertTrue(!e.get("to").asText().equals(id), "a refused transfer was counted");
    }
  }
}
