package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoAgentsSyncTest {
  @TempDir Path tmp;
  Cluster cluster;
  Agent a;
  Agent b;
  Path fa;
  Path fb;

  @BeforeEach
  void start() throws IOException {
    cluster = new Cluster(tmp, "alice", "bob");
    a = cluster.start("alice");
    b = cluster.start("bob");
    fa = cluster.folder("alice");
    fb = cluster.folder("bob");
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void createdFilesDirectoriesAndOddNamesArriveOnTheOtherSide() throws IOException {
    Files.writeString(fa.resolve("hello.txt"), "hello");
    Files.createDirectories(fa.resolve("deep/er/still"));
    Files.writeString(fa.resolve("deep/er/file with spaces.txt"), "spaces");
    Files.writeString(fa.resolve("deep/Grüße 日本.txt"), "non-ascii");
    Files.write(fa.resolve("empty.bin"), new byte[0]);
    Files.createDirectories(fa.resolve("empty-dir"));
    Files.write(fa.resolve("multi.bin"), random(700_000, 1));

    Map<String, String> both = cluster.awaitConverged("alice", "bob");

    assertEquals("dir", both.get("empty-dir"));
    assertEquals("dir", both.get("deep/er/still"));
    assertEquals(0, Files.size(fb.resolve("empty.bin")));
    assertEquals("non-ascii", Files.readString(fb.resolve("deep/Grüße 日本.txt")));
    assertArrayEquals(random(700_000, 1), Files.readAllBytes(fb.resolve("multi.bin")));
    assertTrue(b.transfers().totals().getOrDefault("alice", 0L) >= 700_000,
        "bob took the content from alice's peer port: " + b.transfers().totals());
  }

  @Test
  void theServerLearnsTheNewestCursorAnAgentAppliedAfterABurstOfPages() throws IOException {
    Files.createDirectories(fa.resolve("burst"));
    for (int i = 0; i < 450; i++) {
      Files.writeString(fa.resolve("burst/f" + i + ".txt"), "file " + i);
    }
    cluster.awaitConvergedWith("alice", "bob", 451);
    // Announcements are coalesced (one a second while pages arrive): the last must still carry
    // the cursor bob ended at.
    cluster.await("the server to hold bob's applied cursor", () -> {
      long applied = cluster.server.accounts().endpoint("bob").orElseThrow()
          .grants().get(Cluster.NS).appliedCursor();
      return applied > 450 && applied == b.cursor();
    });
  }

  @Test
  void editsDeletesAndRenamesFollow() throws IOException {
    Files.writeString(fa.resolve("doc.txt"), "first");
    Files.write(fa.resolve("photo.bin"), random(300_000, 2));
    cluster.awaitConverged("alice", "bob");

    Files.writeString(fa.resolve("doc.txt"), "second, longer");
    cluster.awaitConverged("alice", "bob");
    assertEquals("second, longer", Files.readString(fb.resolve("doc.txt")));

    long before = b.transfers().totals().getOrDefault("alice", 0L);
    Files.move(fa.resolve("photo.bin"), fa.resolve("renamed.bin"));
    cluster.awaitConverged("alice", "bob");
    assertFalse(Files.exists(fb.resolve("photo.bin")));
    assertArrayEquals(random(300_000, 2), Files.readAllBytes(fb.resolve("renamed.bin")));
    assertEquals(before, b.transfers().totals().getOrDefault("alice", 0L),
        "a rename moves no bytes between peers: " + b.transfers().totals());

    Files.delete(fa.resolve("doc.txt"));
    cluster.awaitConverged("alice", "bob");
    assertFalse(Files.exists(fb.resolve("doc.txt")));
    try (Stream<Path> kept = Files.walk(fb.resolve(".feedmesh/versions"))) {
      assertTrue(kept.anyMatch(p -> p.getFileName().toString().startsWith("doc~")),
          "the deleted file is kept in bob's .feedmesh/versions");
    }
  }

  @Test
  void aDeletedDirectoryOfManyFilesGoesAwayOnTheOtherSide() throws IOException {
    int files = 260; // more than one batch: the directory's delete comes before some of its files'
    Files.createDirectories(fa.resolve("old/sub"));
    for (int i = 0; i < files; i++) {
      Files.writeString(fa.resolve((i % 2 == 0 ? "old/" : "old/sub/") + "f" + i + ".txt"), "file " + i);
    }
    Files.writeString(fa.resolve("keep.txt"), "stays");
    cluster.awaitConvergedWith("alice", "bob", files + 3);

    try (Stream<Path> all = Files.walk(fa.resolve("old"))) {
      for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
    Map<String, String> both = cluster.awaitConvergedWith("alice", "bob", 1);

    assertEquals(Map.of("keep.txt", both.get("keep.txt")), both);
    assertFalse(Files.exists(fb.resolve("old")), "bob's old/ is gone, not left empty");
  }

  @Test
  void aDirectoryThatTakesTheNameOfAFileArrivesWithWhatIsInIt() throws IOException {
    Files.writeString(fa.resolve("notes"), "a file called notes");
    cluster.awaitConverged("alice", "bob");

    Files.delete(fa.resolve("notes"));
    Files.createDirectories(fa.resolve("notes/2026"));
    Files.writeString(fa.resolve("notes/2026/monday.txt"), "monday");
    Files.writeString(fa.resolve("after.txt"), "the journal goes on");
    Map<String, String> both = cluster.awaitConverged("alice", "bob");

    assertEquals("dir", both.get("notes"));
    assertEquals("monday", Files.readString(fb.resolve("notes/2026/monday.txt")));
    assertEquals("the journal goes on", Files.readString(fb.resolve("after.txt")));
  }

  @Test
  void aFileThatTakesTheNameOfADirectoryArrivesAndTheDirectoryGoes() throws IOException {
    Files.createDirectories(fa.resolve("drafts/old"));
    Files.writeString(fa.resolve("drafts/a.txt"), "a");
    Files.writeString(fa.resolve("drafts/old/b.txt"), "b");
    cluster.awaitConverged("alice", "bob");

    try (Stream<Path> all = Files.walk(fa.resolve("drafts"))) {
      for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
    Files.writeString(fa.resolve("drafts"), "now a file");
    Map<String, String> both = cluster.awaitConverged("alice", "bob");

    assertEquals(1, both.size(), "only the file is left: " + both);
    assertEquals("now a file", Files.readString(fb.resolve("drafts")));
  }

  @Test
  void aFileThatTakesTheNameOfADirectoryOfMoreThanAPageOfFilesArrives() throws IOException {
    int files = 1_050; // past one journal page (1,000): some deletes come after the new file
    Files.createDirectories(fa.resolve("drafts"));
    for (int i = 0; i < files; i++) {
      Files.writeString(fa.resolve("drafts/d" + i + ".txt"), "draft " + i);
    }
    cluster.awaitConvergedWith("alice", "bob", files + 1);

    try (Stream<Path> all = Files.list(fa.resolve("drafts"))) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.delete(p);
      }
    }
    Files.delete(fa.resolve("drafts"));
    Files.writeString(fa.resolve("drafts"), "now a file");
    Map<String, String> both = cluster.awaitConvergedWith("alice", "bob", 1);

    assertEquals("now a file", Files.readString(fb.resolve("drafts")));
    assertEquals(1, both.size());
  }

  @Test
  void symlinksAndModeChangesArriveAndSymlinksAreNeverFollowed() throws IOException {
    Files.writeString(fa.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(fa.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(fa.resolve("latest"), Path.of("run.sh"));
    cluster.awaitConverged("alice", "bob");
    assertEquals("rwxr-xr-x", mode(fb.resolve("run.sh")));
    assertEquals(Path.of("run.sh"), Files.readSymbolicLink(fb.resolve("latest")));

    Files.setPosixFilePermissions(fa.resolve("run.sh"), PosixFilePermissions.fromString("rwx------"));
    Files.delete(fa.resolve("latest"));
    Files.createSymbolicLink(fa.resolve("latest"), Path.of("/etc/passwd"));
    Cluster.await("bob to see the new mode and link", () -> {
      try {
        return mode(fb.resolve("run.sh")).equals("rwx------")
            && Files.readSymbolicLink(fb.resolve("latest")).equals(Path.of("/etc/passwd"));
      } catch (IOException e) {
        return false;
      }
    });
    assertEquals("#!/bin/sh\necho hi\n", Files.readString(fb.resolve("run.sh")));

    Files.delete(fa.resolve("latest"));
    cluster.awaitConverged("alice", "bob");
    assertFalse(Files.exists(fb.resolve("latest"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.exists(Path.of("/etc/passwd")), "deleting the link never touched its target");
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void pathsIgnoredHereAreNotWrittenHereAndTheirDeletesLeaveTheLocalFilesAlone() throws IOException {
    cluster.stop(b);
    // bob's rules alone: the file ignores itself, so it does not reach alice
    Files.writeString(fb.resolve(".feedmeshignore"), "/.feedmeshignore\n*.log\ncache/\n");
    Files.writeString(fb.resolve("mine.log"), "bob's own log");
    b = cluster.start("bob");
    Files.writeString(fa.resolve("mine.log"), "alice's log");
    Files.createDirectories(fa.resolve("cache"));
    Files.writeString(fa.resolve("cache/blob.bin"), "cached");
    Files.writeString(fa.resolve("keep.txt"), "kept");
    Cluster.await("bob to get keep.txt", () -> Files.exists(fb.resolve("keep.txt")));
    Cluster.await("bob to have applied all of alice's changes", () -> b.cursor() == newest(cluster));

    assertEquals("bob's own log", Files.readString(fb.resolve("mine.log")));
    assertFalse(Files.exists(fb.resolve("cache")), "an ignored directory is not made");

    Files.delete(fa.resolve("mine.log"));
    Files.writeString(fa.resolve("keep.txt"), "kept, edited");
    Cluster.await("bob to get the edit", () -> {
      try {
        return Files.readString(fb.resolve("keep.txt")).equals("kept, edited");
      } catch (IOException e) {
        return false;
      }
    });
    Cluster.await("alice's delete to be journaled", () -> cluster.journalDeleted("mine.log"));
    Cluster.await("bob to have applied all of alice's changes", () -> b.cursor() == newest(cluster));
    assertEquals("bob's own log", Files.readString(fb.resolve("mine.log")), "alice's delete left it alone");
  }

  private static long newest(Cluster cluster) {
    return cluster.server.journal().lastCursor(Cluster.NS);
  }

  @Test
  void changesFlowBothWaysAndCaseOnlyRenamesWork() throws IOException {
    Files.writeString(fb.resolve("from-bob.txt"), "bob wrote this");
    Files.writeString(fa.resolve("Readme.md"), "readme");
    cluster.awaitConverged("alice", "bob");
    assertEquals("bob wrote this", Files.readString(fa.resolve("from-bob.txt")));

    Files.move(fa.resolve("Readme.md"), fa.resolve("README.md"));
    Map<String, String> both = cluster.awaitConverged("alice", "bob");
    assertTrue(both.containsKey("README.md"));
    assertFalse(both.containsKey("Readme.md"));
  }

  @Test
  void anEditInTheMiddleOfALargeFileMovesOnlyTheChangedBlocks() throws IOException {
    byte[] big = random(4 * 1024 * 1024, 3);
    Files.write(fa.resolve("large.bin"), big);
    cluster.awaitConverged("alice", "bob");
    long afterFirst = b.transfers().totals().getOrDefault("alice", 0L);
    assertTrue(afterFirst >= big.length);

    byte[] edited = new byte[big.length + 100];
    int mid = big.length / 2;
    System.arraycopy(big, 0, edited, 0, mid);
    System.arraycopy("inserted in the middle of the file!".repeat(3).getBytes(StandardCharsets.US_ASCII), 0, edited, mid, 100);
    System.arraycopy(big, mid, edited, mid + 100, big.length - mid);
    Files.write(fa.resolve("large.bin"), edited);
    cluster.awaitConverged("alice", "bob");

    long moved = b.transfers().totals().getOrDefault("alice", 0L) - afterFirst;
    assertTrue(moved > 0, "the changed block came from alice");
    assertTrue(moved <= 3L * Cluster.SMALL.max(),
        "only the blocks around the insertion move (" + moved + " bytes of " + edited.length + ")");
    assertArrayEquals(edited, Files.readAllBytes(fb.resolve("large.bin")));
  }

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }
}
