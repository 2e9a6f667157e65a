package org.feedmesh.lookup;

import java.time.Instant;

/** A stored locator, as a register/refresh call answers it. */
public record Registration(
    BlobId blobId,
    String endpointId,
    String namespace,
    HeldBlocks held,
    int heldCount,
    Instant registeredAt,
    Instant refreshedAt,
    Instant expiresAt,
    boolean created) {}
