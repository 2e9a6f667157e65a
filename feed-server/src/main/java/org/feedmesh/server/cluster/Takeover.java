package org.feedmesh.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standby's promise to its primary and its decision to take over (seed 002: the second server
 * approves when a requester says the first cannot, after checking for itself).
 *
 * <p>A lease renewal makes the standby promise not to take over until it received the renewal plus
 * the lease; on start it assumes a promise made just before. It takes over only when all hold: a
 * requester said the primary is unreachable; it is in step with the primary ({@link
 * NodeState#inSync()}); its promise ran out (it waits for that, at most a lease); and it cannot
 * reach the primary itself, or the primary says it does not approve. Then it stores the next epoch
 * as primary before anything else. Thread-safe: renewals and takeover are serialized.
 */
final class Takeover {
  private static final Logger log = LoggerFactory.getLogger(Takeover.class);

  /** What {@link #attempt} decided. */
  record Outcome(boolean tookOver, long epoch, String reason) {}

  private final NodeStateFile state;
  private final ClusterSettings settings;
  private final PeerClient peers;
  private final Follower follower;
  private final Runnable promote;
  private long promisedUntilNanos;
  private boolean promoted;

  /** @param promote called once, after the new epoch is stored: start serving as primary */
  Takeover(
      NodeStateFile state,
      ClusterSettings settings,
      PeerClient peers,
      Follower follower,
      Runnable promote) {
    this.state = Objects.requireNonNull(state, "state");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.peers = Objects.requireNonNull(peers, "peers");
    this.follower = Objects.requireNonNull(follower, "follower");
    this.promote = Objects.requireNonNull(promote, "promote");
    this.promisedUntilNanos = System.nanoTime() + settings.lease().toNanos();
  }

  /** What a lease call gets back: granted with our epoch and position, or refused with ours. */
  record Grant(boolean granted, long epoch, long applied) {}

  /**
   * The primary renews its lease: promise not to take over for a lease from now; learn its epoch;
   * become in step once the copy holds everything the primary approved alone ({@code syncSince}).
   */
  synchronized Grant renew(long epoch, long syncSince) {
    NodeState s = state.get();
    if (promoted || epoch < s.epoch()) {
      return new Grant(false, s.epoch(), follower.applied());
    }
    if (epoch > s.epoch()) {
      s = state.set(s.withEpoch(epoch));
    }
    promisedUntilNanos = System.nanoTime() + settings.lease().toNanos();
    if (!s.inSync() && follower.applied() >= syncSince && follower.applied() >= 0) {
      state.set(s.withInSync(true));
      log.info("in step with the primary at log position {}: this standby may take over", syncSince);
    }
    return new Grant(true, s.epoch(), follower.applied());
  }

  synchronized boolean promoted() {
    return promoted;
  }

  /** A requester says the primary {@code unreachable} does not answer: check, maybe take over. */
  synchronized Outcome attempt(String unreachable) throws InterruptedException {
    NodeState s = state.get();
    if (promoted) {
      return new Outcome(true, s.epoch(), "already took over");
    }
    if (!s.inSync()) {
      return new Outcome(false, s.epoch(),
          "this standby is not in step with the primary yet, so it may lack acknowledged writes");
    }
    long wait = promisedUntilNanos - System.nanoTime();
    if (wait > 0) {
      wait(TimeUnit.NANOSECONDS.toMillis(wait) + 1); // renewals may come in meanwhile
      if (promoted) {
        // wait() let other requesters in; one of them took over meanwhile: take over only once
        return new Outcome(true, state.get().epoch(), "already took over");
      }
      if (promisedUntilNanos - System.nanoTime() > 0) {
        return new Outcome(false, s.epoch(), "the primary renewed its lease just now: it is alive");
      }
    }
    URI primary = s.peer().orElseThrow();
    try {
      JsonNode other = peers.state(primary);
      if (other.path("approving").asBoolean() && other.path("epoch").asLong() >= s.epoch()) {
        return new Outcome(false, s.epoch(), "the primary " + primary + " answers this server and approves");
      }
    } catch (IOException e) {
      log.info("the primary {} does not answer this standby either: {}", primary, e.toString());
    }
    follower.close(); // nothing more arrives from the old primary
    NodeState next = state.set(state.get().promoted());
    promoted = true;
    log.warn(
        "taking over as primary with epoch {}: a requester said {} is unreachable, and so it is",
        next.epoch(),
        unreachable);
    promote.run();
    return new Outcome(true, next.epoch(), "took over");
  }
}
