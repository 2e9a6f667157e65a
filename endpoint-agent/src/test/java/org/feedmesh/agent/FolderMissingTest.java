package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.feedmesh.agent.scan.FolderMissingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder whose drive is not mounted looks empty. The agent must not take that for every file
 * deleted (and delete them on every other endpoint), nor fill the empty mount point.
 */
class FolderMissingTest {
  @TempDir Path tmp;

  @Test
  void anUnmountedFolderIsNeitherScannedAsEmptyNorWrittenIntoAndSyncResumesWhenItIsBack() throws Exception {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Path fa = cluster.folder("alice");
      Path fb = cluster.folder("bob");
      AgentConfig bobs = cluster.config("bob").withStateDir(tmp.resolve("bob-state")); // not on the drive
      cluster.start("alice");
      Agent bob = cluster.start(bobs);
      Files.writeString(fa.resolve("a.txt"), "a");
      Files.writeString(fa.resolve("b.txt"), "b");
      cluster.awaitConvergedWith("alice", "bob", 2);

      Path away = Files.move(fb, tmp.resolve("bob-unmounted")); // the drive goes away...
      Files.createDirectories(fb); // ...leaving its empty mount point
      long before = cluster.server.journal().lastCursor(Cluster.NS);
      IOException refused = assertThrows(IOException.class, bob::rescanNow);
      assertTrue(refused.getMessage().contains("unmounted"), refused.getMessage());
      Files.writeString(fa.resolve("c.txt"), "c, written meanwhile");
      Cluster.await("c.txt to be published", () -> cluster.server.journal().lastCursor(Cluster.NS) > before);
      Thread.sleep(1_500); // time enough for bob to (wrongly) apply it
      assertEquals(before + 1, cluster.server.journal().lastCursor(Cluster.NS), "bob published no delete");
      try (var s = Files.list(fb)) {
        assertEquals(0, s.count(), "nothing is written into the empty mount point");
      }

      Files.delete(fb);
      Files.move(away, fb); // mounted again
      Map<String, String> both = cluster.awaitConvergedWith("alice", "bob", 3);
      assertEquals(Set.of("a.txt", "b.txt", "c.txt"), both.keySet());
    }
  }

  @Test
  void anAgentDoesNotStartOnAFolderThatLostItsMarker() throws Exception {
    try (Cluster cluster = new Cluster(tmp, "bob")) {
      Path fb = cluster.folder("bob");
      AgentConfig bobs = cluster.config("bob").withStateDir(tmp.resolve("bob-state"));
      Agent bob = cluster.start(bobs);
      Files.writeString(fb.resolve("a.txt"), "a");
      Cluster.await("a.txt to be published", () -> cluster.server.journal().lastCursor(Cluster.NS) > 0);
      cluster.stop(bob);

      Files.move(fb, tmp.resolve("bob-unmounted"));
      Files.createDirectories(fb);
      FolderMissingException e = assertThrows(FolderMissingException.class, () -> cluster.start(bobs));
      assertTrue(e.getMessage().contains(fb.toString()), e.getMessage());
      assertFalse(Files.exists(fb.resolve(".feedmesh")), "the marker is not made for a folder synced before");
      assertEquals(1, cluster.server.journal().lastCursor(Cluster.NS), "nothing published");
    }
  }
}
