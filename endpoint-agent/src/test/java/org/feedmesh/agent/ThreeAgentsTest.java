package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.feedmesh.agent.blocks.ChunkerParams;
import org.feedmesh.feedsync.fm.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreeAgentsTest {
  static final int BIG = 64 * 1024 * 1024;

  @TempDir Path tmp;

  @Test
  void threeAgentsConvergeAndA64MiBFileMovesPeerToPeerNotThroughTheServer() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob", "carol")) {
      Agent a = cluster.start(cluster.config("alice").withChunker(ChunkerParams.DEFAULT));
      Agent b = cluster.start(cluster.config("bob").withChunker(ChunkerParams.DEFAULT));
      Agent c = cluster.start(cluster.config("carol").withChunker(ChunkerParams.DEFAULT));
      Files.writeString(cluster.folder("carol").resolve("from carol.txt"), "carol");
      Files.createDirectories(cluster.folder("bob").resolve("bob's dir/sub"));
      cluster.awaitConverged("alice", "bob", "carol");

      long sentBefore = cluster.server.bytesSent();
      byte[] content = new byte[BIG];
      new Random(64).nextBytes(content);
      try (OutputStream o = Files.newOutputStream(cluster.folder("alice").resolve("video.bin"))) {
        o.write(content);
      }
      Map<String, String> all = cluster.awaitConverged("alice", "bob", "carol");
      assertEquals(Sha256.hex(content), all.get("video.bin"));
      long serverSent = cluster.server.bytesSent() - sentBefore;

      assertTrue(serverSent < BIG / 50,
          "the server sent " + serverSent + " bytes while a " + BIG + "-byte file reached two endpoints");
      long fromPeers = 0;
      for (Agent x : new Agent[] {b, c}) {
        Map<String, Long> t = x.transfers().totals();
        fromPeers += t.entrySet().stream().filter(e -> !e.getKey().equals("local"))
            .mapToLong(Map.Entry::getValue).sum();
      }
      assertTrue(fromPeers >= 2L * BIG, "bob and carol took the file from peers: " + fromPeers);

      Files.delete(cluster.folder("carol").resolve("from carol.txt"));
      Files.writeString(cluster.folder("bob").resolve("bob's dir/sub/new.txt"), "new");
      Map<String, String> after = cluster.awaitConverged("alice", "bob", "carol");
      assertTrue(after.containsKey("bob's dir/sub/new.txt") && !after.containsKey("from carol.txt"), after.toString());
      assertTrue(a.cursor() > 0);
    }
  }
}
