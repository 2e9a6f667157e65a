package org.feedmesh.server.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a server takes part in a primary/standby pair.
 *
 * @param standbyOf the primary to copy when this server starts as a standby ({@code --standby-of})
 * @param clusterToken the secret the pair's servers show each other: the primary's admin token.
 *     A standby needs it given ({@code --primary-token}, {@code FEEDMESH_PRIMARY_TOKEN}); a
 *     primary reads its own {@code DATA/admin.token}
 * @param lease how long one renewal of the primary's lease on approval lasts; renewed every third
 * @param probeTimeout how long the standby tries to reach the primary before it takes over, and the
 *     connect timeout of every call between the two
 * @param synchronous acknowledge a write only once the standby has it (the default); false: do not
 *     wait, and lose the last writes when the primary fails
 */
public record ClusterSettings(
    Optional<URI> standbyOf,
    Optional<String> clusterToken,
    Duration lease,
    Duration probeTimeout,
    boolean synchronous) {

  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(5);
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration MIN_LEASE = Duration.ofMillis(300);

  public ClusterSettings {
    Objects.requireNonNull(standbyOf, "standbyOf");
    Objects.requireNonNull(clusterToken, "clusterToken");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(probeTimeout, "probeTimeout");
    if (lease.compareTo(MIN_LEASE) < 0) {
      throw new IllegalArgumentException(
          "--lease-millis must be at least " + MIN_LEASE.toMillis() + ", got " + lease.toMillis());
    }
    if (probeTimeout.isNegative() || probeTimeout.isZero()) {
      throw new IllegalArgumentException(
          "--probe-timeout-millis must be positive, got " + probeTimeout.toMillis());
    }
    if (standbyOf.isPresent() && clusterToken.isEmpty()) {
      throw new IllegalArgumentException(
          "--standby-of needs the primary's admin token: --primary-token TOKEN,"
              + " --primary-token-file FILE or env FEEDMESH_PRIMARY_TOKEN");
    }
  }

  /** A primary that waits for its standby, with the default lease. */
  public static ClusterSettings defaults() {
    return new ClusterSettings(
        Optional.empty(), Optional.empty(), DEFAULT_LEASE, DEFAULT_PROBE_TIMEOUT, true);
  }

  /** How often the primary renews its lease. */
  public Duration renewEvery() {
    return lease.dividedBy(3);
  }
}
