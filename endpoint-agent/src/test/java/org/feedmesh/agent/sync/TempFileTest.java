package org.feedmesh.agent.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
}
