package org.feedmesh.agent.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;
import org.feedmesh.platform.db.DatabaseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentIndexTest {
  static final Instant T = Instant.parse("2026-11-21T10:15:00Z");

  @TempDir Path state;
  AgentIndex index;

  @BeforeEach
  void open() throws IOException {
    index = AgentIndex.open(state);
  }

  @AfterEach
  void close() {
    index.close();
  }

  static FileMeta file(String path, String... blockTexts) {
    List<Block> blocks = new ArrayList<>();
    long at = 0;
    StringBuilder all = new StringBuilder();
    for (String text : blockTexts) {
      blocks.add(new Block(at, text.length(), Sha256.hex(text)));
      at += text.length();
      all.append(text);
    }
    return FileMeta.file(path, at, T, 0644, Sha256.hex(all.toString()), blocks);
  }

  @Test
  void theDatabaseIsAFileInTheStateDirectory() {
    assertTrue(Files.exists(state.resolve("index.mv.db")));
  }

  @Test
  void anEntryWithItsBlocksSurvivesReopening() throws IOException {
    IndexEntry e = new IndexEntry("docs/ré sumé.txt", file("docs/ré sumé.txt", "hello ", "world"),
        "<entry xmlns=\"http://www.w3.org/2005/Atom\"/>", true);
    index.put(e);
    index.setCursor("photos", 42);
    index.setValue("endpoint.id", "ep-1");
    index.close();
    index = AgentIndex.open(state);
    assertEquals(Optional.of(e), index.get("docs/ré sumé.txt"));
    assertEquals(OptionalLong.of(42), index.cursor("photos"));
    assertEquals(Optional.of("ep-1"), index.value("endpoint.id"));
  }

  @Test
  void anAcknowledgedVersionIsNoLongerPendingAndKeepsItsFileAndBlocks() {
    FileMeta f = file("a.txt", "hello ", "world");
    index.put(new IndexEntry("a.txt", f, "<entry>mine</entry>", true));
    index.acknowledge("a.txt", "<entry>merged</entry>");
    assertEquals(Optional.of(new IndexEntry("a.txt", f, "<entry>merged</entry>", false)), index.get("a.txt"));
    assertEquals(List.of(), index.pending());
    assertEquals(1, index.findBlock(Sha256.hex("world")).size());
    assertThrows(DatabaseException.class, () -> index.acknowledge("never.txt", "<entry/>"),
        "no version to acknowledge");

    FileMeta g = file("b.txt", "other");
    index.put(new IndexEntry("b.txt", g, "<entry>as sent</entry>", true));
    index.confirm("b.txt"); // taken unchanged: the version stays, no longer pending
    assertEquals(Optional.of(new IndexEntry("b.txt", g, "<entry>as sent</entry>", false)), index.get("b.txt"));
    assertEquals(List.of(), index.pending());
  }

  @Test
  void aProbeOfManyHashesAnswersWhichBlocksAreHere() {
    index.put(new IndexEntry("a.txt", file("a.txt", "hello ", "world"), null, false));
    index.replaceStoredBlocks(".feedmesh/versions/old.txt", file("old.txt", "kept").blocks());
    List<String> asked = new ArrayList<>();
    for (int i = 0; i < 2500; i++) { // more than one chunk
      asked.add(Sha256.hex("not here " + i));
    }
    asked.add(Sha256.hex("world"));
    asked.add(Sha256.hex("kept"));
    asked.add(Sha256.hex("world"));
    assertEquals(java.util.Set.of(Sha256.hex("world"), Sha256.hex("kept")), index.knownBlocks(asked));
    assertEquals(java.util.Set.of(), index.knownBlocks(List.of()));
  }

  @Test
  void itemXmlOfAnySizeRoundTripsWhetherKeptInTheRowOrAsALargeObject() throws IOException {
    String small = "<entry>" + "s".repeat(100) + "</entry>";
    String atLimit = "<entry>" + "l".repeat(IndexSchema.INLINE_MAX - 15) + "</entry>";
    String big = "<entry>" + "b".repeat(IndexSchema.INLINE_MAX * 3) + "</entry>";
    index.put(new IndexEntry("small.txt", null, small, true));
    index.put(new IndexEntry("limit.txt", null, atLimit, true));
    index.put(new IndexEntry("big.txt", null, big, true));
    index.put(new IndexEntry("grows.txt", null, small, true));
    index.acknowledge("grows.txt", big); // from the row to a large object
    index.put(new IndexEntry("shrinks.txt", null, big, true));
    index.acknowledge("shrinks.txt", small); // and back
    index.close();
    index = AgentIndex.open(state);
    assertEquals(IndexSchema.INLINE_MAX, atLimit.length());
    assertEquals(small, index.get("small.txt").orElseThrow().itemXml());
    assertEquals(atLimit, index.get("limit.txt").orElseThrow().itemXml());
    assertEquals(big, index.get("big.txt").orElseThrow().itemXml());
    assertEquals(big, index.get("grows.txt").orElseThrow().itemXml());
    assertEquals(small, index.get("shrinks.txt").orElseThrow().itemXml());
  }

  @Test
  void entriesWithoutLocalFilesDirsAndSymlinksRoundTrip() {
    List<IndexEntry> entries = List.of(
        new IndexEntry("gone.txt", null, "<entry/>", true),
        new IndexEntry("dir", FileMeta.dir("dir", T, 0755), null, false),
        new IndexEntry("dir/link", FileMeta.symlink("dir/link", T, "../target"), null, false),
        new IndexEntry("empty", FileMeta.file("empty", 0, T, 0600, Sha256.EMPTY, List.of()), null, false));
    entries.forEach(index::put);
    for (IndexEntry e : entries) {
      assertEquals(Optional.of(e), index.get(e.path()));
    }
  }

  @Test
  void putReplacesTheRowAndItsBlocks() {
    index.put(new IndexEntry("a", file("a", "one", "two"), null, true));
    index.put(new IndexEntry("a", file("a", "three"), null, false));
    assertEquals(List.of(), index.findBlock(Sha256.hex("one")));
    assertEquals(List.of(new LocalBlock("a", 0, 5)), index.findBlock(Sha256.hex("three")));
    assertEquals(List.of(), index.pending());
  }

  @Test
  void removeDropsTheRowAndItsBlocks() {
    index.put(new IndexEntry("a", file("a", "one"), null, false));
    index.remove("a");
    assertEquals(Optional.empty(), index.get("a"));
    assertEquals(List.of(), index.findBlock(Sha256.hex("one")));
  }

  @Test
  void findBlockListsLiveFilesBeforeStoredVersions() {
    String old = ".feedmesh/versions/a.txt~20261121-101500";
    index.replaceStoredBlocks(old, List.of(new Block(0, 3, Sha256.hex("abc"))));
    index.put(new IndexEntry("b.txt", file("b.txt", "xyz", "abc"), null, false));
    assertEquals(List.of(new LocalBlock("b.txt", 3, 3), new LocalBlock(old, 0, 3)),
        index.findBlock(Sha256.hex("abc")));
    index.removeStoredBlocks(old);
    assertEquals(List.of(new LocalBlock("b.txt", 3, 3)), index.findBlock(Sha256.hex("abc")));
  }

  @Test
  void storedCopiesAreKeptFilesUnderThePrefixWithExactlyTheseBlocks() {
    List<Block> whole = List.of(new Block(0, 3, Sha256.hex("abc")), new Block(3, 3, Sha256.hex("xyz")));
    String kept = ".feedmesh/versions/a.txt~20261121-101500";
    index.replaceStoredBlocks(kept, whole);
    index.replaceStoredBlocks(".feedmesh/versions/part~20261121-101500", whole.subList(0, 1));
    index.replaceStoredBlocks(".feedmesh/versions/more~20261121-101500",
        List.of(whole.get(0), whole.get(1), new Block(6, 3, Sha256.hex("def"))));
    index.replaceStoredBlocks("dir/.a.txt.feedmesh-tmp-1", whole); // downloading, not kept
    index.put(new IndexEntry("live.txt", file("live.txt", "abc", "xyz"), null, false));

    assertEquals(List.of(kept), index.storedCopies(".feedmesh/versions/", whole));
    assertEquals(List.of(), index.storedCopies(".feedmesh/versions/", List.of(whole.get(1))));
    assertEquals(List.of(), index.storedCopies(".feedmesh/versions/", List.of()));
  }

  @Test
  void forEachStreamsEveryEntryInPathOrderWithItsBlocks() {
    for (int i = 0; i < 300; i++) {
      String p = String.format("f%03d", i);
      index.put(new IndexEntry(p, file(p, "x" + i, "y" + i), null, i % 7 == 0));
    }
    List<IndexEntry> seen = new ArrayList<>();
    index.forEach(seen::add);
    assertEquals(300, seen.size());
    assertEquals("f000", seen.get(0).path());
    assertEquals("f299", seen.get(299).path());
    assertEquals(index.get("f123").orElseThrow(), seen.get(123));
    assertEquals(2, seen.get(5).local().blocks().size());
    assertEquals(43, index.pending().size());
  }

  @Test
  void forEachUnderVisitsADirectoryAndItsDescendantsOnly() {
    for (String p : List.of("a", "a/x", "a/y/z", "a-b", "a.b", "a0", "ab", "b")) {
      index.put(new IndexEntry(p, null, "<entry/>", false));
    }
    List<String> seen = new ArrayList<>();
    index.forEachUnder("a", e -> seen.add(e.path()));
    assertEquals(List.of("a", "a/x", "a/y/z"), seen);
  }

  @Test
  void aTransactionCommitsRowsAndTheCursorTogether() {
    index.inTransaction(tx -> {
      tx.put(new IndexEntry("a", file("a", "1"), null, false));
      tx.put(new IndexEntry("b", file("b", "2"), null, false));
      tx.setCursor("ns", 7);
    });
    assertTrue(index.get("a").isPresent() && index.get("b").isPresent());
    assertEquals(OptionalLong.of(7), index.cursor("ns"));
  }

  @Test
  void aTransactionThatThrowsLeavesNothingBehind() {
    index.setCursor("ns", 3);
    IllegalStateException e = assertThrows(IllegalStateException.class, () ->
        index.inTransaction(tx -> {
          tx.put(new IndexEntry("a", file("a", "1"), null, false));
          tx.setCursor("ns", 4);
          throw new IllegalStateException("apply failed");
        }));
    assertEquals("apply failed", e.getMessage());
    assertEquals(Optional.empty(), index.get("a"));
    assertEquals(List.of(), index.findBlock(Sha256.hex("1")));
    assertEquals(OptionalLong.of(3), index.cursor("ns"));
  }

  @Test
  void aValueCanBeReplacedAndRemoved() {
    index.setValue("k", "1");
    index.setValue("k", "2");
    assertEquals(Optional.of("2"), index.value("k"));
    index.setValue("k", null);
    assertEquals(Optional.empty(), index.value("k"));
    assertEquals(OptionalLong.empty(), index.cursor("never"));
  }

  @Test
  void aSecondProcessCannotOpenTheSameStateDirectoryWhileItIsOpen() throws Exception {
    Process p = IndexWriterProcess.start(state, 0);
    try {
      String line = IndexWriterProcess.readLine(p);
      assertTrue(line.startsWith("cannot open"), line);
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  @ParameterizedTest(name = "path \"{0}\" is refused")
  @ValueSource(strings = {"", "/abs", "a/../b", "a\\b", "./a", "a//b"})
  void unsafePathsAreRefusedAndNothingIsStored(String path) {
    assertThrows(RuntimeException.class, () -> index.put(new IndexEntry(path, null, null, true)));
    assertEquals(List.of(), index.pending());
  }

  @Test
  void metadataOfAnotherPathIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new IndexEntry("a", file("b", "x"), null, false));
    assertTrue(e.getMessage().contains("another path"), e.getMessage());
  }
}
