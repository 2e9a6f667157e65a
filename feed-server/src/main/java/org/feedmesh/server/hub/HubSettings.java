package org.feedmesh.server.hub;

import java.time.Duration;
import java.util.Objects;

/**
 * How the WebSub hub behaves, validated once at start-up: a bad setting fails with a message that
 * names it. Every setting has a {@code feedmesh server} option (see the feed server README).
 *
 * @param defaultLease lease given when a subscriber asks for none ({@code hub.lease_seconds})
 * @param minLease shortest lease granted; shorter requests are raised to it
 * @param maxLease longest lease granted; longer requests are cut to it
 * @param signature HMAC used for {@code X-Hub-Signature} when a subscriber gave a secret
 * @param maxInFlight distribution requests in flight at once, over all subscribers
 * @param verifyThreads threads that verify intent (one verification GET each at a time)
 * @param connectTimeout connect timeout of every request to a callback
 * @param callTimeout whole-request timeout of every request to a callback (a hanging subscriber
 *     holds one in-flight slot at most this long)
 * @param retryBase delay before the first retry of a failed distribution; doubles per failure
 * @param retryMax longest delay between retries
 * @param batchMaxEntries most entries one distribution request carries
 * @param batchMaxBytes largest body one distribution request carries (a single entry larger than
 *     this still goes, alone)
 * @param sweepInterval how often expired and ended subscriptions are purged (and every subscription
 *     owed something is looked at again)
 */
public record HubSettings(
    Duration defaultLease,
    Duration minLease,
    Duration maxLease,
    SignatureAlgorithm signature,
    int maxInFlight,
    int verifyThreads,
    Duration connectTimeout,
    Duration callTimeout,
    Duration retryBase,
    Duration retryMax,
    int batchMaxEntries,
    int batchMaxBytes,
    Duration sweepInterval) {

  public static final Duration DEFAULT_LEASE = Duration.ofDays(10);
  public static final Duration DEFAULT_MIN_LEASE = Duration.ofMinutes(5);
  public static final Duration DEFAULT_MAX_LEASE = Duration.ofDays(30);
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;
  public static final int DEFAULT_VERIFY_THREADS = 4;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RETRY_BASE = Duration.ofSeconds(5);
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofMinutes(15);
  public static final int DEFAULT_BATCH_MAX_ENTRIES = 500;
  public static final int DEFAULT_BATCH_MAX_BYTES = 1 << 20;
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);

  public HubSettings {
    positive("hub default lease", defaultLease, Duration.ofSeconds(1));
    positive("hub minimum lease", minLease, Duration.ofSeconds(1));
    positive("hub maximum lease", maxLease, Duration.ofSeconds(1));
    if (minLease.compareTo(maxLease) > 0) {
      throw new IllegalArgumentException(
          "hub minimum lease "
              + minLease.toSeconds()
              + " s is above the maximum lease "
              + maxLease.toSeconds()
              + " s");
    }
    if (defaultLease.compareTo(minLease) < 0 || defaultLease.compareTo(maxLease) > 0) {
      throw new IllegalArgumentException(
          "hub default lease "
              + defaultLease.toSeconds()
              + " s must lie between the minimum "
              + minLease.toSeconds()
              + " s and the maximum "
              + maxLease.toSeconds()
              + " s");
    }
    Objects.requireNonNull(signature, "hub signature algorithm");
    atLeast("hub max in-flight deliveries", maxInFlight, 1);
    atLeast("hub verify threads", verifyThreads, 1);
    positive("hub connect timeout", connectTimeout, Duration.ofMillis(1));
    positive("hub call timeout", callTimeout, Duration.ofMillis(1));
    positive("hub retry base delay", retryBase, Duration.ofMillis(1));
    positive("hub retry max delay", retryMax, Duration.ofMillis(1));
    if (retryBase.compareTo(retryMax) > 0) {
      throw new IllegalArgumentException(
          "hub retry base delay " + retryBase + " is above the retry max delay " + retryMax);
    }
    atLeast("hub batch max entries", batchMaxEntries, 1);
    atLeast("hub batch max bytes", batchMaxBytes, 1024);
    positive("hub sweep interval", sweepInterval, Duration.ofMillis(10));
  }

  /** Every default. */
  public static HubSettings defaults() {
    return new HubSettings(
        DEFAULT_LEASE,
        DEFAULT_MIN_LEASE,
        DEFAULT_MAX_LEASE,
        SignatureAlgorithm.SHA256,
        DEFAULT_MAX_IN_FLIGHT,
        DEFAULT_VERIFY_THREADS,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_CALL_TIMEOUT,
        DEFAULT_RETRY_BASE,
        DEFAULT_RETRY_MAX,
        DEFAULT_BATCH_MAX_ENTRIES,
        DEFAULT_BATCH_MAX_BYTES,
        DEFAULT_SWEEP_INTERVAL);
  }

  public HubSettings withLeases(Duration dflt, Duration min, Duration max) {
    return new HubSettings(
        dflt,
        min,
        max,
        signature,
        maxInFlight,
        verifyThreads,
        connectTimeout,
        callTimeout,
        retryBase,
        retryMax,
        batchMaxEntries,
        batchMaxBytes,
        sweepInterval);
  }

  public HubSettings withSignature(SignatureAlgorithm algorithm) {
    return new HubSettings(
        defaultLease,
        minLease,
        maxLease,
        algorithm,
        maxInFlight,
        verifyThreads,
        connectTimeout,
        callTimeout,
        retryBase,
        retryMax,
        batchMaxEntries,
        batchMaxBytes,
        sweepInterval);
  }

  public HubSettings withMaxInFlight(int n) {
    return new HubSettings(
        defaultLease,
        minLease,
        maxLease,
        signature,
        n,
        verifyThreads,
        connectTimeout,
        callTimeout,
        retryBase,
        retryMax,
        batchMaxEntries,
        batchMaxBytes,
        sweepInterval);
  }

  public HubSettings withTimeouts(Duration connect, Duration call) {
    return new HubSettings(
        defaultLease,
        minLease,
        maxLease,
        signature,
        maxInFlight,
        verifyThreads,
        connect,
        call,
        retryBase,
        retryMax,
        batchMaxEntries,
        batchMaxBytes,
        sweepInterval);
  }

  public HubSettings withRetry(Duration base, Duration max) {
    return new HubSettings(
        defaultLease,
        minLease,
        maxLease,
        signature,
        maxInFlight,
        verifyThreads,
        connectTimeout,
        callTimeout,
        base,
        max,
        batchMaxEntries,
        batchMaxBytes,
        sweepInterval);
  }

  public HubSettings withBatch(int maxEntries, int maxBytes) {
    return new HubSettings(
        defaultLease,
        minLease,
        maxLease,
        signature,
        maxInFlight,
        verifyThreads,
        connectTimeout,
        callTimeout,
        retryBase,
        retryMax,
        maxEntries,
        maxBytes,
        sweepInterval);
  }

  public HubSettings withSweepInterval(Duration interval) {
    return new HubSettings(
        defaultLease,
        minLease,
        maxLease,
        signature,
        maxInFlight,
        verifyThreads,
        connectTimeout,
        callTimeout,
        retryBase,
        retryMax,
        batchMaxEntries,
        batchMaxBytes,
        interval);
  }

  /** The lease granted for a request: the default when none was asked, else clamped. */
  public Duration lease(java.util.OptionalLong requestedSeconds) {
    if (requestedSeconds.isEmpty()) {
      return defaultLease;
    }
    long s = requestedSeconds.getAsLong();
    if (s < minLease.toSeconds()) {
      return minLease;
    }
    if (s > maxLease.toSeconds()) {
      return maxLease;
    }
    return Duration.ofSeconds(s);
  }

  private static void positive(String what, Duration d, Duration least) {
    Objects.requireNonNull(d, what);
    if (d.compareTo(least) < 0) {
      throw new IllegalArgumentException(what + " must be at least " + least + ", got " + d);
    }
  }

  private static void atLeast(String what, int value, int least) {
    if (value < least) {
      throw new IllegalArgumentException(what + " must be at least " + least + ", got " + value);
    }
  }
}
