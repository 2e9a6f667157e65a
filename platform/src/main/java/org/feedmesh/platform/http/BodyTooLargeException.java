package org.feedmesh.platform.http;

import java.io.IOException;

/**
 * Thrown by the request entity stream once a body grows past the configured limit. It is an {@link
 * IOException} so parsers pass it up; the error mappers find it anywhere in a cause chain and
 * answer 413.
 */
public final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  public BodyTooLargeException(long limit) {
    super("request body is larger than the limit of " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }

  /** The first {@code BodyTooLargeException} in the cause chain of {@code t}, or null. */
  static BodyTooLargeException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BodyTooLargeException b) {
        return b;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }
}
