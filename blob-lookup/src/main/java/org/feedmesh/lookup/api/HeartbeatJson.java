package org.feedmesh.lookup.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Body of {@code POST /blobs/heartbeat/{endpointId}} (may be {@code {}}): a new contact when
 * present, and the lease wanted ({@code ttlSeconds} absent = the server's default).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HeartbeatJson(List<String> peerUrls, String lanId, Long ttlSeconds) {}
