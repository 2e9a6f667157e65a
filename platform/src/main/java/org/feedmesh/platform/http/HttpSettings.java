package org.feedmesh.platform.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link HttpServer} listens. Validated here, so a bad setting fails at start-up with a
 * message that names it.
 *
 * @param host address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0} for every interface
 * @param port TCP port, 0 for a random free one (read the real one from {@link HttpServer#port()})
 * @param maxBodyBytes largest accepted request body; larger ones get 413
 * @param maxThreads Jetty worker threads (long-polls hold none while they wait)
 * @param stopTimeout how long {@link HttpServer#stop()} lets requests in flight finish
 * @param idleTimeout how long a connection may stay silent; longer than the longest long-poll
 */
public record HttpSettings(
    String host,
    int port,
    long maxBodyBytes,
    int maxThreads,
    Duration stopTimeout,
    Duration idleTimeout) {

  /** 64 MiB: a feed of 100,000 items with block lists fits. */
  public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

  public static final int DEFAULT_MAX_THREADS = 200;
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);

  /** Six minutes: above the five-minute longest long-poll wait of the feed server. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(6);

  public HttpSettings {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException(
          "host must not be blank (use 0.0.0.0 for every interface)");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "port must be 0..65535 (0 = random free port), got " + port);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("max body bytes must be positive, got " + maxBodyBytes);
    }
    if (maxThreads < 8) {
      throw new IllegalArgumentException("max threads must be at least 8, got " + maxThreads);
    }
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    if (stopTimeout.isNegative()) {
      throw new IllegalArgumentException("stop timeout must not be negative, got " + stopTimeout);
    }
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.toMillis() < 1000) {
      throw new IllegalArgumentException(
          "idle timeout must be at least one second, got " + idleTimeout);
    }
  }

  /** The given host and port with default limits. */
  public static HttpSettings of(String host, int port) {
    return new HttpSettings(
        host,
        port,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_THREADS,
        DEFAULT_STOP_TIMEOUT,
        DEFAULT_IDLE_TIMEOUT);
  }

  /** A random free port on the loopback interface: what tests use. */
  public static HttpSettings loopback() {
    return of("127.0.0.1", 0);
  }

  public HttpSettings withMaxBodyBytes(long bytes) {
    return new HttpSettings(host, port, bytes, maxThreads, stopTimeout, idleTimeout);
  }

  public HttpSettings withMaxThreads(int threads) {
    return new HttpSettings(host, port, maxBodyBytes, threads, stopTimeout, idleTimeout);
  }

  public HttpSettings withStopTimeout(Duration timeout) {
    return new HttpSettings(host, port, maxBodyBytes, maxThreads, timeout, idleTimeout);
  }

  public HttpSettings withIdleTimeout(Duration timeout) {
    return new HttpSettings(host, port, maxBodyBytes, maxThreads, stopTimeout, timeout);
  }
}
