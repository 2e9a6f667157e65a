package org.feedmesh.agent.index;

import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.RelativePath;

/**
 * Where a block with a wanted hash was, when last indexed: {@code size} bytes at {@code offset} of
 * {@code location} (a path relative to the folder). A hint: the caller re-reads and verifies the
 * hash before using the bytes.
 */
public record LocalBlock(String location, long offset, int size) {
  public LocalBlock {
    location = RelativePath.normalize(location);
    if (offset < 0 || size < 1 || size > Block.MAX_SIZE) {
      throw new IllegalArgumentException(
          "bad local block " + location + " offset=" + offset + " size=" + size);
    }
  }
}
