package org.feedmesh.platform.auth;

import java.util.Optional;

/**
 * Finds the caller a token belongs to. Implementations look the token's hash up in their store (the
 * feed server) or ask the feed server's {@code GET /whoami} (a standalone blob lookup). Called on a
 * request thread for every authenticated request: keep it fast and thread-safe.
 */
@FunctionalInterface
public interface Authenticator {
  /** The caller, or empty when the token is unknown or revoked. Never throws for bad tokens. */
  Optional<Caller> authenticate(String token);
}
