package org.feedmesh.server.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.accounts.Grant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusResourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir static Path data;
  private FeedServer server;
  private final OkHttpClient client =
      new OkHttpClient.Builder().readTimeout(java.time.Duration.ofSeconds(60)).build();
  private final Tokens tokens = Tokens.secure();
  private final String laptop = tokens.newToken();
  private final String phone = tokens.newToken();
  private final String stranger = tokens.newToken();

  @BeforeAll
  void start() {
    try {
      server = FeedServer.start(ServerConfig.loopback(data));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    var accounts = server.accounts();
    accounts.createNamespace("photos");
    accounts.createNamespace("music");
    accounts.createEndpoint(
        "laptop", null, java.util.Map.of("photos", Grant.readWrite()), false, Tokens.hash(laptop));
    accounts.createEndpoint(
        "phone", null, java.util.Map.of("photos", Grant.readWrite()), false, Tokens.hash(phone));
    accounts.createEndpoint(
        "stranger",
        null,
        java.util.Map.of("music", Grant.readWrite()),
        false,
        Tokens.hash(stranger));
    server
        .journal()
        .publish(
            "photos",
            Caller.admin(),
            List.of(
                Item.create("a", "laptop", T, Payload.EMPTY),
                Item.create("b", "laptop", T, Payload.EMPTY)));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private Response call(String method, String path, String token, String json) throws IOException {
    Request.Builder b =
        new Request.Builder()
            .url(server.baseUri() + path)
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                json == null ? null : RequestBody.create(json, MediaType.get("application/json")));
    return client.newCall(b.build()).execute();
  }

  private static JsonNode body(Response r, int status) throws IOException {
    try (r) {
      String text = r.body().string();
      assertEquals(status, r.code(), text);
      return JSON.readTree(text);
    }
  }

  private static String report(String id, int updates, String result) {
    return "{\"reports\":[{\"id\":\""
        + id
        + "\",\"updates\":"
        + updates
        + ",\"result\":\""
        + result
        + "\"}]}";
  }

  @Test
  void reportsShowPerEndpointAndWhoIsStillPending() throws IOException {
    body(call("POST", "feeds/photos/status", phone, report("a", 1, "applied")), 200);
    JsonNode status = body(call("GET", "feeds/photos/items/a/status", laptop, null), 200);
    assertEquals(1, status.get("updates").asInt());
    assertEquals("phone", status.get("endpoints").get(0).get("endpoint").asText());
    assertEquals("applied", status.get("endpoints").get(0).get("result").asText());
    assertTrue(status.get("endpoints").get(0).get("current").asBoolean());
    assertEquals("[\"laptop\"]", status.get("pending").toString());
  }

  @Test
  void originLearnsThroughTheLongPollThatItsChangeWasApplied() throws Exception {
    long since = server.status().lastSeq("photos");
    CompletableFuture<JsonNode> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return body(
                    call("GET", "feeds/photos/status?since=" + since + "&wait=30", laptop, null),
                    200);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    // Poll until the request is parked, then report: the parked request must answer.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.metrics().get("feedmesh.longpoll.waiting").gauge().value() < 1) {
      assertTrue(System.nanoTime() < deadline, "the long-poll never started waiting");
      Thread.sleep(10);
    }
    body(
        call(
            "POST",
            "feeds/photos/status",
            phone,
            "{\"reports\":[{\"id\":\"b\",\"updates\":1,\"result\":\"conflict\",\"reason\":\"edited"
                + " here too\"}]}"),
        200);
    JsonNode events = waiting.get(20, TimeUnit.SECONDS);
    JsonNode e = events.get("events").get(0);
    assertEquals("b", e.get("id").asText());
    assertEquals("phone", e.get("endpoint").asText());
    assertEquals("conflict", e.get("result").asText());
    assertEquals("edited here too", e.get("reason").asText());
    assertEquals(since + 1, events.get("until").asLong());
  }

  @Test
  void longPollWithoutNewsAnswersEmptyAtTheTimeout() throws IOException {
    long since = 1_000_000;
    JsonNode events =
        body(call("GET", "feeds/photos/status?since=" + since + "&wait=1", laptop, null), 200);
    assertEquals(0, events.get("events").size());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"reports\":[{\"id\":\"nope\",\"updates\":1,\"result\":\"applied\"}]}",
        "{\"reports\":[{\"id\":\"a\",\"updates\":2,\"result\":\"applied\"}]}",
        "{\"reports\":[{\"id\":\"a\",\"updates\":0,\"result\":\"applied\"}]}",
        "{\"reports\":[{\"id\":\"a\",\"updates\":1,\"result\":\"maybe\"}]}",
        "{\"reports\":[{\"id\":\"a\",\"updates\":1}]}",
        "{\"reports\":[{\"id\":\"a\",\"updates\":1,\"result\":\"applied\"},{\"id\":\"x\",\"updates\":1,\"result\":\"applied\"}]}",
        "{}",
        "not json"
      })
  void badReportsAreA400AndStoreNothing(String json) throws IOException {
    long before = server.status().lastSeq("photos");
    body(call("POST", "feeds/photos/status", laptop, json), 400);
    assertEquals(before, server.status().lastSeq("photos"));
  }

  @Test
  void endpointWithoutReadRightsGets403() throws IOException {
    body(call("POST", "feeds/photos/status", stranger, report("a", 1, "applied")), 403);
    body(call("GET", "feeds/photos/items/a/status", stranger, null), 403);
    body(call("GET", "feeds/photos/status", stranger, null), 403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"since=abc", "since=-1", "wait=301", "wait=1.5"})
  void badLongPollParametersAreA400(String query) throws IOException {
    body(call("GET", "feeds/photos/status?" + query, laptop, null), 400);
  }

  @Test
  void unknownItemStatusIsA404() throws IOException {
    body(call("GET", "feeds/photos/items/zzz/status", laptop, null), 404);
  }
}
