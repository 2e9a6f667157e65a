package org.feedmesh.lookup;

import java.time.Instant;
import java.util.List;

/**
 * One holder of a blob as an asker sees it. When the endpoint registered the blob under several
 * namespaces the asker may read, they are merged: the union of the held blocks, the latest refresh
 * and expiry.
 *
 * @param sameNetwork whether ranking found it on the asker's network
 */
public record LocatorInfo(
    String endpointId,
    List<String> namespaces,
    PeerContact contact,
    HeldBlocks held,
    int heldCount,
    Instant registeredAt,
    Instant refreshedAt,
    Instant expiresAt,
    boolean sameNetwork) {
  public LocatorInfo {
    namespaces = List.copyOf(namespaces);
  }
}
