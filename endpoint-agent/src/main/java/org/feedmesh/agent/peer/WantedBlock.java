package org.feedmesh.agent.peer;

import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.Sha256;

/** A block to download: its hash (lowercase hex SHA-256) and its size in bytes. */
public record WantedBlock(String hash, int size) {
  public WantedBlock {
    if (!Sha256.isHex(hash)) {
      throw new IllegalArgumentException(
          "a block hash is 64 lowercase hex digits, got \"" + hash + "\"");
    }
    if (size < 1 || size > Block.MAX_SIZE) {
      throw new IllegalArgumentException(
          "a block size must be in 1.." + Block.MAX_SIZE + ", got " + size);
    }
  }

  public static WantedBlock of(Block block) {
    return new WantedBlock(block.hash(), block.size());
  }
}
