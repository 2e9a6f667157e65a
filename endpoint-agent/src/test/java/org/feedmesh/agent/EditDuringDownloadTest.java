package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.feedmesh.agent.blocks.ChunkerParams;
import org.feedmesh.feedsync.fm.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file edited here while another endpoint's version of it is still downloading is not replaced
 * by that version: the local edit is published and merged first, so both survive (one at the
 * path, one as a conflict copy) instead of the local one vanishing into the versions folder.
 */
class EditDuringDownloadTest {
  @TempDir Path tmp;

  @Test
  void anEditMadeWhileTheOtherVersionDownloadsIsNotOverwritten() throws Exception {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      try (ThrottledProxy slow = ThrottledProxy.toFreePort(1024L * 1024)) {
        cluster.start(cluster.behind("alice", slow));
        cluster.start(cluster.config("bob").withChunker(ChunkerParams.DEFAULT));
        Path fa = cluster.folder("alice");
        Path fb = cluster.folder("bob");
        Files.writeString(fa.resolve("plan.bin"), "the first version");
        cluster.awaitConverged("alice", "bob");

        byte[] alices = TwoAgentsSyncTest.random(8 * 1024 * 1024, 31); // 8 s through the proxy
        Files.write(fa.resolve("plan.bin"), alices);
        Cluster.await("bob to be downloading alice's version", () -> downloading(fb));
        Files.writeString(fb.resolve("plan.bin"), "bob's edit, made while it downloaded");
        slow.unthrottle();

        Map<String, String> both = cluster.awaitConvergedWith("alice", "bob", 2);
        Set<String> contents = new HashSet<>(both.values());
        assertEquals(Set.of(Sha256.hex(alices), Sha256.hex("bob's edit, made while it downloaded".getBytes())),
            contents, "both versions survive: " + both.keySet());
      }
    }
  }

  /** Whether a temporary file has some bytes in {@code folder}. */
  private static boolean downloading(Path folder) {
    try (Stream<Path> s = Files.list(folder)) {
      return s.anyMatch(p -> {
        try {
          return p.getFileName().toString().startsWith(".feedmesh-tmp-") && Files.size(p) > 0;
        } catch (IOException e) {
          return false;
        }
      });
    } catch (IOException e) {
      return false;
    }
  }
}
