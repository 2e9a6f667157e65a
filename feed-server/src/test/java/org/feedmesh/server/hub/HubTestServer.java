package org.feedmesh.server.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.SyncFeed;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedXml;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.accounts.AdminToken;

/**
 * The real feed server on a random loopback port with its data in a temporary directory, and the
 * HTTP calls hub tests make: admin API, {@code POST /hub}, {@code GET /hub/subscriptions}.
 */
final class HubTestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Short delays so that retries and sweeps happen within a test. */
  static HubSettings quick() {
    return HubSettings.defaults()
        .withLeases(Duration.ofHours(1), Duration.ofSeconds(60), Duration.ofDays(2))
        .withRetry(Duration.ofMillis(50), Duration.ofMillis(400))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
        .withSweepInterval(Duration.ofMillis(200));
  }

  final FeedServer server;
  final String admin;
  final OkHttpClient http = new OkHttpClient();

  HubTestServer(Path data, HubSettings hub, Clock clock) throws IOException {
    server = FeedServer.start(ServerConfig.loopback(data).withHub(hub), clock, new SecureRandom());
    admin = AdminToken.read(data.resolve(AdminToken.FILE_NAME));
  }

  HubTestServer(Path data) throws IOException {
    this(data, quick(), Clock.systemUTC());
  }

  String base() {
    return server.baseUri().toString();
  }

  String topic(String ns) {
    return base() + "feeds/" + ns;
  }

  String hubUrl() {
    return base() + "hub";
  }

  Response call(String method, String path, String token, RequestBody body) {
    Request.Builder b = new Request.Builder().url(base() + path).method(method, body);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return http.newCall(b.build()).execute();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode json(Response r, int status) {
    try (r) {
      String body = r.body().string();
      assertEquals(status, r.code(), body);
      return body.isEmpty() ? null : JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode admin(String path, String json) {
    return json(
        call("POST", path, admin, RequestBody.create(json, MediaType.get("application/json"))),
        201);
  }

  void namespace(String ns) {
    admin("admin/namespaces", "{\"name\":\"" + ns + "\"}");
  }

  /** Creates an endpoint with read+write on {@code readWrite}; returns its token. */
  String endpoint(String name, String... readWrite) {
    return admin(
            "admin/endpoints",
            "{\"name\":\""
                + name
                + "\",\"namespaces\":"
                + JSON.valueToTree(Arrays.asList(readWrite))
                + "}")
        .get("token")
        .asText();
  }

  String readOnlyEndpoint(String name, String ns) {
    return admin(
            "admin/endpoints",
            "{\"name\":\"" + name + "\",\"namespaces\":[]," + "\"readOnly\":[\"" + ns + "\"]}")
        .get("token")
        .asText();
  }

  /** {@code POST /hub} with the given name/value pairs. */
  Response hub(String token, String... pairs) {
    FormBody.Builder form = new FormBody.Builder();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return call("POST", "hub", token, form.build());
  }

  /** Subscribes and checks the 202. */
  JsonNode subscribe(String token, String topic, String callback, String... more) {
    List<String> pairs =
        new ArrayList<>(
            List.of("hub.mode", "subscribe", "hub.topic", topic, "hub.callback", callback));
    pairs.addAll(List.of(more));
    return json(hub(token, pairs.toArray(String[]::new)), 202);
  }

  /** The admin's view of every subscription. */
  JsonNode subscriptions() {
    return json(call("GET", "hub/subscriptions", admin, null), 200);
  }

  Optional<JsonNode> subscription(String topic, String callback) {
    for (JsonNode s : subscriptions()) {
      if (s.get("topic").asText().equals(topic) && s.get("callback").asText().equals(callback)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Waits until the (topic, callback) subscription is active. */
  JsonNode awaitActive(String topic, String callback) {
    Await.until(
        "subscription " + topic + " -> " + callback,
        () ->
            subscription(topic, callback)
                .map(s -> s.get("state").asText().equals("active"))
                .orElse(false));
    return subscription(topic, callback).orElseThrow();
  }

  /** Verifications of intent that have finished with this outcome. */
  double verifications(String mode, String outcome) {
    var counter =
        server
            .metrics()
            .find("feedmesh.hub.verifications")
            .tag("mode", mode)
            .tag("outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  double counter(String name) {
    var counter = server.metrics().find(name).counter();
    return counter == null ? 0 : counter.count();
  }

  /** What a publish journaled, in cursor order, and the namespace's cursor after it. */
  record Published(List<Item> items, long lastCursor) {
    List<String> ids() {
      return items.stream().map(Item::id).toList();
    }
  }

  /**
   * Publishes new items (created by {@code laptop}) with {@code POST /feeds/{ns}} and the admin
   * token, as an endpoint would.
   */
  Published publish(String ns, String... ids) {
    List<Item> items = new ArrayList<>();
    for (String id : ids) {
      items.add(
          Item.create(
              id,
              "laptop",
              Instant.parse("2026-03-01T10:00:00Z"),
              Payload.EMPTY.withTitle(Payload.Text.plain("file " + id))));
    }
    byte[] feed =
        FeedXml.toBytes(
            new SyncFeed(FeedHead.of("urn:test:" + ns, "test", null), items), FeedFormat.ATOM);
    try (Response r =
        call(
            "POST",
            "feeds/" + ns,
            admin,
            RequestBody.create(feed, MediaType.get(FeedFormat.ATOM.mediaType())))) {
      assertEquals(200, r.code(), () -> "publish answered " + r.code());
    }
    return new Published(items, server.journal().lastCursor(ns));
  }

  @Override
  public void close() {
    server.close();
  }
}
