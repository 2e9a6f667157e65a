package org.feedmesh.lookup;

import java.util.Map;
import org.feedmesh.platform.http.ApiException;

/**
 * Why a lookup operation was refused. The {@link Reason} decides the HTTP status (the platform's
 * mapper turns this into the JSON error); in-process callers such as the feed server read {@link
 * #reason()}. The message is meant for the caller and carries the state that explains it.
 */
public final class LookupException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, in the terms a caller acts on. */
  public enum Reason {
    /** The request itself is malformed or absurd (HTTP 400). Nothing was stored. */
    INVALID(400),
    /** The caller may not do this (HTTP 403). Nothing was stored. */
    FORBIDDEN(403),
    /** No such blob, locator or endpoint — or none the caller may see (HTTP 404). */
    NOT_FOUND(404),
    /** The request contradicts what is stored, e.g. another block list for the same blob (409). */
    CONFLICT(409);

    private final int status;

    Reason(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Reason reason;

  public LookupException(Reason reason, String message) {
    this(reason, message, Map.of());
  }

  public LookupException(Reason reason, String message, Map<String, ?> details) {
    super(reason.status(), message, details);
    this.reason = reason;
  }

  public static LookupException invalid(String message) {
    return new LookupException(Reason.INVALID, message);
  }

  public static LookupException forbidden(String message) {
    return new LookupException(Reason.FORBIDDEN, message);
  }

  public static LookupException notFound(String message) {
    return new LookupException(Reason.NOT_FOUND, message);
  }

  public static LookupException conflict(String message) {
    return new LookupException(Reason.CONFLICT, message);
  }

  public Reason reason() {
    return reason;
  }
}
