package org.feedmesh.lookup.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Body of {@code PUT /blobs/{blobId}/locators/{endpointId}}. {@code namespace} is required; {@code
 * size} and {@code blocks} (in order, each with offset, size and hash; index optional) are required
 * the first time a blob is registered and must match afterwards; {@code held} lists the held blocks
 * as sorted {@code [first, last]} index ranges (absent = the whole blob); {@code peerUrls}/{@code
 * lanId}, when present, replace the endpoint's announced contact; {@code ttlSeconds} absent means
 * the server's default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocatorPutJson(
    String namespace,
    List<String> peerUrls,
    String lanId,
    Long size,
    List<BlockJson> blocks,
    List<List<Integer>> held,
    Long ttlSeconds) {}
