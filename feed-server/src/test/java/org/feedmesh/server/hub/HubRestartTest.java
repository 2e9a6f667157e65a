package org.feedmesh.server.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.xml.FeedXml;
import org.feedmesh.server.hub.CallbackServer.Received;
import org.feedmesh.server.hub.HubTestServer.Published;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a subscriber is owed lives in H2 (its cursor) and in the journal, so restarts lose none. */
class HubRestartTest {
  @TempDir Path data;

  @Test
  void aRestartedServerDeliversWhatWasStillOwedFromTheStoredCursor() throws Exception {
    try (CallbackServer callbacks = new CallbackServer()) {
      String callback = callbacks.url("/restart/cb");
      String topic;
      List<String> owed;
      callbacks.failAll("/restart/cb", 503);
      try (HubTestServer first = new HubTestServer(data)) {
        first.namespace("durable");
        topic = first.topic("durable");
        first.subscribe(first.admin, topic, callback, "hub.secret", "kept");
        first.awaitActive(topic, callback);
        Published a = first.publish("durable", "a", "b");
        Await.until("a failed attempt", () -> !callbacks.posts("/restart/cb").isEmpty());
        Published b = first.publish("durable", "c");
        owed = List.of(a, b).stream().flatMap(p -> p.ids().stream()).toList();
      }
      assertTrue(callbacks.acknowledged("/restart/cb").isEmpty());
      callbacks.recover("/restart/cb");

      try (HubTestServer second = new HubTestServer(data)) {
        Await.until(
            "the owed entries arrive after the restart",
            () -> !callbacks.acknowledged("/restart/cb").isEmpty());
        Received post = callbacks.acknowledged("/restart/cb").get(0);
        assertEquals(owed, FeedXml.read(post.body()).items().stream().map(Item::id).toList());
        assertEquals(
            List.of(SignatureAlgorithm.SHA256.sign("kept", post.body())),
            post.header("X-Hub-Signature"));
        assertEquals(
            List.of("<" + topic + ">; rel=\"self\""),
            post.header("Link").stream().filter(l -> l.endsWith("rel=\"self\"")).toList());
        Await.until(
            "the cursor is stored",
            () ->
                second.subscription(topic, callback).orElseThrow().get("deliveredCursor").asLong()
                    == 3);

        Published later = second.publish("durable", "d");
        Await.until(
            "news after the restart arrive too",
            () -> callbacks.acknowledged("/restart/cb").size() == 2);
        assertEquals(
            later.ids().get(0),
            FeedXml.read(callbacks.acknowledged("/restart/cb").get(1).body()).items().get(0).id());
      }
    }
  }
}
