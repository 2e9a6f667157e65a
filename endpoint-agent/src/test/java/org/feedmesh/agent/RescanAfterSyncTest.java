package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files an agent received are its own knowledge: rescanning them publishes nothing. */
class RescanAfterSyncTest {
  @TempDir Path tmp;

  @Test
  void aRescanOfReceivedFilesPublishesNothing() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Agent a = cluster.start("alice");
      Agent b = cluster.start("bob");
      for (int i = 0; i < 300; i++) {
        Path p = cluster.folder("alice").resolve("d" + (i % 7)).resolve("f" + i + ".bin");
        Files.createDirectories(p.getParent());
        Files.write(p, TwoAgentsSyncTest.random(2000 + i, i));
      }
      cluster.awaitConverged("alice", "bob");
      long cursor = cluster.server.journal().lastCursor(Cluster.NS);
      Cluster.await("both agents to have applied the journal", () -> a.cursor() == cursor && b.cursor() == cursor);

      b.rescanNow();
      a.rescanNow();

      assertEquals(cursor, cluster.server.journal().lastCursor(Cluster.NS),
          "a rescan after sync journals nothing new");
    }
  }
}
