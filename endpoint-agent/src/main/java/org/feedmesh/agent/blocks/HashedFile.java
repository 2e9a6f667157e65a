package org.feedmesh.agent.blocks;

import java.util.List;
import java.util.Objects;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.Sha256;

/**
 * What hashing a file's content gave: the blob id (SHA-256 of all bytes, as {@code sha256sum}
 * prints it), the size, and the content-defined blocks that cover {@code [0, size)} in order.
 */
public record HashedFile(String blobId, long size, List<Block> blocks) {
  public HashedFile {
    Sha256.require("blob id", blobId);
    if (size < 0) {
      throw new IllegalArgumentException("size is never negative, got " + size);
    }
    blocks = List.copyOf(Objects.requireNonNull(blocks, "blocks"));
    long expected = 0;
    for (Block b : blocks) {
      if (b.offset() != expected) {
        throw new IllegalArgumentException(
            "block at offset " + b.offset() + " should start at " + expected);
      }
      expected = b.end();
    }
    if (expected != size) {
      throw new IllegalArgumentException("blocks cover " + expected + " bytes but size is " + size);
    }
  }
}
