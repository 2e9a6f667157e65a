package org.feedmesh.webapp.session;

import java.time.Instant;
import java.util.Objects;
import org.feedmesh.platform.auth.Caller;

/**
 * One signed-in browser: who signed in (admin or an endpoint id; the token itself is never kept),
 * its CSRF token, and when it started. Its rights are looked up again on every request, so a
 * revoked endpoint's sessions stop working at once.
 *
 * @param key the SHA-256 of the session id the cookie carries (the id itself is not stored)
 */
public record Session(String key, Caller.Kind kind, String callerId, String csrf, Instant started) {
  public Session {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(callerId, "callerId");
    Objects.requireNonNull(csrf, "csrf");
    Objects.requireNonNull(started, "started");
  }
}
