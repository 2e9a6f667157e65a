package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.feedmesh.feedsync.fm.FileMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent process killed with SIGKILL while it renames a directory of files that was renamed
 * elsewhere loses nothing: after a restart both folders agree, every file whole, and no item is
 * left in conflict.
 */
class KillDuringRenameTest {
  static final int FILES = 300;

  @TempDir Path tmp;

  @Test
  void aKillInTheMiddleOfRenamesLosesNothingAndLeavesNoConflict() throws Exception {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      cluster.start("alice");
      Path fa = cluster.folder("alice");
      Path fb = cluster.folder("bob");
      Files.createDirectories(fa.resolve("album"));
      for (int i = 0; i < FILES; i++) {
        Files.writeString(fa.resolve("album/photo-" + i + ".txt"), "photo " + i + " ".repeat(i % 97));
      }
      Process first = cluster.startProcess("bob", tmp.resolve("bob-1.log"));
      Map<String, String> before;
      try {
        before = cluster.awaitConvergedWith("alice", "bob", FILES + 1);
        Files.move(fa.resolve("album"), fa.resolve("album-2026"));
        Cluster.await("bob to start renaming", () -> {
          try {
            return count(fb.resolve("album-2026")) > 0;
          } catch (IOException e) {
            return false; // not made yet
          }
        });
        first.destroyForcibly().waitFor(); // kill -9, most likely between renames
        System.out.printf("bob was killed with %d of %d files at their new path%n",
            count(fb.resolve("album-2026")), FILES);
      } finally {
        first.destroyForcibly();
      }

      Process second = cluster.startProcess("bob", tmp.resolve("bob-2.log"));
      try {
        Map<String, String> after = cluster.awaitConvergedWith("alice", "bob", FILES + 1);
        Map<String, String> expected = new TreeMap<>();
        before.forEach((p, h) -> expected.put(p.replaceFirst("^album", "album-2026"), h));
        assertEquals(expected, after, "every file arrived whole under its new name");
        List<String> paths = new ArrayList<>(after.keySet());
        paths.addAll(before.keySet());
        Cluster.await("no item to be left in conflict", () -> paths.stream().allMatch(p ->
            cluster.server.journal().current(Cluster.NS, FileMeta.itemId(Cluster.NS, p))
                .map(i -> i.conflicts().isEmpty()).orElse(false)));
      } finally {
        second.destroyForcibly().waitFor();
      }
    }
  }

  private static long count(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }
}
