package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.feedmesh.feedsync.fm.FileMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A holder whose copy went bad on disk is caught: the corrupted block is never used, the file is
 * not put in place half-right, and once a good holder is back the block comes from it.
 */
class CorruptPeerTest {
  @TempDir Path tmp;

  @Test
  void aCorruptedBlockIsNeverUsedAndIsTakenFromAGoodPeerInstead() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob", "carol")) {
      Agent alice = cluster.start("alice");
      Agent carol = cluster.start("carol");
      byte[] data = TwoAgentsSyncTest.random(600_000, 11);
      Files.write(cluster.folder("alice").resolve("shared.bin"), data);
      cluster.awaitConverged("alice", "carol");

      Path carolsCopy = cluster.folder("carol").resolve("shared.bin");
      FileTime mtime = Files.getLastModifiedTime(carolsCopy);
      // a file touched within the last second is always re-hashed (it might have changed within the
      // same mtime tick); silent bit rot happens to files at rest, so let this one come to rest
      Cluster.await("carol's copy to be older than the scanner's racy window",
          () -> java.time.Duration.between(mtime.toInstant(), java.time.Instant.now()).toMillis() > 2500);
      carol.rescanNow(); // hashed once more at rest, it is no longer watched as racy
      try (RandomAccessFile f = new RandomAccessFile(carolsCopy.toFile(), "rw")) {
        f.seek(300_000);
        f.write(new byte[64]); // bit rot: same size, same mtime, wrong bytes
      }
      Files.setLastModifiedTime(carolsCopy, mtime);
      cluster.stop(alice);

      cluster.start("bob");
      Path bobs = cluster.folder("bob").resolve("shared.bin");
      String id = FileMeta.itemId(Cluster.NS, "shared.bin");
      Cluster.await("bob to report shared.bin as failed while only carol's bad copy is reachable",
          () -> cluster.server.status().itemStatus(Cluster.NS, id).stream()
              .anyMatch(e -> e.endpoint().equals("bob") && e.result().json().equals("failed")));
      assertFalse(Files.exists(bobs), "no half-right file at the final path");

      cluster.start("alice");
      Cluster.await("bob to complete shared.bin from alice", () -> Files.exists(bobs));
      assertArrayEquals(data, Files.readAllBytes(bobs));
    }
  }
}
