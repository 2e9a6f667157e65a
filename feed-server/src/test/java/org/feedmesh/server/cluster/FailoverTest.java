package org.feedmesh.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.feedmesh.platform.cluster.ClusterHeaders;
import org.feedmesh.platform.cluster.FailoverInterceptor;
import org.feedmesh.platform.cluster.ServerSet;
import org.feedmesh.platform.db.Database;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.accounts.AdminToken;
import org.feedmesh.server.journal.ItemCodec;
import org.feedmesh.server.journal.Journal;
import org.feedmesh.server.journal.JournalEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary and a standby as real server processes: kill -9 of the primary, its return as standby,
 * and a partition that must not leave two approvers.
 */
class FailoverTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<String> FAST =
      List.of("--lease-millis", "900", "--probe-timeout-millis", "300");

  @TempDir Path dir;

  private static OkHttpClient client(ServerSet servers) {
    return new OkHttpClient.Builder()
        .addInterceptor(new FailoverInterceptor(servers, Duration.ofSeconds(20)))
        .connectTimeout(Duration.ofMillis(300))
        .readTimeout(Duration.ofSeconds(5))
        .retryOnConnectionFailure(false)
        .build();
  }

  private static Request publishRequest(String base, String token, String itemId) {
    byte[] feed =
        FeedXml.toBytes(
            new SyncFeed(
                FeedHead.of("urn:test", "test", T),
                List.of(Item.create(itemId, Caller_ADMIN, T, Payload.EMPTY))),
            FeedFormat.ATOM);
    return new Request.Builder()
        .url(base + "feeds/docs")
        .header("Authorization", "Bearer " + token)
        .post(RequestBody.create(feed, MediaType.get(FeedFormat.ATOM.mediaType())))
        .build();
  }

  private static final String Caller_ADMIN = "admin";

  /** Publishes one new item; returns its cursor. */
  private static long publish(OkHttpClient client, String base, String token, String itemId)
      throws IOException {
    try (Response r = client.newCall(publishRequest(base, token, itemId)).execute()) {
      String body = r.body().string();
      assertEquals(200, r.code(), body);
      return Long.parseLong(r.header("X-FeedMesh-Cursor"));
    }
  }

  private static void createNamespace(String base, String token) throws IOException {
    Request req =
        new Request.Builder()
            .url(base + "admin/namespaces")
            .header("Authorization", "Bearer " + token)
            .post(RequestBody.create("{\"name\":\"docs\"}".getBytes(StandardCharsets.UTF_8),
                MediaType.get("application/json")))
            .build();
    try (Response r = new OkHttpClient().newCall(req).execute()) {
      assertEquals(201, r.code(), r.body().string());
    }
  }

  private static Map<String, Long> cursors(Path data) throws IOException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Database db = Database.open(data, FeedServer.DATABASE_NAME)) {
      Journal journal = new Journal(db, new ItemCodec(), Clock.systemUTC());
      for (JournalEntry e : journal.changes("docs", 0, Long.MAX_VALUE, 100_000)) {
        out.put(e.item().id(), e.cursor());
      }
    }
    return out;
  }

  private ForkedNode primary(Path data, int port, List<String> extra) {
    List<String> args = new ArrayList<>(FAST);
    args.addAll(extra);
    return new ForkedNode(port, data, dir.resolve("primary.log"), args);
  }

  private ForkedNode standby(Path data, int port, String primaryUrl, String token, List<String> extra) {
    List<String> args = new ArrayList<>(FAST);
    args.addAll(List.of("--standby-of", primaryUrl, "--primary-token", token));
    args.addAll(extra);
    return new ForkedNode(port, data, dir.resolve("standby.log"), args);
  }

  private static boolean inSync(JsonNode cluster) {
    return cluster.path("peerState").asText().equals("in-sync");
  }

  @Test
  void killingThePrimaryMovesApprovalToTheStandbyAndLosesNoAcknowledgedUpdate() throws Exception {
    int pPort = ForkedNode.freePort();
    int sPort = ForkedNode.freePort();
    try (ForkedNode p = primary(dir.resolve("p"), pPort, List.of()).start()) {
      String token = AdminToken.read(p.data().resolve(AdminToken.FILE_NAME));
      createNamespace(p.url(), token);
      try (ForkedNode s = standby(dir.resolve("s"), sPort, p.url(), token, List.of()).start()) {
        p.awaitHealth(FailoverTest::inSync, 60);
        s.awaitHealth(FailoverTest::inSync, 60);

        ServerSet servers = ServerSet.parse(p.url() + "," + s.url());
        OkHttpClient client = client(servers);
        Map<String, Long> acked = new LinkedHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        int i = 0;
        for (; i < 15; i++) {
          acked.put("before" + i, publish(client, p.url(), token, "before" + i));
        }
        assertEquals(1, servers.epoch());
        p.kill();
        killed.set(true);
        // The next publish must fail over within the interceptor's bounded failover time.
        for (int j = 0; j < 15; j++) {
          acked.put("after" + j, publish(client, p.url(), token, "after" + j));
        }
        assertEquals(2, servers.epoch(), "the standby approves with the next epoch");
        JsonNode sCluster = s.awaitHealth(c -> c.path("role").asText().equals("primary"), 30);
        assertEquals(2, sCluster.path("epoch").asLong());

        // The old primary comes back with its old command line: it learns of epoch 2, copies the
        // new primary and follows it.
        p.start();
        p.awaitHealth(
            c -> c.path("role").asText().equals("standby") && c.path("epoch").asLong() == 2
                && inSync(c), 60);
        s.awaitHealth(FailoverTest::inSync, 60);
        for (int j = 0; j < 5; j++) {
          acked.put("rejoined" + j, publish(client, p.url(), token, "rejoined" + j));
        }
        p.awaitHealth(c -> c.path("lag").asLong() == 0, 30);
        s.kill();
        p.kill();

        Map<String, Long> onS = cursors(s.data());
        Map<String, Long> onP = cursors(p.data());
        for (Map.Entry<String, Long> e : acked.entrySet()) {
          assertEquals(e.getValue(), onS.get(e.getKey()), "cursor of " + e.getKey() + " on the new primary");
        }
        assertEquals(onS, onP, "the old primary converged on the new one");
      }
    }
  }

  @Test
  void aPartitionedPrimaryStopsApprovingBeforeTheStandbyTakesOver() throws Exception {
    int pPort = ForkedNode.freePort();
    int sPort = ForkedNode.freePort();
    try (TcpProxy toP = new TcpProxy(pPort);
        TcpProxy toS = new TcpProxy(sPort);
        ForkedNode p =
            primary(dir.resolve("p"), pPort, List.of("--public-url", toP.url())).start()) {
      String token = AdminToken.read(p.data().resolve(AdminToken.FILE_NAME));
      createNamespace(p.url(), token);
      try (ForkedNode s =
          standby(dir.resolve("s"), sPort, toP.url(), token, List.of("--public-url", toS.url()))
              .start()) {
        p.awaitHealth(FailoverTest::inSync, 60);
        s.awaitHealth(FailoverTest::inSync, 60);
        ServerSet servers = ServerSet.parse(toP.url() + "," + s.url());
        OkHttpClient client = client(servers);
        publish(client, toP.url(), token, "before");

        OkHttpClient direct =
            new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
        List<long[]> probes = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean probing = new AtomicBoolean(true);
        Thread prober = // writes to the primary directly, past the partition, all along
            new Thread(
                () -> {
                  for (int n = 0; probing.get(); n++) {
                    long sent = System.nanoTime();
                    try (Response r =
                        direct.newCall(publishRequest(p.url(), token, "direct" + n)).execute()) {
                      probes.add(new long[] {sent, r.code()});
                    } catch (IOException e) {
                      probes.add(new long[] {sent, -1});
                    }
                  }
                });
        toP.cut();
        toS.cut();
        prober.start();
        publish(client, toP.url(), token, "through-the-standby");
        long firstApprovedByS = System.nanoTime();
        assertEquals(2, servers.epoch(), "the standby took over");
        int before = probes.size();
        while (probes.size() < before + 5) {
          Thread.sleep(20);
        }
        probing.set(false);
        prober.join();
        List<long[]> seen;
        synchronized (probes) {
          seen = new ArrayList<>(probes);
        }
        assertTrue(seen.stream().anyMatch(x -> x[1] == 503), "the primary refused once its lease ran out");
        for (long[] probe : seen) {
          if (probe[1] == 200) {
            assertTrue(probe[0] < firstApprovedByS,
                "the primary approved a write sent after the standby had taken over");
          }
        }
        try (Response r = direct.newCall(publishRequest(p.url(), token, "late")).execute()) {
          String body = r.body().string();
          assertEquals(503, r.code(), body);
          assertTrue(body.contains(toS.url()), "the refusal names the standby: " + body);
        }
        JsonNode pCluster = p.awaitHealth(c -> true, 5);
        assertFalse(pCluster.path("approving").asBoolean(), pCluster.toString());

        // Healed: the old primary learns of epoch 2 and becomes the new primary's standby.
        toP.heal();
        toS.heal();
        p.awaitHealth(
            c -> c.path("role").asText().equals("standby") && c.path("epoch").asLong() == 2, 60);
        try (Response r = direct.newCall(publishRequest(p.url(), token, "to-old")).execute()) {
          assertEquals(503, r.code());
          assertTrue(r.header(ClusterHeaders.PRIMARY) != null);
        }
      }
    }
  }
}
