package org.feedmesh.agent.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.feedmesh.agent.blocks.FileHasher;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFileTest {
  @TempDir Path dir;

  private static final byte[] ONE = "first block ".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TWO = "second block".getBytes(StandardCharsets.UTF_8);

  private static FileMeta twoBlocks() {
    byte[] whole = (new String(ONE, StandardCharsets.UTF_8) + new String(TWO, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
    return FileMeta.file("f.txt", whole.length, Instant.ofEpochSecond(1_700_000_000L), 0644, Sha256.hex(whole),
        List.of(new Block(0, ONE.length, FileHasher.sha256(ONE, 0, ONE.length)),
            new Block(ONE.length, TWO.length, FileHasher.sha256(TWO, 0, TWO.length))));
  }

  @Test
  void finishingIsDoneOnceSoTheInstallersCallAfterAnEarlyFinishCostsNothing() throws IOException {
    FileMeta meta = twoBlocks();
    TempFile t = TempFile.open(dir.resolve("f.txt"), meta);
    t.write(1, TWO, TWO.length);
    t.write(0, ONE, ONE.length);
    t.finish();
    t.close();
    t.finish(); // would fail reading a closed channel if it checked again
    assertArrayEquals((new String(ONE, StandardCharsets.UTF_8) + new String(TWO, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8), Files.readAllBytes(t.path()));
  }

  @Test
  void aFileWhoseBytesDoNotHashToItsBlobIdIsDiscardedAndStaysRefused() throws IOException {
    FileMeta meta = twoBlocks();
    TempFile t = TempFile.open(dir.resolve("f.txt"), meta);
    t.write(0, ONE, ONE.length);
    t.write(1, "SECOND BLOCK".getBytes(StandardCharsets.UTF_8), TWO.length); // a lie that got past
    IOException first = assertThrows(IOException.class, t::finish);
    assertTrue(first.getMessage().contains("not the blob id"), first.getMessage());
    assertFalse(Files.exists(t.path()), "nothing left to rename into place");
    IOException again = assertThrows(IOException.class, t::finish);
    assertTrue(again.getMessage().contains("not the blob id"), again.getMessage());
  }

  @Test
  void anIncompleteFileCannotBeFinished() throws IOException {
    TempFile t = TempFile.open(dir.resolve("f.txt"), twoBlocks());
    t.write(0, ONE, ONE.length);
    IOException e = assertThrows(IOException.class, t::finish);
    assertTrue(e.getMessage().contains("missing 1 blocks"), e.getMessage());
    t.discard();
  }

  @Test
  void blocksLandingInAnyOrderMakeTheRightWholeFileHash() throws IOException {
    byte[][] parts = new byte[6][];
    List<Block> blocks = new java.util.ArrayList<>();
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      parts[i] = ("part " + i + " of the file; ").getBytes(StandardCharsets.UTF_8);
      blocks.add(new Block(all.length(), parts[i].length, FileHasher.sha256(parts[i], 0, parts[i].length)));
      all.append(new String(parts[i], StandardCharsets.UTF_8));
    }
    byte[] whole = all.toString().getBytes(StandardCharsets.UTF_8);
    FileMeta meta = FileMeta.file("f.txt", whole.length, Instant.ofEpochSecond(1_700_000_000L), 0644,
        Sha256.hex(whole), blocks);
    for (int[] order : new int[][] {{0, 1, 2, 3, 4, 5}, {5, 4, 3, 2, 1, 0}, {1, 0, 3, 2, 5, 4}, {2, 5, 0, 1, 4, 3}}) {
      Path target = dir.resolve("f" + java.util.Arrays.toString(order).hashCode() + ".txt");
      TempFile t = TempFile.open(target, meta);
      for (int i : order) {
        t.write(i, parts[i], parts[i].length);
      }
      t.finish();
      t.close();
      assertArrayEquals(whole, Files.readAllBytes(t.path()), java.util.Arrays.toString(order));
      t.discard();
    }
  }

  @Test
  void aResumedFileIsCheckedFromTheBlocksItAlreadyHeld() throws IOException {
    FileMeta meta = twoBlocks();
    Path target = dir.resolve("f.txt");
    TempFile first = TempFile.open(target, meta);
    first.write(0, ONE, ONE.length);
    first.close(); // the agent stops here
    TempFile again = TempFile.open(target, meta);
    assertTrue(again.has(0) && !again.has(1));
    again.write(1, TWO, TWO.length);
    again.finish(); // block 0 never passed through write(): it is read back for the hash
    again.close();
  }
  @Test
  void aBigFileHandedToTheDiskWhileItDownloadsIsWholeWhenFinishedAndCanStillBeDiscarded()
      throws IOException {
    int size = 4 << 20;
    int count = 12; // 48 MiB: past the early-flush mark
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    java.security.MessageDigest whole = Sha256.digest();
    byte[][] parts = new byte[count][size];
    List<Block> blocks = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      r.nextBytes(parts[i]);
      whole.update(parts[i]);
      blocks.add(new Block((long) i * size, size, FileHasher.sha256(parts[i], 0, size)));
    }
    FileMeta meta = FileMeta.file("big.bin", (long) count * size, Instant.ofEpochSecond(1_700_000_000L), 0644,
        java.util.HexFormat.of().formatHex(whole.digest()), blocks);

    TempFile t = TempFile.open(dir.resolve("big.bin"), meta);
    for (int i = 0; i < count; i++) {
      t.write(i, parts[i], size);
    }
    t.finish();
    t.close();
    try (var in = Files.newInputStream(t.path())) {
      for (int i = 0; i < count; i++) {
        assertArrayEquals(parts[i], in.readNBytes(size), "block " + i);
      }
      assertEquals(-1, in.read());
    }

    TempFile dropped = TempFile.open(dir.resolve("other.bin"), meta);
    for (int i = 0; i < count; i++) {
      dropped.write(i, parts[i], size);
    }
    dropped.discard(); // a flush may still be under way: it must not fail or bring the file back
    assertFalse(Files.exists(dropped.path()));
  }
}
