package org.feedmesh.agent.peer;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link BlockFetcher} downloads.
 *
 * @param perPeer blocks downloaded from one endpoint at once
 * @param total blocks downloaded at once, all peers and all fetches of this fetcher together
 * @param connectTimeout a peer that does not accept the connection in this time is skipped
 * @param readTimeout a peer silent this long in the middle of an answer is skipped
 * @param blockTimeout the longest one block may take from one peer, so a peer that trickles is
 *     abandoned too
 * @param busyRetries how often a block whose every candidate was busy (503) is asked again, after
 *     the peer's {@code Retry-After} (at most {@link #MAX_BUSY_WAIT})
 */
public record FetchSettings(
    int perPeer,
    int total,
    Duration connectTimeout,
    Duration readTimeout,
    Duration blockTimeout,
    int busyRetries) {
  public static final Duration MAX_BUSY_WAIT = Duration.ofSeconds(5);

  public static final FetchSettings DEFAULT =
      new FetchSettings(
          4, 16, Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(60), 2);

  public FetchSettings {
    if (perPeer < 1 || perPeer > 64) {
      throw new IllegalArgumentException("per-peer downloads must be in 1..64, got " + perPeer);
    }
    if (total < perPeer || total > 256) {
      throw new IllegalArgumentException(
          "total downloads must be in " + perPeer + "..256 (at least per-peer), got " + total);
    }
    positive("connect timeout", connectTimeout);
    positive("read timeout", readTimeout);
    positive("block timeout", blockTimeout);
    if (busyRetries < 0 || busyRetries > 100) {
      throw new IllegalArgumentException("busy retries must be in 0..100, got " + busyRetries);
    }
  }

  private static void positive(String what, Duration d) {
    if (Objects.requireNonNull(d, what).isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }

  public FetchSettings withTimeouts(Duration connect, Duration read, Duration block) {
    return new FetchSettings(perPeer, total, connect, read, block, busyRetries);
  }

  public FetchSettings withConcurrency(int perPeer, int total) {
    return new FetchSettings(
        perPeer, total, connectTimeout, readTimeout, blockTimeout, busyRetries);
  }
}
