package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConflictTest {
  @TempDir Path tmp;

  @Test
  void aConcurrentEditLeavesAConflictCopyOnBothSidesAndLosesNothing() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      cluster.start("alice");
      Agent b = cluster.start("bob");
      Path fa = cluster.folder("alice");
      Path fb = cluster.folder("bob");
      Files.writeString(fa.resolve("plan.txt"), "original");
      cluster.awaitConverged("alice", "bob");

      cluster.stop(b);
      Files.writeString(fa.resolve("plan.txt"), "alice's edit");
      Cluster.await("alice's edit to be published", () -> journalHas(cluster, "plan.txt", "alice"));
      Files.writeString(fb.resolve("plan.txt"), "bob's edit, made offline");
      cluster.start("bob");

      Map<String, String> both = cluster.awaitConvergedWith("alice", "bob", 2);
      Set<String> contents = new HashSet<>();
      for (String p : both.keySet()) {
        contents.add(Files.readString(fa.resolve(p)));
      }
      assertEquals(Set.of("alice's edit", "bob's edit, made offline"), contents,
          "both edits survive, one at plan.txt and one in a conflict copy: " + both.keySet());
      assertTrue(both.keySet().stream().anyMatch(p -> p.matches("plan\\.sync-conflict-\\d{8}-\\d{6}-(alice|bob)\\.txt")),
          "a conflict copy is named after the losing version: " + both.keySet());
    }
  }

  @Test
  void deletingTheConflictCopyResolvesTheConflict() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      cluster.start("alice");
      Agent b = cluster.start("bob");
      Path fa = cluster.folder("alice");
      Path fb = cluster.folder("bob");
      Files.writeString(fa.resolve("x.txt"), "0");
      cluster.awaitConverged("alice", "bob");
      cluster.stop(b);
      Files.writeString(fa.resolve("x.txt"), "a");
      Cluster.await("alice's edit to be published", () -> journalHas(cluster, "x.txt", "alice"));
      Files.writeString(fb.resolve("x.txt"), "b");
      cluster.start("bob");
      Map<String, String> both = cluster.awaitConvergedWith("alice", "bob", 2);
      String copy = both.keySet().stream().filter(p -> p.contains("sync-conflict")).findFirst().orElseThrow();

      Files.delete(fa.resolve(copy));
      cluster.awaitConvergedWith("alice", "bob", 1);
      Cluster.await("the item's conflicts to be resolved on the server", () -> {
        var item = cluster.server.journal().current(Cluster.NS,
            org.feedmesh.feedsync.fm.FileMeta.itemId(Cluster.NS, "x.txt"));
        return item.isPresent() && item.get().conflicts().isEmpty();
      });
    }
  }

  /** Whether the server's current version of {@code path} was written by {@code by}. */
  static boolean journalHas(Cluster cluster, String path, String by) {
    var item = cluster.server.journal().current(Cluster.NS,
        org.feedmesh.feedsync.fm.FileMeta.itemId(Cluster.NS, path));
    return item.isPresent() && item.get().updates() > 1 && by.equals(item.get().topmost().by());
  }
}
