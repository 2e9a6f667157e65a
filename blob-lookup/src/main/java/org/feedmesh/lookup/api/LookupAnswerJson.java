package org.feedmesh.lookup.api;

import java.util.List;
import java.util.Map;

/**
 * The answer to {@code POST /blobs/lookup}: blobs by id, block locations by hash, the endpoints
 * those name by id, and the ids with no visible answer.
 */
public record LookupAnswerJson(
    Map<String, BlobJson> blobs,
    Map<String, List<BlockLocationJson>> blocks,
    Map<String, PeerJson> endpoints,
    List<String> unknown) {}
