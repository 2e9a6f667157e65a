package org.feedmesh.lookup;

import java.util.Objects;

/** One block of a blob: its position in the block list, its byte range and its hash. */
public record Block(int index, long offset, int size, BlockHash hash) {
  public Block {
    if (index < 0) {
      throw new IllegalArgumentException("block index must be >= 0, got " + index);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("block " + index + ": offset must be >= 0, got " + offset);
    }
    if (size <= 0) {
      throw new IllegalArgumentException("block " + index + ": size must be > 0, got " + size);
    }
    Objects.requireNonNull(hash, "hash");
  }

  /** The offset just past this block. */
  public long end() {
    return offset + size;
  }
}
