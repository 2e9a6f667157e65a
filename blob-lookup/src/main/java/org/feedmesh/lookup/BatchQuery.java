package org.feedmesh.lookup;

import java.util.List;
import java.util.Optional;

/**
 * A batch lookup: many blob ids and/or block hashes in one request, plus what the asker says about
 * its network (its LAN id and addresses) for ranking.
 */
public record BatchQuery(
    List<BlobId> blobs, List<BlockHash> blocks, Optional<String> lanId, List<String> addresses) {
  public BatchQuery {
    blobs = List.copyOf(blobs);
    blocks = List.copyOf(blocks);
    addresses = List.copyOf(addresses);
  }

  public static BatchQuery ofBlocks(List<BlockHash> blocks) {
    return new BatchQuery(List.of(), blocks, Optional.empty(), List.of());
  }

  public static BatchQuery ofBlobs(List<BlobId> blobs) {
    return new BatchQuery(blobs, List.of(), Optional.empty(), List.of());
  }
}
