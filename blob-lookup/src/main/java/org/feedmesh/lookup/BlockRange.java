package org.feedmesh.lookup;

/** The block indexes {@code first..last}, both included. */
public record BlockRange(int first, int last) {
  public BlockRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException(
          "a block range needs 0 <= first <= last, got [" + first + ", " + last + "]");
    }
  }

  public int count() {
    return last - first + 1;
  }
}
