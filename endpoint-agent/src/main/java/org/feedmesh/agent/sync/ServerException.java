package org.feedmesh.agent.sync;

import java.io.IOException;

/** The feed server answered with an error status; {@link #status()} is the HTTP code. */
public final class ServerException extends IOException {
  private final int status;

  public ServerException(int status, String message) {
    super("server answered " + status + ": " + message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** 5xx and 429: worth trying again later; 4xx: the request itself is wrong. */
  public boolean retryable() {
    return status >= 500 || status == 429 || status == 408;
  }
}
