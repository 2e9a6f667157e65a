package org.feedmesh.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;

/**
 * A blob and how it splits into blocks. The block list must tile the blob exactly: block {@code i}
 * has index {@code i}, starts where block {@code i-1} ends (the first at 0), and the sizes add up
 * to the blob's size. An empty blob has no blocks.
 */
public record BlobLayout(BlobId id, long size, List<Block> blocks) {
  public BlobLayout {
    Objects.requireNonNull(id, "id");
    if (size < 0) {
      throw new IllegalArgumentException("blob size must be >= 0, got " + size);
    }
    blocks = List.copyOf(blocks);
    long expectedOffset = 0;
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      if (b.index() != i) {
        throw new IllegalArgumentException(
            "block list out of order: position " + i + " holds block index " + b.index());
      }
      if (b.offset() != expectedOffset) {
        throw new IllegalArgumentException(
            "block "
                + i
                + " starts at "
                + b.offset()
                + " but the previous blocks end at "
                + expectedOffset
                + (b.offset() < expectedOffset ? " (overlap)" : " (gap)"));
      }
      expectedOffset = b.end();
    }
    if (expectedOffset != size) {
      throw new IllegalArgumentException(
          "block sizes add up to " + expectedOffset + " but the blob size is " + size);
    }
  }

  /**
   * The layout of a file's content as its {@code fm:file} payload gives it.
   *
   * @throws IllegalArgumentException when the payload is not a file
   */
  public static BlobLayout of(FileMeta file) {
    if (file.kind() != FileKind.FILE) {
      throw new IllegalArgumentException(file.path() + " is a " + file.kind() + ", not a file");
    }
    List<Block> blocks = new ArrayList<>(file.blocks().size());
    for (org.feedmesh.feedsync.fm.Block b : file.blocks()) {
      blocks.add(new Block(blocks.size(), b.offset(), b.size(), new BlockHash(b.hash())));
    }
    return new BlobLayout(new BlobId(file.blobId()), file.size(), blocks);
  }

  public int blockCount() {
    return blocks.size();
  }
}
