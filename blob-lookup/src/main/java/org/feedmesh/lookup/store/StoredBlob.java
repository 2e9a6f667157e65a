package org.feedmesh.lookup.store;

import org.feedmesh.lookup.BlobId;

/** A blob the store knows: its internal key, id, size and number of blocks. */
public record StoredBlob(long key, BlobId id, long size, int blockCount) {}
