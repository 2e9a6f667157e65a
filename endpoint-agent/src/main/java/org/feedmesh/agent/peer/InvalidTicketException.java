package org.feedmesh.agent.peer;

/**
 * A peer ticket that must not be accepted: malformed, badly signed, of an unknown version, or
 * expired. The message says which, never the ticket itself.
 */
public final class InvalidTicketException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidTicketException(String message) {
    super(message);
  }

  public InvalidTicketException(String message, Throwable cause) {
    super(message, cause);
  }
}
