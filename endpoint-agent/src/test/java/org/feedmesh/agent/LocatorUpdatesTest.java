package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import okhttp3.OkHttpClient;
import org.feedmesh.agent.blocks.FileHasher;
import org.feedmesh.agent.index.AgentIndex;
import org.feedmesh.agent.sync.LocalBlocks;
import org.feedmesh.agent.sync.SafePaths;
import org.feedmesh.agent.sync.TempFile;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;
import org.feedmesh.lookup.client.LookupClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocks of a file still downloading are served from its temporary file as they land. */
class LocatorUpdatesTest {
  private static final int BLOCK = 4096;

  @TempDir Path folder;
  @TempDir Path state;
  private AgentIndex index;
  private LocatorUpdates updates;
  private final byte[][] data = new byte[3][];
  private FileMeta meta;

  @BeforeEach
  void setUp() throws Exception {
    index = AgentIndex.open(state);
    // nothing listens on port 1: the lookup registrations fail quietly, which this test ignores
    LookupClient lookup = new LookupClient(new OkHttpClient(), URI.create("http://127.0.0.1:1/"), "t");
    updates = new LocatorUpdates(lookup, "me", "ns", index, new SafePaths(folder));
    SplittableRandom r = new SplittableRandom(7);
    List<Block> blocks = new ArrayList<>();
    byte[] whole = new byte[3 * BLOCK];
    for (int i = 0; i < 3; i++) {
      data[i] = new byte[BLOCK];
      r.nextBytes(data[i]);
      System.arraycopy(data[i], 0, whole, i * BLOCK, BLOCK);
      blocks.add(new Block((long) i * BLOCK, BLOCK, FileHasher.sha256(data[i], 0, BLOCK)));
    }
    meta = FileMeta.file("big.bin", whole.length, Instant.ofEpochSecond(1_700_000_000L), 0644,
        Sha256.hex(whole), blocks);
  }

  @AfterEach
  void tearDown() {
    updates.close();
    index.close();
  }

  @Test
  void everyBlockThatHasLandedCanBeServedNotOnlyTheLatest() throws Exception {
    LocalBlocks local = new LocalBlocks(folder, index);
    try (TempFile t = TempFile.open(folder.resolve("big.bin"), meta)) {
      land(t, 2);
      land(t, 0);
      updates.awaitIdle();
      assertServed(local, 0);
      assertServed(local, 2);
      assertTrue(local.read(hash(1), BLOCK).isEmpty(), "block 1 has not landed yet");

      land(t, 1);
      updates.awaitIdle();
      for (int i = 0; i < 3; i++) {
        assertServed(local, i);
      }
      String temp = folder.relativize(t.path()).toString();
      for (int i = 0; i < 3; i++) {
        assertEquals(temp, index.findBlock(hash(i)).get(0).location());
      }
    }
  }

  @Test
  void blocksThatLandAfterTheFileWasInstalledAreNotRecordedUnderItsTemporaryName() throws Exception {
    TempFile t = TempFile.open(folder.resolve("big.bin"), meta);
    t.write(0, data[0], BLOCK);
    t.close(); // what installing it does before it renames it into place
    updates.landed(t, 0);
    updates.awaitIdle();
    assertTrue(index.findBlock(hash(0)).isEmpty(), "a name that is gone must not be recorded");
  }

  private void land(TempFile t, int i) throws Exception {
    t.write(i, data[i], BLOCK);
    updates.landed(t, i);
  }

  private void assertServed(LocalBlocks local, int i) {
    byte[] got = local.read(hash(i), BLOCK).orElseThrow(() -> new AssertionError("block " + i + " is not served"));
    assertArrayEquals(data[i], got);
  }

  private String hash(int i) {
    return meta.blocks().get(i).hash();
  }
}
