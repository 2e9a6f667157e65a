package org.feedmesh.agent.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.Sha256;

class FileHasherProperties {

  @Property(tries = 60)
  void blocksCoverTheContentWithinBoundsAndTheBlobIdIsTheWholeHash(
      @ForAll @IntRange(min = 0, max = 400_000) int size,
      @ForAll long seed,
      @ForAll @IntRange(min = 6, max = 12) int avgBits,
      @ForAll @IntRange(min = 1, max = 4000) int step) throws IOException {
    int avg = 1 << avgBits;
    ChunkerParams params = new ChunkerParams(avg / 4, avg, avg * 4);
    byte[] content = TestData.random(seed, size);
    HashedFile h = new FileHasher(params).hash(new FileHasherTest.TrickleStream(content, step));
    assertEquals(Sha256.hex(content), h.blobId());
    long at = 0;
    for (int i = 0; i < h.blocks().size(); i++) {
      Block b = h.blocks().get(i);
      assertEquals(at, b.offset());
      assertTrue(b.size() <= params.max());
      assertTrue(b.size() >= params.min() || i == h.blocks().size() - 1);
      assertEquals(FileHasher.sha256(content, (int) b.offset(), b.size()), b.hash());
      at = b.end();
    }
    assertEquals(size, at);
    assertEquals(h, FileHasher.sequential(params).hash(new ByteArrayInputStream(content)));
  }
}
