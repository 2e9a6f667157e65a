package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConflictTest {
  @TempDir Path tmp;

  @Test
  void aConcurrentEditLeavesAConflictCopyOnBothSidesAndLosesNothing() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Path fa = cluster.folder("alice");
      Map<String, String> both = concurrentEdit(cluster, "plan.txt", "original", "alice's edit",
          "bob's edit, made offline");
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
  void aFileWithALongNameGetsAConflictCopyWhoseNameFitsTheDisk() throws IOException {
    String name = "l".repeat(240) + ".txt"; // with ".sync-conflict-…" appended it would not fit
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Path fa = cluster.folder("alice");
      Map<String, String> both = concurrentEdit(cluster, name, "original", "alice's edit", "bob's edit");
      Set<String> contents = new HashSet<>();
      for (String p : both.keySet()) {
        contents.add(Files.readString(fa.resolve(p)));
        assertTrue(p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 255, p);
      }
      assertEquals(Set.of("alice's edit", "bob's edit"), contents, "both edits survive");
    }
  }

  @Test
  void deletingTheConflictCopyResolvesTheConflict() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Path fa = cluster.folder("alice");
      Map<String, String> both = concurrentEdit(cluster, "x.txt", "0", "a", "b");
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

  /**
   * Bob knows of alice's edit but cannot fetch it (alice is away), and edits the file himself:
   * his edit must not replace hers as if he had seen it. Both survive, one as a conflict copy.
   */
  @Test
  void anEditMadeWhileTheOtherEndpointsVersionCouldNotBeFetchedYetIsAConflictNotAnOverwrite()
      throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      long last = bobKnowsOfAnEditHeCannotFetch(cluster, "plan.txt");
      Files.writeString(cluster.folder("bob").resolve("plan.txt"), "bob's edit");
      Cluster.await("bob's edit to be published", () -> cluster.server.journal().lastCursor(Cluster.NS) > last);

      cluster.start("alice");
      Map<String, String> both = cluster.awaitConvergedWith("alice", "bob", 2);
      assertEquals(Set.of("alice's edit", "bob's edit"), contents(cluster.folder("alice"), both.keySet()),
          "both edits survive: " + both.keySet());
    }
  }

  /** The same with a delete: bob deleting his old copy does not delete alice's newer one unseen. */
  @Test
  void aDeleteMadeWhileTheOtherEndpointsEditCouldNotBeFetchedYetLosesNothing() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      long last = bobKnowsOfAnEditHeCannotFetch(cluster, "plan.txt");
      Files.delete(cluster.folder("bob").resolve("plan.txt"));
      Cluster.await("bob's delete to be published", () -> cluster.server.journal().lastCursor(Cluster.NS) > last);

      cluster.start("alice");
      Map<String, String> both = cluster.awaitConvergedWith("alice", "bob", 1);
      assertEquals(Set.of("alice's edit"), contents(cluster.folder("bob"), both.keySet()),
          "alice's edit survives on both sides: " + both.keySet());
    }
  }

  /** Two endpoints making the same file apart is no conflict: there is nothing to choose between. */
  @Test
  void theSameContentMadeOnBothSidesApartLeavesNoConflictCopy() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      cluster.start("alice");
      Agent b = cluster.start("bob");
      Files.writeString(cluster.folder("alice").resolve("seed.txt"), "seed");
      cluster.awaitConverged("alice", "bob");
      cluster.stop(b);
      Files.writeString(cluster.folder("alice").resolve("notes.txt"), "the same notes");
      Files.writeString(cluster.folder("alice").resolve("seed.txt"), "the same edit");
      Cluster.await("alice's edit to be published", () -> cluster.journalHas("seed.txt", "alice"));
      Files.writeString(cluster.folder("bob").resolve("notes.txt"), "the same notes");
      Files.writeString(cluster.folder("bob").resolve("seed.txt"), "the same edit");
      long last = cluster.server.journal().lastCursor(Cluster.NS);
      cluster.start("bob");
      Cluster.await("bob's versions to be published", () -> cluster.server.journal().lastCursor(Cluster.NS) >= last + 2);
      Map<String, String> both = cluster.awaitConvergedWith("alice", "bob", 2);
      assertEquals(Set.of("notes.txt", "seed.txt"), both.keySet());
      Cluster.await("the items to carry no conflicts", () -> Stream.of("notes.txt", "seed.txt").allMatch(p ->
          cluster.server.journal().current(Cluster.NS, org.feedmesh.feedsync.fm.FileMeta.itemId(Cluster.NS, p))
              .map(i -> i.conflicts().isEmpty()).orElse(false)));
    }
  }

  /** Two endpoints deleting the same file apart agree: no conflict is left on the item. */
  @Test
  void theSameFileDeletedOnBothSidesApartLeavesNoConflict() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Path fa = cluster.folder("alice");
      cluster.start("alice");
      Agent b = cluster.start("bob");
      Files.writeString(fa.resolve("old.txt"), "old");
      Files.writeString(fa.resolve("keep.txt"), "keep");
      cluster.awaitConvergedWith("alice", "bob", 2);
      cluster.stop(b);
      Files.delete(fa.resolve("old.txt"));
      Cluster.await("alice's delete to be published", () -> cluster.journalDeleted("old.txt"));
      long last = cluster.server.journal().lastCursor(Cluster.NS);
      Files.delete(cluster.folder("bob").resolve("old.txt"));
      cluster.start("bob");
      Cluster.await("bob's delete to be published", () -> cluster.server.journal().lastCursor(Cluster.NS) > last);

      cluster.awaitConvergedWith("alice", "bob", 1);
      Cluster.await("old.txt to carry no conflict", () -> cluster.server.journal()
          .current(Cluster.NS, org.feedmesh.feedsync.fm.FileMeta.itemId(Cluster.NS, "old.txt"))
          .map(i -> i.isDeleted() && i.conflicts().isEmpty()).orElse(false));
    }
  }

  /** The same for a directory both endpoints made apart. */
  @Test
  void theSameDirectoryMadeOnBothSidesApartLeavesNoConflict() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Path fa = cluster.folder("alice");
      cluster.start("alice");
      Agent b = cluster.start("bob");
      Files.writeString(fa.resolve("keep.txt"), "keep");
      cluster.awaitConvergedWith("alice", "bob", 1);
      cluster.stop(b);
      Files.createDirectories(fa.resolve("photos"));
      Cluster.await("alice's directory to be published", () -> cluster.server.journal()
          .current(Cluster.NS, org.feedmesh.feedsync.fm.FileMeta.itemId(Cluster.NS, "photos")).isPresent());
      long last = cluster.server.journal().lastCursor(Cluster.NS);
      Files.createDirectories(cluster.folder("bob").resolve("photos"));
      cluster.start("bob");
      Cluster.await("bob's directory to be published", () -> cluster.server.journal().lastCursor(Cluster.NS) > last);

      cluster.awaitConvergedWith("alice", "bob", 2);
      Cluster.await("photos to carry no conflict", () -> cluster.server.journal()
          .current(Cluster.NS, org.feedmesh.feedsync.fm.FileMeta.itemId(Cluster.NS, "photos"))
          .map(i -> i.conflicts().isEmpty()).orElse(false));
    }
  }

  /**
   * Alice deletes a directory while bob, away, adds a file to it: the new file is not lost, and
   * both end with the directory holding just that file.
   */
  @Test
  void aFileAddedToADirectoryThatTheOtherSideDeletedMeanwhileSurvives() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Path fa = cluster.folder("alice");
      Path fb = cluster.folder("bob");
      aliceDeletesTripWhileBobIsAway(cluster);
      Files.writeString(fb.resolve("trip/day3.txt"), "day 3, written offline");
      cluster.start("bob");

      Map<String, String> both = cluster.awaitConvergedWith("alice", "bob", 2);
      assertEquals(Set.of("trip", "trip/day3.txt"), both.keySet());
      assertEquals("day 3, written offline", Files.readString(fa.resolve("trip/day3.txt")));
    }
  }

  /** The same with an edit: bob's edit of a file in the directory alice deleted comes back. */
  @Test
  void aFileEditedInADirectoryThatTheOtherSideDeletedMeanwhileComesBack() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Path fa = cluster.folder("alice");
      Path fb = cluster.folder("bob");
      aliceDeletesTripWhileBobIsAway(cluster);
      Files.writeString(fb.resolve("trip/day1.txt"), "day 1, edited offline");
      cluster.start("bob");

      Map<String, String> both = cluster.awaitConvergedWith("alice", "bob", 2);
      assertEquals(Set.of("trip", "trip/day1.txt"), both.keySet(), "day2.txt's delete stands");
      assertEquals("day 1, edited offline", Files.readString(fa.resolve("trip/day1.txt")));
    }
  }

  /**
   * Alice and bob share {@code path}; alice edits it while bob is away and leaves; bob comes back
   * and learns of her edit but cannot fetch it. Returns the journal cursor bob has reached.
   */
  private static long bobKnowsOfAnEditHeCannotFetch(Cluster cluster, String path) throws IOException {
    Agent a = cluster.start("alice");
    Agent b = cluster.start("bob");
    Files.writeString(cluster.folder("alice").resolve(path), "original");
    cluster.awaitConverged("alice", "bob");
    cluster.stop(b);
    Files.writeString(cluster.folder("alice").resolve(path), "alice's edit");
    Cluster.await("alice's edit to be published", () -> cluster.journalHas(path, "alice"));
    cluster.stop(a);

    Agent bob = cluster.start("bob");
    long last = cluster.server.journal().lastCursor(Cluster.NS);
    Cluster.await("bob to learn of alice's edit", () -> bob.cursor() >= last);
    assertEquals("original", Files.readString(cluster.folder("bob").resolve(path)),
        "alice is away: there is nothing to fetch her edit from");
    return last;
  }

  private static Set<String> contents(Path folder, Set<String> paths) throws IOException {
    Set<String> out = new HashSet<>();
    for (String p : paths) {
      out.add(Files.readString(folder.resolve(p)));
    }
    return out;
  }

  /**
   * Alice and bob share {@code path}; bob goes offline, alice edits and publishes, bob edits too
   * and comes back. Returns both folders once they agree on two paths (the file and a copy).
   */
  private static Map<String, String> concurrentEdit(
      Cluster cluster, String path, String original, String alices, String bobs) throws IOException {
    cluster.start("alice");
    Agent b = cluster.start("bob");
    Files.writeString(cluster.folder("alice").resolve(path), original);
    cluster.awaitConverged("alice", "bob");
    cluster.stop(b);
    Files.writeString(cluster.folder("alice").resolve(path), alices);
    Cluster.await("alice's edit to be published", () -> cluster.journalHas(path, "alice"));
    Files.writeString(cluster.folder("bob").resolve(path), bobs);
    cluster.start("bob");
    return cluster.awaitConvergedWith("alice", "bob", 2);
  }

  /** Alice and bob share trip/ with two files; alice deletes all of it while bob is away. */
  private static void aliceDeletesTripWhileBobIsAway(Cluster cluster) throws IOException {
    Path fa = cluster.folder("alice");
    cluster.start("alice");
    Agent b = cluster.start("bob");
    Files.createDirectories(fa.resolve("trip"));
    Files.writeString(fa.resolve("trip/day1.txt"), "day 1");
    Files.writeString(fa.resolve("trip/day2.txt"), "day 2");
    cluster.awaitConvergedWith("alice", "bob", 3);
    cluster.stop(b);
    Files.delete(fa.resolve("trip/day1.txt"));
    Files.delete(fa.resolve("trip/day2.txt"));
    Files.delete(fa.resolve("trip"));
    Cluster.await("alice's delete of trip to be published", () -> cluster.journalDeleted("trip"));
  }

}
