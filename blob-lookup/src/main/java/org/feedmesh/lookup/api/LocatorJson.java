package org.feedmesh.lookup.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One holder of a blob; {@code held} absent means the whole blob. Times are RFC 3339 UTC. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocatorJson(
    String endpointId,
    List<String> namespaces,
    List<String> peerUrls,
    String lanId,
    List<List<Integer>> held,
    int heldCount,
    String registeredAt,
    String refreshedAt,
    String expiresAt,
    boolean sameNetwork) {}
