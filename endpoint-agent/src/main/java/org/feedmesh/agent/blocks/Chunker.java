package org.feedmesh.agent.blocks;

import java.util.Objects;

/**
 * FastCDC-style content-defined chunking (Xia et al., USENIX ATC 2016): a gear rolling hash
 * {@code h = (h << 1) + GEAR[byte]} is tested against a mask after every byte; a zero result ends a
 * block. Because the hash depends only on the last 64 bytes, an insertion moves the cut points
 * right after it and re-synchronises within a block or two, so only nearby blocks change.
 *
 * <p>Normalised chunking: before {@code avg} bytes a stricter mask (2 more bits) is used, after it a
 * looser one (2 fewer bits), which narrows the size distribution around {@code avg}. The first
 * {@code min} bytes of a block are not hashed at all (cut points are never there). The masks use
 * the <em>high</em> bits of the hash, which depend on the most bytes of the window.
 *
 * <p>The gear table is generated from a fixed seed (SplitMix64), so every agent cuts equal content
 * at equal offsets. Changing the seed, the masks or the params changes every block hash in the
 * network: don't. Stateless and thread-safe.
 */
public final class Chunker {
  private static final long GEAR_SEED = 0x46656564_4d657368L; // "FeedMesh"
  private static final long[] GEAR = gearTable(GEAR_SEED);

  private final ChunkerParams params;
  private final long maskStrict;
  private final long maskLoose;

  public Chunker(ChunkerParams params) {
    this.params = Objects.requireNonNull(params, "params");
    int bits = params.avgBits();
    this.maskStrict = highBits(bits + 2);
    this.maskLoose = highBits(bits - 2);
  }

  public ChunkerParams params() {
    return params;
  }

  /**
   * The length of the block starting at {@code data[from]}, given {@code length} bytes available
   * there. When {@code length < max} the caller must pass everything up to the end of the input
   * (the block may then end at {@code length}); otherwise the result is in {@code min..max}.
   */
  public int cut(byte[] data, int from, int length) {
    if (length <= params.min()) {
      return length;
    }
    int limit = Math.min(length, params.max());
    int normal = Math.min(limit, params.avg());
    long h = 0;
    int i = params.min();
    for (; i < normal; i++) {
      h = (h << 1) + GEAR[data[from + i] & 0xff];
      if ((h & maskStrict) == 0) {
        return i + 1;
      }
    }
    for (; i < limit; i++) {
      h = (h << 1) + GEAR[data[from + i] & 0xff];
      if ((h & maskLoose) == 0) {
        return i + 1;
      }
    }
    return limit;
  }

  private static long highBits(int count) {
    return count <= 0 ? 0 : -1L << (64 - count);
  }

  static long[] gearTable(long seed) {
    long[] table = new long[256];
    long state = seed;
    for (int i = 0; i < table.length; i++) {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      table[i] = z ^ (z >>> 31);
    }
    return table;
  }
}
