package org.feedmesh.lookup;

import java.util.List;

/**
 * What the lookup says about one blob: its size and block list (empty when not asked for, as in
 * batch answers) and its live locators in the order to try them.
 */
public record BlobAnswer(
    BlobId id, long size, int blockCount, List<Block> blocks, List<LocatorInfo> locators) {
  public BlobAnswer {
    blocks = List.copyOf(blocks);
    locators = List.copyOf(locators);
  }
}
