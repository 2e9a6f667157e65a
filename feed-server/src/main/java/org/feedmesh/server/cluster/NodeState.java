package org.feedmesh.server.cluster;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a server must remember about its place in the pair across restarts (kept in {@code
 * DATA/cluster.properties} by {@link NodeStateFile}).
 *
 * @param epoch the highest approval epoch this server knows; never goes down
 * @param role what it was doing
 * @param peer the other server: a primary's standby (once one attached), a standby's primary
 * @param sync (primary) its standby was in step: it must not approve again without a lease from it
 * @param syncSince (primary) the log position from which every approved write waited for the
 *     standby
 * @param inSync (standby) its primary said it holds every acknowledged write: it may take over
 */
public record NodeState(
    long epoch, Role role, Optional<URI> peer, boolean sync, long syncSince, boolean inSync) {
  public NodeState {
    if (epoch < 1) {
      throw new IllegalArgumentException("epochs start at 1, got " + epoch);
    }
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(peer, "peer");
  }

  /** A fresh primary with no standby yet. */
  public static NodeState firstPrimary() {
    return new NodeState(1, Role.PRIMARY, Optional.empty(), false, 0, false);
  }

  /** A standby of {@code primary} that has not caught up yet. */
  public static NodeState standbyOf(URI primary, long epoch) {
    return new NodeState(epoch, Role.STANDBY, Optional.of(primary), false, 0, false);
  }

  public NodeState withEpoch(long newEpoch) {
    return new NodeState(Math.max(epoch, newEpoch), role, peer, sync, syncSince, inSync);
  }

  public NodeState withPeer(URI newPeer) {
    return new NodeState(epoch, role, Optional.of(newPeer), sync, syncSince, inSync);
  }

  public NodeState withSync(boolean newSync, long since) {
    return new NodeState(epoch, role, peer, newSync, since, inSync);
  }

  public NodeState withInSync(boolean newInSync) {
    return new NodeState(epoch, role, peer, sync, syncSince, newInSync);
  }

  /** This standby taking over: the next epoch, primary, approving alone until a standby attaches. */
  public NodeState promoted() {
    return new NodeState(epoch + 1, Role.PRIMARY, peer, false, 0, false);
  }
}
