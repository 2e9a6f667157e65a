package org.feedmesh.lookup.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An endpoint named in a batch answer: how to reach it, how fresh it is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PeerJson(
    List<String> peerUrls,
    String lanId,
    String refreshedAt,
    String expiresAt,
    boolean sameNetwork) {}
