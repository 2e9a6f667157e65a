package org.feedmesh.server.cluster;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code /health} and the browser view show about a server's place in the pair.
 *
 * @param role primary or standby
 * @param epoch its approval epoch
 * @param approving (primary) whether it approves updates right now
 * @param peer the other server, if known
 * @param lagEntries (standby) log entries the primary has that it has not applied; (primary) the
 *     same, as its standby last reported; 0 without a peer
 * @param peerState a short word for the other server: {@code "none"}, {@code "catching-up"},
 *     {@code "in-sync"}, {@code "unreachable"}, {@code "primary"}
 */
public record ClusterView(
    Role role,
    long epoch,
    boolean approving,
    Optional<String> peer,
    long lagEntries,
    String peerState) {
  public ClusterView {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(peerState, "peerState");
  }

  /** A server that is not part of a pair. */
  public static ClusterView standalone() {
    return new ClusterView(Role.PRIMARY, 1, true, Optional.empty(), 0, "none");
  }

  /** The fields as /health shows them. */
  public java.util.Map<String, Object> toMap() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("role", role.label());
    m.put("epoch", epoch);
    m.put("approving", approving);
    peer.ifPresent(p -> m.put("peer", p));
    m.put("peerState", peerState);
    m.put("lag", lagEntries);
    return m;
  }
}
