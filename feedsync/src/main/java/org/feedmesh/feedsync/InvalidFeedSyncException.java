package org.feedmesh.feedsync;

/**
 * A value breaks a FeedSync 1.0.1 rule (updates out of range, history missing, a {@code by} with
 * characters outside the RFC 2141 NSS set, ...). The message names the rule and the offending value.
 */
public class InvalidFeedSyncException extends FeedSyncException {
  private static final long serialVersionUID = 1L;

  public InvalidFeedSyncException(String message) {
    super(message);
  }

  public InvalidFeedSyncException(String message, Throwable cause) {
    super(message, cause);
  }
}
