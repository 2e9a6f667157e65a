package org.feedmesh.lookup.api;

import java.util.List;

/** Block {@code index} of blob {@code blobId}, held by {@code endpoints} (best first). */
public record BlockLocationJson(
    String blobId, int index, long offset, int size, List<String> endpoints) {}
