package org.feedmesh.lookup.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Body of {@code POST /blobs/lookup}: blob ids and/or block hashes to look up, and optionally the
 * asker's LAN id and addresses (for ranking).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LookupJson(
    List<String> blobs, List<String> blocks, String lanId, List<String> addresses) {}
