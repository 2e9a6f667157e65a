package org.feedmesh.agent.blocks;

import java.util.SplittableRandom;

/** Reproducible random content for block tests. */
final class TestData {
  static final ChunkerParams SMALL = new ChunkerParams(4 << 10, 16 << 10, 64 << 10);

  private TestData() {}

  static byte[] random(long seed, int size) {
    byte[] data = new byte[size];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < size; i += 8) {
      long v = r.nextLong();
      for (int j = 0; j < 8 && i + j < size; j++) {
        data[i + j] = (byte) (v >>> (8 * j));
      }
    }
    return data;
  }
}
