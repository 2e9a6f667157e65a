package org.feedmesh.agent.lan;

import java.net.URI;
import java.util.Objects;

/**
 * A LAN peer that advertised a namespace at or past a journal cursor: a candidate source for the
 * blocks of that cursor's entries. A hint only: the block request is authenticated and its bytes
 * verified as from any other peer.
 *
 * @param endpointId the peer's endpoint id
 * @param baseUrl its peer server, {@code http://ADDRESS:PORT/}
 * @param cursor the cursor it advertised for the namespace
 */
public record LanCandidate(String endpointId, URI baseUrl, long cursor) {
  public LanCandidate {
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (cursor < 0) {
      throw new IllegalArgumentException("a cursor is >= 0, got " + cursor);
    }
  }
}
