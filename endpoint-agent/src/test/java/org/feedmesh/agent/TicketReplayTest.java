package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.feedmesh.feedsync.fm.FileMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ticket one peer was shown cannot be used at another: every ticket names the peer it is for,
 * and a peer port accepts only its own.
 */
class TicketReplayTest {
  private static final OkHttpClient HTTP = new OkHttpClient();

  @TempDir Path tmp;

  @Test
  void aTicketIssuedForOnePeerIsRefusedByAnotherAndAcceptedByItsOwn() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob", "carol")) {
      cluster.start("alice");
      Agent carol = cluster.start("carol");
      Files.writeString(cluster.folder("alice").resolve("secret.txt"), "only for readers");
      cluster.awaitConverged("alice", "carol");
      String hash = cluster.server.journal().current(Cluster.NS, FileMeta.itemId(Cluster.NS, "secret.txt"))
          .orElseThrow().payload().file().blocks().get(0).hash();

      String bobsTicketForAlice = ticket(cluster, "bob", "alice");
      String bobsTicketForCarol = ticket(cluster, "bob", "carol");

      assertEquals(401, get(carol, hash, bobsTicketForAlice), "alice could replay bob's ticket at carol");
      assertEquals(200, get(carol, hash, bobsTicketForCarol));
    }
  }

  private static String ticket(Cluster cluster, String as, String audience) throws IOException {
    Request r = new Request.Builder()
        .url(cluster.server.baseUri().resolve("endpoints/self/ticket?audience=" + audience).toString())
        .header("Authorization", "Bearer " + cluster.tokens.get(as))
        .post(RequestBody.create(new byte[0])).build();
    try (Response resp = HTTP.newCall(r).execute()) {
      assertEquals(200, resp.code());
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(resp.body().string()).path("ticket").asText();
    }
  }

  private static int get(Agent peer, String hash, String ticket) throws IOException {
    Request r = new Request.Builder().url(peer.peerUri().resolve("blocks/" + hash).toString())
        .header("Authorization", "Bearer " + ticket).build();
    try (Response resp = HTTP.newCall(r).execute()) {
      return resp.code();
    }
  }
}
