package org.feedmesh.platform.cluster;

/**
 * The HTTP headers a primary/standby pair and its clients exchange (seed 002: one server approves,
 * the other takes over when a requester says the first is unreachable).
 */
public final class ClusterHeaders {
  /**
   * The approval epoch. Servers send theirs on every response; clients send the highest they have
   * seen. A write carrying an older epoch than the server's is refused (409, {@code "stale-epoch"}); a
   * primary that sees a newer one stops approving.
   */
  public static final String EPOCH = "X-FeedMesh-Epoch";

  /**
   * On a 503 from a server that does not approve: the URL of the server that does (or may). Clients
   * send the request there.
   */
  public static final String PRIMARY = "X-FeedMesh-Primary";

  /**
   * Sent by a client to the standby with the URL of the primary it could not reach: the
   * notification of seed 002 that lets the standby take over (after checking for itself).
   */
  public static final String PRIMARY_UNREACHABLE = "X-FeedMesh-Primary-Unreachable";

  /** The value of the {@code "error_code"} field (and this header) when an epoch is stale. */
  public static final String ERROR_CODE = "X-FeedMesh-Error";

  /** {@link #ERROR_CODE} of a write refused because it carries an older epoch. */
  public static final String STALE_EPOCH = "stale-epoch";

  private ClusterHeaders() {}
}
