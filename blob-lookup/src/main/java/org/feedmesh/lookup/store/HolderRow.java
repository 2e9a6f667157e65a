package org.feedmesh.lookup.store;

import java.time.Instant;
import java.util.Optional;
import org.feedmesh.lookup.HeldBlocks;
import org.feedmesh.lookup.PeerContact;

/**
 * One live locator as stored, with its blob and its endpoint's contact. {@code refreshedAt} and
 * {@code expiresAt} already account for the endpoint's heartbeat lease.
 *
 * @param heldBitmap one bit per block, {@code null} for the whole blob (see {@link HeldBlocks})
 */
public record HolderRow(
    StoredBlob blob,
    String endpointId,
    String namespace,
    byte[] heldBitmap,
    int heldCount,
    Instant registeredAt,
    Instant refreshedAt,
    Instant expiresAt,
    PeerContact contact,
    Optional<String> seenAddress) {

  public long blobKey() {
    return blob.key();
  }

  public boolean holds(int blockIndex) {
    return HeldBlocks.bitmapHolds(heldBitmap, blockIndex);
  }

  public HeldBlocks held() {
    return HeldBlocks.fromBitmap(heldBitmap);
  }
}
