package org.feedmesh.webapp.session;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.http.ApiException;

/**
 * The browser behind a request with a live session: its session and its current rights. The
 * {@link SessionFilter} puts it into the request's {@link SecurityContext}.
 */
public record SignedIn(Session session, Caller caller) implements Principal {
  public SignedIn {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(caller, "caller");
  }

  @Override
  public String getName() {
    return caller.id();
  }

  public static Optional<SignedIn> find(SecurityContext security) {
    return security != null && security.getUserPrincipal() instanceof SignedIn s
        ? Optional.of(s)
        : Optional.empty();
  }

  /**
   * @throws ApiException 401 when the request has no live session
   */
  public static SignedIn require(SecurityContext security) {
    return find(security)
        .orElseThrow(
            () -> new ApiException(401, "not signed in, or the session ended: sign in again"));
  }
}
