package org.feedmesh.lookup.client;

import java.io.IOException;

/**
 * The lookup service refused a request: the HTTP status and the service's error message. (Network
 * failures are plain {@link IOException}s.)
 */
public final class LookupClientException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public LookupClientException(int status, String message) {
    super("lookup service answered " + status + ": " + message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public boolean isNotFound() {
    return status == 404;
  }

  public boolean isForbidden() {
    return status == 403;
  }

  public boolean isUnauthorized() {
    return status == 401;
  }

  /** The request was malformed or over a limit (400, 413). */
  public boolean isInvalid() {
    return status == 400 || status == 413;
  }
}
