package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.feedmesh.agent.sync.Transfers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rename on one endpoint is a rename on the others: the receiving agent renames its own file
 * (same inode), copies no bytes and keeps no second copy in its versions folder. Only content it
 * has verified is ever moved into place.
 */
class RenameTest {
  @TempDir Path tmp;
  Cluster cluster;
  Agent b;
  Path fa;
  Path fb;

  @BeforeEach
  void start() throws IOException {
    cluster = new Cluster(tmp, "alice", "bob");
    cluster.start("alice");
    b = cluster.start("bob");
    fa = cluster.folder("alice");
    fb = cluster.folder("bob");
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aRenamedFileIsRenamedOnTheOtherSideNotCopied() throws IOException {
    byte[] photo = TwoAgentsSyncTest.random(700_000, 11); // several blocks with the test chunker
    Files.write(fa.resolve("photo.bin"), photo);
    cluster.awaitConverged("alice", "bob");
    Object inode = inode(fb.resolve("photo.bin"));
    long copiedBefore = copiedLocally();

    Files.createDirectories(fa.resolve("album"));
    Files.move(fa.resolve("photo.bin"), fa.resolve("album/renamed.bin"));
    cluster.awaitConverged("alice", "bob");

    Path moved = fb.resolve("album/renamed.bin");
    assertArrayEquals(photo, Files.readAllBytes(moved));
    assertEquals(inode, inode(moved), "bob renamed his own file");
    assertEquals(copiedBefore, copiedLocally(), "no block was copied: " + b.transfers().totals());
    assertEquals(Map.of(), keptVersions(), "nothing went to bob's versions folder");
  }

  @Test
  void aRenamedDirectoryOfManyFilesIsRenamedFileByFile() throws IOException {
    // More than one batch; and the new name sorts before the old one, so alice publishes the creates
    // before the deletes: bob must still apply the deletes first and move every file.
    int files = 260;
    Files.createDirectories(fa.resolve("photos"));
    for (int i = 0; i < files; i++) {
      Files.write(fa.resolve("photos/p" + i + ".bin"), TwoAgentsSyncTest.random(20_000, i));
    }
    cluster.awaitConvergedWith("alice", "bob", files + 1);
    Map<String, Object> inodes = new TreeMap<>();
    for (int i = 0; i < files; i++) {
      inodes.put("p" + i + ".bin", inode(fb.resolve("photos/p" + i + ".bin")));
    }
    long copiedBefore = copiedLocally();

    Files.move(fa.resolve("photos"), fa.resolve("photo-album"));
    Map<String, String> both = cluster.awaitConvergedWith("alice", "bob", files + 1);

    assertFalse(both.containsKey("photos"));
    List<String> copied = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      Path now = fb.resolve("photo-album/p" + i + ".bin");
      assertArrayEquals(TwoAgentsSyncTest.random(20_000, i), Files.readAllBytes(now));
      if (!inodes.get("p" + i + ".bin").equals(inode(now))) {
        copied.add(now.getFileName().toString());
      }
    }
    assertEquals(0, copied.size(), "every file was renamed, none copied; copied: " + copied.size());
    assertEquals(copiedBefore, copiedLocally(), "no block was copied: " + b.transfers().totals());
    Cluster.await("bob's versions folder to hold no copy of the renamed files", () -> keptVersions().isEmpty());
  }

  @Test
  void aFileRenamedIntoADirectoryThatTookAFilesPlaceIsMovedAfterTheDirectoryIsMade() throws IOException {
    byte[] song = TwoAgentsSyncTest.random(300_000, 14);
    Files.writeString(fa.resolve("music"), "a file called music");
    Files.write(fa.resolve("song.bin"), song);
    cluster.awaitConverged("alice", "bob");
    Object inode = inode(fb.resolve("song.bin"));

    Files.delete(fa.resolve("music"));
    Files.createDirectories(fa.resolve("music"));
    Files.move(fa.resolve("song.bin"), fa.resolve("music/song.bin"));
    Map<String, String> both = cluster.awaitConverged("alice", "bob");

    assertEquals("dir", both.get("music"));
    assertArrayEquals(song, Files.readAllBytes(fb.resolve("music/song.bin")));
    assertEquals(inode, inode(fb.resolve("music/song.bin")));
    assertEquals(1, keptVersions().size(), "only the replaced file called music is kept: " + keptVersions());
  }

  @Test
  void aRenameOnOneSideAndAnEditOfTheOldNameOnTheOtherLoseNothing() throws IOException {
    Files.writeString(fa.resolve("plan.txt"), "original");
    cluster.awaitConverged("alice", "bob");
    cluster.stop(b);
    Files.move(fa.resolve("plan.txt"), fa.resolve("plan-final.txt"));
    Cluster.await("alice's rename to be published", () -> cluster.journalDeleted("plan.txt"));
    Files.writeString(fb.resolve("plan.txt"), "bob's edit, made offline");
    b = cluster.start("bob");

    Map<String, String> both = cluster.awaitConverged("alice", "bob");
    List<String> contents = new ArrayList<>();
    for (String p : both.keySet()) {
      contents.add(Files.readString(fa.resolve(p)));
    }
    contents.sort(null);
    assertEquals(List.of("bob's edit, made offline", "original"), contents, "both survive: " + both.keySet());
    assertEquals("original", Files.readString(fb.resolve("plan-final.txt")));
  }

  @Test
  void aFileThatComesBackAfterItsDeleteIsTakenFromTheVersionsFolder() throws IOException {
    byte[] report = TwoAgentsSyncTest.random(500_000, 12);
    Files.write(fa.resolve("report.bin"), report);
    cluster.awaitConverged("alice", "bob");
    Object inode = inode(fb.resolve("report.bin"));

    Files.delete(fa.resolve("report.bin"));
    cluster.awaitConverged("alice", "bob");
    assertEquals(1, keptVersions().size(), "bob keeps the deleted file: " + keptVersions());
    long copiedBefore = copiedLocally();
    long fromAliceBefore = fromAlice();

    Files.createDirectories(fa.resolve("restored"));
    Files.write(fa.resolve("restored/report.bin"), report);
    cluster.awaitConverged("alice", "bob");

    Path back = fb.resolve("restored/report.bin");
    assertArrayEquals(report, Files.readAllBytes(back));
    assertEquals(inode, inode(back), "the kept file itself came back");
    assertEquals(copiedBefore, copiedLocally());
    assertEquals(fromAliceBefore, fromAlice());
    assertEquals(Map.of(), keptVersions(), "its content is in the folder, so no copy stays kept");
  }

  @Test
  void aKeptVersionThatNoLongerHashesToItsContentIsNeverMovedIntoPlace() throws IOException {
    byte[] report = TwoAgentsSyncTest.random(500_000, 13);
    Files.write(fa.resolve("report.bin"), report);
    cluster.awaitConverged("alice", "bob");
    Files.delete(fa.resolve("report.bin"));
    cluster.awaitConverged("alice", "bob");
    Path kept = fb.resolve(keptVersions().keySet().iterator().next());
    byte[] spoiled = report.clone();
    spoiled[250_000] ^= 1; // same size, one bit off, mtime kept: only the hash can tell
    var mtime = Files.getLastModifiedTime(kept);
    Files.write(kept, spoiled);
    Files.setLastModifiedTime(kept, mtime);
    long fromAliceBefore = fromAlice();

    Files.write(fa.resolve("again.bin"), report);
    cluster.awaitConverged("alice", "bob");

    assertArrayEquals(report, Files.readAllBytes(fb.resolve("again.bin")));
    assertTrue(Files.exists(kept), "the spoiled kept file stayed where it was");
    assertTrue(fromAlice() > fromAliceBefore, "the block that no longer matched came from alice");
  }

  private long copiedLocally() {
    return b.transfers().totals().getOrDefault(Transfers.LOCAL, 0L);
  }

  private long fromAlice() {
    return b.transfers().totals().getOrDefault("alice", 0L);
  }

  /** Files in bob's versions folder, relative to his folder, with their sizes. */
  private Map<String, Long> keptVersions() {
    Path root = fb.resolve(".feedmesh/versions");
    Map<String, Long> out = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(fb.relativize(p).toString(), Files.size(p));
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  private static Object inode(Path p) throws IOException {
    return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
  }
}
