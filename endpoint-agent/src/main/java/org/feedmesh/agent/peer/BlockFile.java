package org.feedmesh.agent.peer;

import java.util.Objects;
import org.feedmesh.feedsync.fm.Block;

/**
 * Where a block's bytes are on disk: {@code size} bytes of {@code file} from {@code offset}. A
 * hint: the file may have changed since, so whoever reads it verifies the hash.
 */
public record BlockFile(java.nio.file.Path file, long offset, int size) {
  public BlockFile {
    Objects.requireNonNull(file, "file");
    if (offset < 0) {
      throw new IllegalArgumentException("a block offset is never negative, got " + offset);
    }
    if (size < 1 || size > Block.MAX_SIZE) {
      throw new IllegalArgumentException(
          "a block size must be in 1.." + Block.MAX_SIZE + ", got " + size);
    }
  }
}
