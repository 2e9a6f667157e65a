package org.feedmesh.agent.blocks;

import org.feedmesh.feedsync.fm.Block;

/**
 * Sizes of content-defined blocks: no block is shorter than {@code min} (except the last of a file)
 * or longer than {@code max}; on random data blocks average about {@code avg}. {@code avg} is a
 * power of two because the chunker's masks are built from its bit count.
 */
public record ChunkerParams(int min, int avg, int max) {

  /** 256 KiB / 1 MiB / 4 MiB: what every agent uses, so that equal content gives equal blocks. */
  public static final ChunkerParams DEFAULT = new ChunkerParams(256 << 10, 1 << 20, 4 << 20);

  /** Smallest allowed average: below it the normalisation masks would have too few bits. */
  public static final int MIN_AVG = 64;

  public ChunkerParams {
    if (avg < MIN_AVG || Integer.bitCount(avg) != 1) {
      throw new IllegalArgumentException(
          "chunker avg must be a power of two >= " + MIN_AVG + ", got " + avg);
    }
    if (min < 1 || min >= avg) {
      throw new IllegalArgumentException("chunker min must be in 1.." + (avg - 1) + ", got " + min
          + " (avg " + avg + ")");
    }
    if (max <= avg || max > Block.MAX_SIZE) {
      throw new IllegalArgumentException("chunker max must be in " + (avg + 1) + ".." + Block.MAX_SIZE
          + ", got " + max + " (avg " + avg + ")");
    }
  }

  /** log2(avg). */
  int avgBits() {
    return Integer.numberOfTrailingZeros(avg);
  }
}
