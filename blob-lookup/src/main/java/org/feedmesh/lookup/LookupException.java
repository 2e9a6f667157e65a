package org.feedmesh.lookup;

/**
 * Why a lookup operation was refused. The {@link Reason} decides the HTTP status; the message is
 * meant for the caller and says what was wrong with the state that explains it.
 */
public final class LookupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, in the terms a caller acts on. */
  public enum Reason {
    /** The request itself is malformed or absurd (HTTP 400). Nothing was stored. */
    INVALID,
    /** The caller may not do this (HTTP 403). Nothing was stored. */
    FORBIDDEN,
    /** No such blob, locator or endpoint — or none the caller may see (HTTP 404). */
    NOT_FOUND,
    /** The request contradicts what is stored, e.g. another block list for the same blob (409). */
    CONFLICT,
    /** The store failed (HTTP 500). */
    STORE_FAILURE
  }

  private final Reason reason;

  public LookupException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public LookupException(Reason reason, String message, Throwable cause) {
    super(message, cause);
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
