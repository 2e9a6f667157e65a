package org.feedmesh.agent.lan;

import java.io.IOException;
import java.util.Objects;

/** Bytes that are not a valid encoded {@link Advertisement}; {@link #reason()} says which way. */
public final class DecodeException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why a datagram or response was refused; receivers count refusals by reason. */
  public enum Reason {
    /** Does not start with the magic bytes {@code FMLA}: not ours. */
    BAD_MAGIC,
    /** Our magic, but a protocol version this agent does not speak. */
    UNSUPPORTED_VERSION,
    /** Longer than the allowed maximum. */
    OVERSIZED,
    /** Ends before the advertisement does. */
    TRUNCATED,
    /** Bytes left over after the advertisement. */
    TRAILING_BYTES,
    /** Well framed, but a field is invalid (name, port, cursor, flags, repeated namespace). */
    INVALID_FIELD
  }

  private final Reason reason;

  public DecodeException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
