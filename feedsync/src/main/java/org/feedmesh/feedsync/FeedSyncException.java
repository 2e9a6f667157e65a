package org.feedmesh.feedsync;

/**
 * Base of every exception the FeedSync library throws on purpose. Unchecked, because the usual
 * caller (a resource or an agent stage) maps it to one error answer rather than recovering.
 */
public class FeedSyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FeedSyncException(String message) {
    super(message);
  }

  public FeedSyncException(String message, Throwable cause) {
    super(message, cause);
  }
}
