package org.feedmesh.feedsync.fm;

import org.feedmesh.feedsync.InvalidFeedSyncException;

/** One content-defined block of a file: where it starts, how long it is, its SHA-256. */
public record Block(long offset, int size, String hash) {

  /** Largest block we accept from anyone (the chunker's maximum is far below). */
  public static final int MAX_SIZE = 16 * 1024 * 1024;

  public Block {
    if (offset < 0) {
      throw new InvalidFeedSyncException("a block offset is never negative, got " + offset);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new InvalidFeedSyncException("a block size must be in 1.." + MAX_SIZE + ", got " + size);
    }
    Sha256.require("a block hash", hash);
  }

  public long end() {
    return offset + size;
  }
}
