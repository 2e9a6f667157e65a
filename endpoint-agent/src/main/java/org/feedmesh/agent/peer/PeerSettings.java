package org.feedmesh.agent.peer;

import java.time.Duration;
import java.util.Objects;

/**
 * How the peer port runs, validated at start-up.
 *
 * @param host address to bind ({@code 0.0.0.0}: every interface, so peers on the LAN connect)
 * @param port TCP port; 0 picks a free one
 * @param maxUploads blocks sent at once; requests above get 503 with {@code Retry-After}
 * @param retryAfter what a refused requester is told to wait (whole seconds, at least one)
 * @param idleTimeout how long an idle connection is kept
 */
public record PeerSettings(
    String host, int port, int maxUploads, Duration retryAfter, Duration idleTimeout) {
  public static final int DEFAULT_PORT = 7070;
  public static final int DEFAULT_MAX_UPLOADS = 8;
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  public PeerSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the peer port needs a host to bind, e.g. 0.0.0.0");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the peer port must be in 0..65535, got " + port);
    }
    if (maxUploads < 1 || maxUploads > 1024) {
      throw new IllegalArgumentException("max uploads must be in 1..1024, got " + maxUploads);
    }
    if (Objects.requireNonNull(retryAfter, "retryAfter").toSeconds() < 1) {
      throw new IllegalArgumentException("Retry-After must be at least 1 s, got " + retryAfter);
    }
    if (Objects.requireNonNull(idleTimeout, "idleTimeout").toMillis() < 100) {
      throw new IllegalArgumentException(
          "idle timeout must be at least 100 ms, got " + idleTimeout);
    }
  }

  /** Defaults for everything but where to bind. */
  public static PeerSettings of(String host, int port) {
    return new PeerSettings(
        host, port, DEFAULT_MAX_UPLOADS, DEFAULT_RETRY_AFTER, DEFAULT_IDLE_TIMEOUT);
  }

  /** Loopback, a free port: for tests and the demo. */
  public static PeerSettings loopback() {
    return of("127.0.0.1", 0);
  }

  public PeerSettings withMaxUploads(int n) {
    return new PeerSettings(host, port, n, retryAfter, idleTimeout);
  }
}
