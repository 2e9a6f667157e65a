package org.feedmesh.agent.peer;

import java.net.URI;

/**
 * An endpoint that may hold a block, and the base URL of its peer port (normalized to end in {@code
 * /}).
 */
public record PeerSource(String endpointId, URI baseUrl) {
  public PeerSource {
    if (endpointId == null || !Ticket.NAME.matcher(endpointId).matches()) {
      throw new IllegalArgumentException("a peer needs a valid endpoint id, got " + endpointId);
    }
    if (baseUrl == null
        || baseUrl.getHost() == null
        || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
      throw new IllegalArgumentException(
          "a peer's base URL is http(s) with a host, got " + baseUrl + " for " + endpointId);
    }
    String s = baseUrl.toString();
    if (!s.endsWith("/")) {
      baseUrl = URI.create(s + "/");
    }
  }

  /** Where this peer serves the block with the given hash. */
  URI blockUrl(String hash) {
    return baseUrl.resolve("blocks/" + hash);
  }

  /** Where this peer takes requests for many blocks at once ({@code POST}). */
  URI batchUrl() {
    return baseUrl.resolve("blocks");
  }
}
