package org.feedmesh.lookup;

import java.util.List;

/**
 * Where a block can be fetched: block {@code index} ({@code size} bytes at {@code offset}) of blob
 * {@code blobId}, held by these endpoints in the order to try them (their contacts are in the batch
 * answer's endpoint map).
 */
public record BlockLocation(
    BlobId blobId, int index, long offset, int size, List<String> endpointIds) {
  public BlockLocation {
    endpointIds = List.copyOf(endpointIds);
  }
}
