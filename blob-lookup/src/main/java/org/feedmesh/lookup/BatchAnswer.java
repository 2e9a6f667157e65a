package org.feedmesh.lookup;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link BatchQuery}, in the query's order: each visible blob asked for (without
 * its block list), the places each block hash can be fetched from, and the endpoints those name.
 * Ids the caller may not see, that nobody holds, or that are unknown are listed in {@code unknown}
 * — the three cases look alike on purpose.
 */
public record BatchAnswer(
    Map<BlobId, BlobAnswer> blobs,
    Map<BlockHash, List<BlockLocation>> blocks,
    Map<String, PeerInfo> endpoints,
    List<String> unknown) {
  public BatchAnswer {
    blobs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(blobs));
    blocks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(blocks));
    endpoints = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(endpoints));
    unknown = List.copyOf(unknown);
  }
}
