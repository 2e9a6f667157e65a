package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An edited {@code .feedmeshignore} takes effect at once, on every endpoint it reaches. */
class IgnoreChangeTest {
  @TempDir Path tmp;

  @Test
  void aChangedIgnoreFileIsFollowedWithoutARestartOnBothEndpoints() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Agent alice = cluster.start("alice");
      Agent bob = cluster.start("bob");
      Path fa = cluster.folder("alice");
      Path fb = cluster.folder("bob");

      Files.writeString(fa.resolve(".feedmeshignore"), "*.log\n");
      Cluster.await("both agents to follow the new rules", () ->
          alice.ignoreRules().patternCount() == 1 && bob.ignoreRules().patternCount() == 1);
      Files.writeString(fa.resolve("app.log"), "alice's log");
      Files.writeString(fa.resolve("a.txt"), "a");
      Files.writeString(fb.resolve("debug.log"), "bob's log");
      Files.writeString(fb.resolve("b.txt"), "b");
      Cluster.await("a.txt and b.txt to cross", () ->
          Files.exists(fb.resolve("a.txt")) && Files.exists(fa.resolve("b.txt")));
      assertFalse(Files.exists(fb.resolve("app.log")), "ignored: alice's log stays with alice");
      assertFalse(Files.exists(fa.resolve("debug.log")), "ignored: bob's log stays with bob");

      Files.delete(fa.resolve(".feedmeshignore"));
      Map<String, String> both = cluster.awaitConvergedWith("alice", "bob", 4);
      assertEquals(Set.of("a.txt", "b.txt", "app.log", "debug.log"), both.keySet());
      assertEquals("alice's log", Files.readString(fb.resolve("app.log")));
      assertEquals("bob's log", Files.readString(fa.resolve("debug.log")));
    }
  }

  @Test
  void versionsRecordedWhileIgnoredArriveOnceThePathIsNoLongerIgnoredAndLoseNothing() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Path fa = cluster.folder("alice");
      Path fb = Files.createDirectories(cluster.folder("bob"));
      // The file ignores itself, so these rules are bob's alone, as in Syncthing.
      Files.writeString(fb.resolve(".feedmeshignore"), "/.feedmeshignore\n*.log\n");
      Files.writeString(fb.resolve("server.log"), "bob's server log");
      Files.writeString(fb.resolve("same.log"), "the same on both");
      cluster.start("alice");
      Agent bob = cluster.start("bob");
      Files.writeString(fa.resolve("app.log"), "alice's app log");
      Files.writeString(fa.resolve("server.log"), "alice's server log");
      Files.writeString(fa.resolve("same.log"), "the same on both");
      Files.writeString(fa.resolve("readme.txt"), "read me");
      Cluster.await("readme.txt to reach bob", () -> Files.exists(fb.resolve("readme.txt")));
      long last = cluster.server.journal().lastCursor(Cluster.NS);
      Cluster.await("bob to record alice's logs", () -> bob.cursor() >= last);
      assertFalse(Files.exists(fb.resolve("app.log")), "ignored here: recorded, not written");
      assertEquals("bob's server log", Files.readString(fb.resolve("server.log")));
      assertFalse(Files.exists(fa.resolve(".feedmeshignore")), "bob's rules stay bob's");

      Files.writeString(fb.resolve(".feedmeshignore"), "/.feedmeshignore\n");
      Map<String, String> synced = awaitSameExceptIgnoreFile(cluster, 5);
      assertEquals("alice's app log", Files.readString(fb.resolve("app.log")));
      assertEquals("the same on both", Files.readString(fb.resolve("same.log")),
          "the same content on both sides is no conflict");
      Set<String> serverLogs = new TreeSet<>();
      for (String p : synced.keySet()) {
        if (p.startsWith("server.")) {
          serverLogs.add(Files.readString(fb.resolve(p)));
        }
      }
      assertEquals(Set.of("alice's server log", "bob's server log"), serverLogs,
          "both server.log files survive, one as a conflict copy: " + synced.keySet());
    }
  }

  /** Waits until both folders, bob's own {@code .feedmeshignore} aside, hold the same {@code n} paths. */
  private static Map<String, String> awaitSameExceptIgnoreFile(Cluster cluster, int n) {
    Map<String, String>[] last = new Map[1];
    try {
      Cluster.await("alice and bob to hold the same " + n + " paths", () -> {
        try {
          Map<String, String> a = Cluster.snapshot(cluster.folder("alice"));
          Map<String, String> b = new TreeMap<>(Cluster.snapshot(cluster.folder("bob")));
          b.remove(".feedmeshignore");
          last[0] = b;
          return a.size() == n && a.equals(b);
        } catch (IOException | UncheckedIOException e) {
          return false;
        }
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; bob holds " + (last[0] == null ? null : last[0].keySet()), e);
    }
    return last[0];
  }
}
