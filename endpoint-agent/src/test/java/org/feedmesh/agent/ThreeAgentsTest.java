package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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

  /** Three endpoints editing one file apart: every edit survives on every endpoint. */
  @Test
  void threeConcurrentEditsOfOneFileAllSurviveEverywhere() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob", "carol")) {
      cluster.start("alice");
      Agent b = cluster.start("bob");
      Agent c = cluster.start("carol");
      Files.writeString(cluster.folder("alice").resolve("plan.txt"), "the plan");
      cluster.awaitConverged("alice", "bob", "carol");
      cluster.stop(b);
      cluster.stop(c);
      Files.writeString(cluster.folder("alice").resolve("plan.txt"), "alice's plan");
      Files.writeString(cluster.folder("bob").resolve("plan.txt"), "bob's plan");
      Files.writeString(cluster.folder("carol").resolve("plan.txt"), "carol's plan");
      cluster.start("bob");
      cluster.start("carol");

      Cluster.await("three paths everywhere", () -> {
        try {
          for (String e : List.of("alice", "bob", "carol")) {
            if (Cluster.snapshot(cluster.folder(e)).size() != 3) {
              return false;
            }
          }
          return true;
        } catch (IOException | java.io.UncheckedIOException e) {
          return false;
        }
      });
      Map<String, String> all = cluster.awaitConverged("alice", "bob", "carol");
      Set<String> contents = new HashSet<>();
      for (String p : all.keySet()) {
        contents.add(Files.readString(cluster.folder("carol").resolve(p)));
      }
      assertEquals(Set.of("alice's plan", "bob's plan", "carol's plan"), contents, all.keySet().toString());
    }
  }
}
