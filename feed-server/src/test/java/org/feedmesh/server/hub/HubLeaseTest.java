package org.feedmesh.server.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases end on the server's clock: a clock the test moves forward, as if time had passed. */
class HubLeaseTest {
  @TempDir Path data;

  @Test
  void anExpiredLeaseGetsNoDistributionAndIsPurged() throws IOException {
    MutableClock clock = new MutableClock();
    try (HubTestServer hub = new HubTestServer(data, HubTestServer.quick(), clock);
        CallbackServer callbacks = new CallbackServer()) {
      hub.namespace("leased");
      String topic = hub.topic("leased");
      String shortLived = callbacks.url("/lease/short");
      hub.subscribe(hub.admin, topic, shortLived, "hub.lease_seconds", "60");
      hub.subscribe(hub.admin, topic, callbacks.url("/lease/long"), "hub.lease_seconds", "7200");
      hub.awaitActive(topic, shortLived);
      hub.awaitActive(topic, callbacks.url("/lease/long"));
      assertEquals(2.0, hub.server.metrics().find("feedmesh.hub.subscribers").gauge().value());

      clock.advance(Duration.ofSeconds(61));
      hub.publish("leased", "a");
      Await.until(
          "the long lease receives it", () -> callbacks.acknowledged("/lease/long").size() == 1);
      Await.until(
          "the sweeper purges the expired one",
          () -> hub.subscription(topic, shortLived).isEmpty());
      assertTrue(callbacks.posts("/lease/short").isEmpty());
      assertEquals(1.0, hub.server.metrics().find("feedmesh.hub.subscribers").gauge().value());
    }
  }

  @Test
  void resubscribingBeforeTheLeaseEndsExtendsIt() throws IOException {
    MutableClock clock = new MutableClock();
    try (HubTestServer hub = new HubTestServer(data, HubTestServer.quick(), clock);
        CallbackServer callbacks = new CallbackServer()) {
      hub.namespace("renewed");
      String topic = hub.topic("renewed");
      String callback = callbacks.url("/lease/renewed");
      hub.subscribe(hub.admin, topic, callback, "hub.lease_seconds", "60");
      String firstExpiry = hub.awaitActive(topic, callback).get("expiresAt").asText();
      clock.advance(Duration.ofSeconds(50));
      hub.subscribe(hub.admin, topic, callback, "hub.lease_seconds", "60");
      Await.until(
          "the lease is renewed",
          () ->
              !hub.subscription(topic, callback)
                  .orElseThrow()
                  .get("expiresAt")
                  .asText()
                  .equals(firstExpiry));
      clock.advance(Duration.ofSeconds(20)); // past the first lease, inside the renewed one
      hub.publish("renewed", "a");
      Await.until(
          "the renewed subscription receives it",
          () -> callbacks.acknowledged("/lease/renewed").size() == 1);
    }
  }
}
