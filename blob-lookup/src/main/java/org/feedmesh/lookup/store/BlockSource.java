package org.feedmesh.lookup.store;

/** Where a block hash occurs: block {@code index} of the blob with key {@code blobKey}. */
public record BlockSource(long blobKey, int index, long offset, int size) {}
