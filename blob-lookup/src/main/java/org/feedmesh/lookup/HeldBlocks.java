package org.feedmesh.lookup;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Which blocks of a blob a holder has: the whole blob, or some of its blocks as sorted, disjoint
 * index ranges. A holder that is still downloading registers the ranges it already has, so others
 * can take those blocks from it.
 *
 * <p>Stored as a bitmap (one bit per block, {@code null} for the whole blob) so that a partial
 * holder costs one row however its blocks are scattered.
 */
public final class HeldBlocks {
  private static final HeldBlocks ALL = new HeldBlocks(null);

  /** Null means the whole blob. */
  private final List<BlockRange> ranges;

  private HeldBlocks(List<BlockRange> ranges) {
    this.ranges = ranges;
  }

  public static HeldBlocks all() {
    return ALL;
  }

  /**
   * Some blocks, as ranges sorted by first index that neither overlap nor repeat. Adjacent ranges
   * are merged.
   *
   * @throws IllegalArgumentException when the ranges are unsorted or overlap
   */
  public static HeldBlocks ranges(List<BlockRange> ranges) {
    List<BlockRange> merged = new ArrayList<>();
    BlockRange previous = null;
    for (BlockRange r : ranges) {
      if (previous != null && r.first() <= previous.last()) {
        throw new IllegalArgumentException(
            "held block ranges must be sorted and disjoint: ["
                + r.first()
                + ", "
                + r.last()
                + "] follows ["
                + previous.first()
                + ", "
                + previous.last()
                + "]");
      }
      if (previous != null && r.first() == previous.last() + 1) {
        BlockRange last = merged.get(merged.size() - 1);
        merged.set(merged.size() - 1, new BlockRange(last.first(), r.last()));
      } else {
        merged.add(r);
      }
      previous = r;
    }
    return new HeldBlocks(List.copyOf(merged));
  }

  public boolean isAll() {
    return ranges == null;
  }

  /** The held ranges; empty when the whole blob is held (see {@link #isAll()}). */
  public Optional<List<BlockRange>> someRanges() {
    return Optional.ofNullable(ranges);
  }

  public boolean holds(int index) {
    if (ranges == null) {
      return true;
    }
    for (BlockRange r : ranges) {
      if (index < r.first()) {
        return false;
      }
      if (index <= r.last()) {
        return true;
      }
    }
    return false;
  }

  /** How many of a blob's {@code blockCount} blocks are held. */
  public int count(int blockCount) {
    if (ranges == null) {
      return blockCount;
    }
    return ranges.stream().mapToInt(BlockRange::count).sum();
  }

  /** The highest index named, or -1 for the whole blob or no blocks. */
  public int highestIndex() {
    return ranges == null || ranges.isEmpty() ? -1 : ranges.get(ranges.size() - 1).last();
  }

  /**
   * One bit per block (bit {@code i} of byte {@code i / 8}, least significant first), or {@code
   * null} when every block is held — a subset that turns out to cover the whole blob is stored as
   * the whole blob.
   */
  public byte[] toBitmap(int blockCount) {
    if (ranges == null || count(blockCount) == blockCount) {
      return null;
    }
    BitSet bits = new BitSet(blockCount);
    for (BlockRange r : ranges) {
      bits.set(r.first(), r.last() + 1);
    }
    byte[] packed = new byte[(blockCount + 7) / 8];
    byte[] set = bits.toByteArray();
    System.arraycopy(set, 0, packed, 0, set.length);
    return packed;
  }

  /** The inverse of {@link #toBitmap(int)}; {@code null} is the whole blob. */
  public static HeldBlocks fromBitmap(byte[] bitmap) {
    if (bitmap == null) {
      return ALL;
    }
    BitSet bits = BitSet.valueOf(bitmap);
    List<BlockRange> out = new ArrayList<>();
    int start = bits.nextSetBit(0);
    while (start >= 0) {
      int end = bits.nextClearBit(start);
      out.add(new BlockRange(start, end - 1));
      start = bits.nextSetBit(end);
    }
    return new HeldBlocks(List.copyOf(out));
  }

  /** Whether bit {@code index} is set in a bitmap made by {@link #toBitmap(int)}. */
  public static boolean bitmapHolds(byte[] bitmap, int index) {
    if (bitmap == null) {
      return true;
    }
    int slot = index >>> 3;
    return slot < bitmap.length && (bitmap[slot] & (1 << (index & 7))) != 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeldBlocks other && java.util.Objects.equals(ranges, other.ranges);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(ranges);
  }

  @Override
  public String toString() {
    return ranges == null ? "all" : ranges.toString();
  }
}
