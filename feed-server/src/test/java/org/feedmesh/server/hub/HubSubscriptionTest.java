package org.feedmesh.server.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.Response;
import org.feedmesh.server.hub.CallbackServer.Received;
import org.feedmesh.server.hub.CallbackServer.Verify;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Subscribing and unsubscribing over real HTTP: the feed server on a loopback port, a subscriber's
 * callback server beside it. One server for the class; each test uses callback paths of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubSubscriptionTest {
  @TempDir static Path data;
  private HubTestServer hub;
  private CallbackServer callbacks;
  private String topic;

  @BeforeAll
  void start() throws IOException {
    hub = new HubTestServer(data);
    callbacks = new CallbackServer();
    hub.namespace("photos");
    hub.namespace("music");
    topic = hub.topic("photos");
  }

  @AfterAll
  void stop() {
    callbacks.close();
    hub.close();
  }

  private Received awaitVerification(String path, int n) {
    Await.until(n + " verification(s) at " + path, () -> callbacks.gets(path).size() >= n);
    return callbacks.gets(path).get(n - 1);
  }

  @Test
  void subscribeIsAcceptedThenVerifiedWithAChallengeKeepingTheCallbackQuery() {
    String callback = callbacks.url("/verify/keep?client=laptop&x=1");
    JsonNode accepted = hub.subscribe(hub.admin, topic, callback, "hub.lease_seconds", "7200");
    assertEquals("pending", accepted.get("verification").asText());
    assertEquals(7200, accepted.get("leaseSeconds").asLong());

    Received get = awaitVerification("/verify/keep", 1);
    assertEquals("laptop", get.param("client"));
    assertEquals("1", get.param("x"));
    assertEquals("subscribe", get.param("hub.mode"));
    assertEquals(topic, get.param("hub.topic"));
    assertEquals("7200", get.param("hub.lease_seconds"));
    assertTrue(get.param("hub.challenge").length() >= 32, get.param("hub.challenge"));

    JsonNode s = hub.awaitActive(topic, callback);
    assertEquals(7200, s.get("leaseSeconds").asLong());
    assertEquals("admin", s.get("subscriber").asText());
    assertFalse(s.get("signed").asBoolean());
  }

  @Test
  void challengesAreFreshForEveryVerification() {
    String callback = callbacks.url("/verify/fresh");
    hub.subscribe(hub.admin, topic, callback);
    hub.subscribe(hub.admin, topic, callback);
    Received first = awaitVerification("/verify/fresh", 1);
    Received second = awaitVerification("/verify/fresh", 2);
    assertNotEquals(first.param("hub.challenge"), second.param("hub.challenge"));
  }

  @Test
  void notFoundAtVerificationLeavesNothingSubscribed() {
    callbacks.verifyWith("/verify/404", Verify.NOT_FOUND);
    double refused = hub.verifications("subscribe", "refused");
    String callback = callbacks.url("/verify/404");
    hub.subscribe(hub.admin, topic, callback);
    awaitVerification("/verify/404", 1);
    Await.until(
        "the refusal is recorded", () -> hub.verifications("subscribe", "refused") > refused);
    assertTrue(hub.subscription(topic, callback).isEmpty());
  }

  @Test
  void aWrongChallengeEchoLeavesNothingSubscribed() {
    callbacks.verifyWith("/verify/wrong", Verify.WRONG_ECHO);
    double refused = hub.verifications("subscribe", "refused");
    String callback = callbacks.url("/verify/wrong");
    hub.subscribe(hub.admin, topic, callback);
    Await.until(
        "the refusal is recorded", () -> hub.verifications("subscribe", "refused") > refused);
    assertTrue(hub.subscription(topic, callback).isEmpty());
  }

  @Test
  void anUnreachableCallbackLeavesNothingSubscribed() throws IOException {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    double refused = hub.verifications("subscribe", "refused");
    String callback = "http://127.0.0.1:" + closedPort + "/nobody";
    hub.subscribe(hub.admin, topic, callback);
    Await.until(
        "the refusal is recorded", () -> hub.verifications("subscribe", "refused") > refused);
    assertTrue(hub.subscription(topic, callback).isEmpty());
  }

  @Test
  void unsubscribeIsVerifiedAndThenRemovesTheSubscription() {
    String callback = callbacks.url("/verify/unsub");
    hub.subscribe(hub.admin, topic, callback);
    hub.awaitActive(topic, callback);
    hub.json(
        hub.hub(hub.admin, "hub.mode", "unsubscribe", "hub.topic", topic, "hub.callback", callback),
        202);
    Received get = awaitVerification("/verify/unsub", 2);
    assertEquals("unsubscribe", get.param("hub.mode"));
    assertEquals(topic, get.param("hub.topic"));
    assertEquals(null, get.param("hub.lease_seconds"));
    Await.until("the subscription is gone", () -> hub.subscription(topic, callback).isEmpty());
  }

  @Test
  void anUnsubscribeTheCallbackDoesNotConfirmLeavesTheSubscriptionInPlace() {
    String callback = callbacks.url("/verify/keepme");
    hub.subscribe(hub.admin, topic, callback);
    hub.awaitActive(topic, callback);
    callbacks.verifyWith("/verify/keepme", Verify.NOT_FOUND);
    double refused = hub.verifications("unsubscribe", "refused");
    hub.json(
        hub.hub(hub.admin, "hub.mode", "unsubscribe", "hub.topic", topic, "hub.callback", callback),
        202);
    Await.until(
        "the refusal is recorded", () -> hub.verifications("unsubscribe", "refused") > refused);
    assertEquals("active", hub.subscription(topic, callback).orElseThrow().get("state").asText());
  }

  @Test
  void resubscribingReplacesTheLeaseAndSecretInsteadOfAddingASubscription() {
    String callback = callbacks.url("/verify/again");
    hub.subscribe(hub.admin, topic, callback, "hub.lease_seconds", "3600");
    JsonNode first = hub.awaitActive(topic, callback);
    assertFalse(first.get("signed").asBoolean());
    hub.subscribe(hub.admin, topic, callback, "hub.lease_seconds", "7200", "hub.secret", "s3cret");
    Await.until(
        "the new lease",
        () -> hub.subscription(topic, callback).orElseThrow().get("leaseSeconds").asLong() == 7200);
    JsonNode second = hub.subscription(topic, callback).orElseThrow();
    assertEquals(first.get("id").asLong(), second.get("id").asLong());
    assertTrue(second.get("signed").asBoolean());
    long pairs = 0;
    for (JsonNode s : hub.subscriptions()) {
      if (s.get("callback").asText().equals(callback)) {
        pairs++;
      }
    }
    assertEquals(1, pairs);
  }

  @Test
  void theSameCallbackOnTwoTopicsIsTwoSubscriptions() {
    String callback = callbacks.url("/verify/both");
    hub.subscribe(hub.admin, topic, callback);
    hub.subscribe(hub.admin, topic + "?format=rss", callback);
    hub.awaitActive(topic, callback);
    hub.awaitActive(topic + "?format=rss", callback);
  }

  @Test
  void unknownHubParametersAndOthersAreIgnored() {
    String callback = callbacks.url("/verify/extra");
    hub.subscribe(
        hub.admin,
        topic,
        callback,
        "hub.future_extension",
        "whatever",
        "hub.verify",
        "sync",
        "utm_source",
        "x");
    hub.awaitActive(topic, callback);
  }

  @Test
  void leasesAreClampedToTheConfiguredRange() {
    hub.subscribe(hub.admin, topic, callbacks.url("/verify/short"), "hub.lease_seconds", "1");
    hub.subscribe(
        hub.admin, topic, callbacks.url("/verify/long"), "hub.lease_seconds", "999999999999");
    hub.subscribe(hub.admin, topic, callbacks.url("/verify/default"));
    assertEquals("60", awaitVerification("/verify/short", 1).param("hub.lease_seconds"));
    assertEquals(
        Long.toString(2 * 24 * 3600),
        awaitVerification("/verify/long", 1).param("hub.lease_seconds"));
    assertEquals("3600", awaitVerification("/verify/default", 1).param("hub.lease_seconds"));
  }

  Stream<Arguments> badRequests() {
    String cb = "http://127.0.0.1:9/never";
    String t = "TOPIC";
    String secret200 = "s".repeat(200);
    return Stream.of(
        Arguments.of("no mode", 400, List.of("hub.topic", t, "hub.callback", cb)),
        Arguments.of(
            "unknown mode",
            400,
            List.of("hub.mode", "publish", "hub.topic", t, "hub.callback", cb)),
        Arguments.of("no topic", 400, List.of("hub.mode", "subscribe", "hub.callback", cb)),
        Arguments.of(
            "topic on another server",
            400,
            List.of(
                "hub.mode",
                "subscribe",
                "hub.topic",
                "http://feeds.invalid/feeds/photos",
                "hub.callback",
                cb)),
        Arguments.of(
            "topic that is not a feed",
            400,
            List.of(
                "hub.mode", "subscribe", "hub.topic", "BASE/admin/namespaces", "hub.callback", cb)),
        Arguments.of(
            "topic with another query",
            400,
            List.of("hub.mode", "subscribe", "hub.topic", t + "?since=3", "hub.callback", cb)),
        Arguments.of(
            "topic that is not a URL",
            400,
            List.of("hub.mode", "subscribe", "hub.topic", "not a url", "hub.callback", cb)),
        Arguments.of(
            "unknown namespace",
            404,
            List.of(
                "hub.mode", "subscribe", "hub.topic", "BASE/feeds/nosuchns", "hub.callback", cb)),
        Arguments.of("no callback", 400, List.of("hub.mode", "subscribe", "hub.topic", t)),
        Arguments.of(
            "relative callback",
            400,
            List.of("hub.mode", "subscribe", "hub.topic", t, "hub.callback", "/cb")),
        Arguments.of(
            "ftp callback",
            400,
            List.of("hub.mode", "subscribe", "hub.topic", t, "hub.callback", "ftp://127.0.0.1/cb")),
        Arguments.of(
            "callback with fragment",
            400,
            List.of("hub.mode", "subscribe", "hub.topic", t, "hub.callback", cb + "#frag")),
        Arguments.of(
            "callback that is not a URL",
            400,
            List.of("hub.mode", "subscribe", "hub.topic", t, "hub.callback", "http://exa mple/")),
        Arguments.of(
            "lease not a number",
            400,
            List.of(
                "hub.mode",
                "subscribe",
                "hub.topic",
                t,
                "hub.callback",
                cb,
                "hub.lease_seconds",
                "soon")),
        Arguments.of(
            "negative lease",
            400,
            List.of(
                "hub.mode",
                "subscribe",
                "hub.topic",
                t,
                "hub.callback",
                cb,
                "hub.lease_seconds",
                "-5")),
        Arguments.of(
            "zero lease",
            400,
            List.of(
                "hub.mode",
                "subscribe",
                "hub.topic",
                t,
                "hub.callback",
                cb,
                "hub.lease_seconds",
                "0")),
        Arguments.of(
            "secret of 200 bytes",
            400,
            List.of(
                "hub.mode",
                "subscribe",
                "hub.topic",
                t,
                "hub.callback",
                cb,
                "hub.secret",
                secret200)),
        Arguments.of(
            "empty secret",
            400,
            List.of("hub.mode", "subscribe", "hub.topic", t, "hub.callback", cb, "hub.secret", "")),
        Arguments.of(
            "topic given twice",
            400,
            List.of(
                "hub.mode",
                "subscribe",
                "hub.topic",
                t,
                "hub.topic",
                t + "?format=rss",
                "hub.callback",
                cb)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badRequestsAreRefusedWithAJsonErrorAndStoreNothing(
      String why, int status, List<String> pairs) {
    int before = hub.subscriptions().size();
    double verified = hub.verifications("subscribe", "verified");
    double refused = hub.verifications("subscribe", "refused");
    List<String> resolved = new ArrayList<>();
    for (String p : pairs) {
      resolved.add(p.replace("TOPIC", topic).replace("BASE/", hub.base()));
    }
    JsonNode error = hub.json(hub.hub(hub.admin, resolved.toArray(String[]::new)), status);
    assertFalse(error.get("error").asText().isBlank(), why);
    assertEquals(before, hub.subscriptions().size());
    assertEquals(verified, hub.verifications("subscribe", "verified"));
    assertEquals(refused, hub.verifications("subscribe", "refused"));
  }

  @Test
  void aSecretOf199BytesIsAccepted() {
    String callback = callbacks.url("/verify/secret199");
    hub.subscribe(hub.admin, topic, callback, "hub.secret", "s".repeat(199));
    assertTrue(hub.awaitActive(topic, callback).get("signed").asBoolean());
  }

  @Test
  void aFormIsRequired() {
    try (Response r =
        hub.call(
            "POST",
            "hub",
            hub.admin,
            okhttp3.RequestBody.create(
                "{\"hub.mode\":\"subscribe\"}", okhttp3.MediaType.get("application/json")))) {
      assertEquals(415, r.code());
    }
  }

  @Test
  void subscribingNeedsAToken() {
    try (Response r =
        hub.hub(
            null,
            "hub.mode",
            "subscribe",
            "hub.topic",
            topic,
            "hub.callback",
            callbacks.url("/verify/anon"))) {
      assertEquals(401, r.code());
    }
    try (Response r =
        hub.hub(
            "fm_unknownunknownunknownunknownunknownunknown1",
            "hub.mode",
            "subscribe",
            "hub.topic",
            topic,
            "hub.callback",
            callbacks.url("/verify/anon"))) {
      assertEquals(401, r.code());
    }
    assertTrue(callbacks.gets("/verify/anon").isEmpty());
  }

  @Test
  void subscribingNeedsATokenThatCanReadTheFeed() {
    String musician = hub.endpoint("musician", "music");
    JsonNode error =
        hub.json(
            hub.hub(
                musician,
                "hub.mode",
                "subscribe",
                "hub.topic",
                topic,
                "hub.callback",
                callbacks.url("/verify/forbidden")),
            403);
    assertTrue(error.get("error").asText().contains("photos"), error.toString());

    String viewer = hub.readOnlyEndpoint("viewer", "photos");
    String callback = callbacks.url("/verify/viewer");
    hub.subscribe(viewer, topic, callback);
    assertEquals("viewer", hub.awaitActive(topic, callback).get("subscriber").asText());
  }

  @Test
  void anEndpointListsOnlyItsOwnSubscriptions() {
    String token = hub.endpoint("lister", "music");
    String callback = callbacks.url("/verify/lister");
    hub.subscribe(token, hub.topic("music"), callback);
    hub.awaitActive(hub.topic("music"), callback);
    JsonNode mine = hub.json(hub.call("GET", "hub/subscriptions", token, null), 200);
    assertEquals(1, mine.size());
    assertEquals(callback, mine.get(0).get("callback").asText());
    assertFalse(mine.get(0).has("secret"));
  }
}
