package org.feedmesh.server.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.Response;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Sharing;
import org.feedmesh.feedsync.SyncFeed;
import org.feedmesh.feedsync.xml.FeedXml;
import org.feedmesh.server.hub.CallbackServer.Hang;
import org.feedmesh.server.hub.CallbackServer.Received;
import org.feedmesh.server.hub.HubTestServer.Published;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content distribution over real HTTP: publishes go through the server's journal, subscribers are
 * paths of a loopback callback server. Each test uses a namespace of its own. Distributions carry
 * at most {@value #BATCH} entries here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubDistributionTest {
  static final int BATCH = 3;

  @TempDir static Path data;
  private HubTestServer hub;
  private CallbackServer callbacks;

  @BeforeAll
  void start() throws IOException {
    hub =
        new HubTestServer(data, HubTestServer.quick().withBatch(BATCH, 1 << 20), Clock.systemUTC());
    callbacks = new CallbackServer();
  }

  @AfterAll
  void stop() {
    callbacks.close();
    hub.close();
  }

  /** A new namespace with a verified subscription at {@code path}; returns the callback URL. */
  private String subscribed(String ns, String topic, String path, String... more) {
    String callback = callbacks.url(path);
    hub.subscribe(hub.admin, topic, callback, more);
    hub.awaitActive(topic, callback);
    return callback;
  }

  private List<Received> awaitAcknowledged(String path, int n) {
    Await.until(
        n + " acknowledged distribution(s) to " + path,
        () -> callbacks.acknowledged(path).size() >= n);
    return callbacks.acknowledged(path);
  }

  private static SyncFeed feed(Received r) {
    return FeedXml.read(r.body());
  }

  private static List<String> ids(Received r) {
    return feed(r).items().stream().map(Item::id).toList();
  }

  private static List<String> ids(Published... publishes) {
    List<String> out = new ArrayList<>();
    for (Published p : publishes) {
      out.addAll(p.ids());
    }
    return out;
  }

  private static String hmac(String algorithm, String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance(algorithm);
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void aPublishIsPostedWithTheTopicsTypeHubAndSelfLinksAndAVerifiableSignature() throws Exception {
    hub.namespace("signed");
    String topic = hub.topic("signed");
    subscribed("signed", topic, "/d/signed", "hub.secret", "pssst-42");
    Published published = hub.publish("signed", "a", "b");

    Received post = awaitAcknowledged("/d/signed", 1).get(0);
    assertEquals(List.of("application/atom+xml;charset=utf-8"), post.header("Content-Type"));
    List<String> links = post.header("Link");
    assertTrue(links.contains("<" + hub.hubUrl() + ">; rel=\"hub\""), links.toString());
    assertTrue(links.contains("<" + topic + ">; rel=\"self\""), links.toString());
    assertEquals(
        List.of("sha256=" + hmac("HmacSHA256", "pssst-42", post.body())),
        post.header("X-Hub-Signature"));

    SyncFeed feed = feed(post);
    assertEquals(ids(published), ids(post));
    assertEquals(Sharing.cursor(0), feed.head().sharing().since());
    assertEquals(Sharing.cursor(published.lastCursor()), feed.head().sharing().until());
    assertEquals(published.items().get(0), feed.items().get(0));
    assertEquals(topic, feed.head().id());
  }

  @Test
  void aSubscriptionWithoutSecretIsNotSigned() {
    hub.namespace("unsigned");
    subscribed("unsigned", hub.topic("unsigned"), "/d/unsigned");
    hub.publish("unsigned", "a");
    assertTrue(awaitAcknowledged("/d/unsigned", 1).get(0).header("X-Hub-Signature").isEmpty());
  }

  @Test
  void anRssTopicGetsRss() {
    hub.namespace("rss");
    String topic = hub.topic("rss") + "?format=rss";
    subscribed("rss", topic, "/d/rss");
    Published published = hub.publish("rss", "a");
    Received post = awaitAcknowledged("/d/rss", 1).get(0);
    assertEquals(List.of("application/rss+xml;charset=utf-8"), post.header("Content-Type"));
    assertTrue(post.body(StandardCharsets.UTF_8).contains("<rss"));
    assertTrue(post.header("Link").contains("<" + topic + ">; rel=\"self\""));
    assertEquals(ids(published), ids(post));
  }

  @Test
  void onlyWhatIsJournaledAfterSubscribingIsSent() {
    hub.namespace("later");
    hub.publish("later", "before");
    subscribed("later", hub.topic("later"), "/d/later");
    Published after = hub.publish("later", "after");
    Received post = awaitAcknowledged("/d/later", 1).get(0);
    assertEquals(ids(after), ids(post));
    assertEquals(Sharing.cursor(1), feed(post).head().sharing().since());
  }

  @Test
  void manyEntriesGoInBoundedBatchesInCursorOrder() {
    hub.namespace("batches");
    subscribed("batches", hub.topic("batches"), "/d/batches");
    Published published = hub.publish("batches", "1", "2", "3", "4", "5", "6", "7");
    Await.until(
        "all 7 entries",
        () ->
            callbacks.acknowledged("/d/batches").stream().mapToInt(r -> ids(r).size()).sum() >= 7);
    List<Received> posts = callbacks.acknowledged("/d/batches");
    assertEquals(3, posts.size());
    List<String> all = new ArrayList<>();
    long since = 0;
    for (Received post : posts) {
      SyncFeed feed = feed(post);
      assertTrue(feed.items().size() <= BATCH);
      assertEquals(Sharing.cursor(since), feed.head().sharing().since());
      since = Sharing.parseCursor(feed.head().sharing().until());
      all.addAll(ids(post));
    }
    assertEquals(ids(published), all);
    assertEquals(7, since);
  }

  @Test
  void aFailingSubscriberIsRetriedAndThenGetsEverythingOwedInOrder() {
    hub.namespace("flaky");
    String callback = subscribed("flaky", hub.topic("flaky"), "/d/flaky");
    callbacks.failAll("/d/flaky", 500);
    double retries = hub.counter("feedmesh.hub.retries");
    double failures = hub.counter("feedmesh.hub.delivery.failures");
    Published first = hub.publish("flaky", "a");
    Await.until(
        "a first attempt and a retry, both failed", () -> callbacks.posts("/d/flaky").size() >= 2);
    Published second = hub.publish("flaky", "b");
    Await.until(
        "a retry that carries both",
        () ->
            callbacks.posts("/d/flaky").stream().anyMatch(p -> ids(p).equals(ids(first, second))));
    callbacks.recover("/d/flaky");

    Received ok = awaitAcknowledged("/d/flaky", 1).get(0);
    assertEquals(ids(first, second), ids(ok));
    List<Received> posts = callbacks.posts("/d/flaky");
    assertEquals(ids(first), ids(posts.get(0)));
    assertTrue(posts.subList(0, posts.indexOf(ok)).stream().allMatch(p -> p.answered() == 500));
    assertTrue(hub.counter("feedmesh.hub.retries") >= retries + 2);
    assertTrue(hub.counter("feedmesh.hub.delivery.failures") >= failures + 2);
    Await.until(
        "the cursor is stored",
        () ->
            hub.subscription(hub.topic("flaky"), callback)
                    .orElseThrow()
                    .get("deliveredCursor")
                    .asLong()
                == second.lastCursor());
    assertEquals(
        0,
        hub.subscription(hub.topic("flaky"), callback).orElseThrow().get("failedAttempts").asInt());
  }

  @Test
  void aHangingSubscriberDoesNotHoldUpPublishingNorOtherSubscribers() throws Exception {
    hub.namespace("stuck");
    String topic = hub.topic("stuck");
    Hang hang = callbacks.hang("/d/stuck-dead");
    subscribed("stuck", topic, "/d/stuck-dead");
    subscribed("stuck", topic, "/d/stuck-live");

    CountDownLatch published = new CountDownLatch(1);
    Thread publisher =
        new Thread(
            () -> {
              hub.publish("stuck", "a");
              published.countDown();
            });
    publisher.start();
    assertTrue(hang.entered.await(20, TimeUnit.SECONDS), "the distribution reached the dead one");
    assertTrue(published.await(20, TimeUnit.SECONDS), "publish returned while it hangs");
    awaitAcknowledged("/d/stuck-live", 1);
    hub.publish("stuck", "b");
    awaitAcknowledged("/d/stuck-live", 2);
    assertEquals(1, hang.release.getCount(), "the dead subscriber was still hanging throughout");
    hang.release.countDown();
    Await.until(
        "the dead one catches up",
        () ->
            callbacks.acknowledged("/d/stuck-dead").stream().mapToInt(r -> ids(r).size()).sum()
                >= 2);
  }

  @Test
  void goneEndsTheSubscription() {
    hub.namespace("gone");
    String topic = hub.topic("gone");
    String callback = subscribed("gone", topic, "/d/gone");
    subscribed("gone", topic, "/d/gone-control");
    callbacks.answerPosts("/d/gone", 410);
    hub.publish("gone", "a");
    Await.until(
        "the subscription ended",
        () ->
            hub.subscription(topic, callback)
                .map(s -> s.get("state").asText().equals("ended"))
                .orElse(true));
    hub.publish("gone", "b");
    awaitAcknowledged("/d/gone-control", 2);
    assertEquals(1, callbacks.posts("/d/gone").size());
  }

  @Test
  void aRevokedEndpointsSubscriptionsStopReceiving() {
    hub.namespace("revoked");
    String topic = hub.topic("revoked");
    String token = hub.endpoint("leaver", "revoked");
    String callback = callbacks.url("/d/leaver");
    hub.subscribe(token, topic, callback);
    hub.awaitActive(topic, callback);
    hub.json(hub.call("DELETE", "admin/endpoints/leaver", hub.admin, null), 200);
    hub.publish("revoked", "a");
    Await.until(
        "the subscription ended",
        () ->
            hub.subscription(topic, callback)
                .map(s -> s.get("state").asText().equals("ended"))
                .orElse(true));
    assertTrue(callbacks.posts("/d/leaver").isEmpty());
  }

  @Test
  void metricsShowSubscribersDeliveriesFailuresRetriesAndLatency() throws IOException {
    hub.namespace("metered");
    subscribed("metered", hub.topic("metered"), "/d/metered");
    hub.publish("metered", "a");
    awaitAcknowledged("/d/metered", 1);
    try (Response r = hub.call("GET", "metrics", hub.admin, null)) {
      String text = r.body().string();
      for (String name :
          List.of(
              "feedmesh_hub_subscribers ",
              "feedmesh_hub_deliveries_total",
              "feedmesh_hub_delivery_failures_total",
              "feedmesh_hub_retries_total",
              "feedmesh_hub_delivery_latency_seconds_count")) {
        assertTrue(text.contains(name), name);
      }
    }
    assertTrue(hub.server.metrics().find("feedmesh.hub.subscribers").gauge().value() >= 1);
  }
}
