package org.feedmesh.webapp.session;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import org.feedmesh.platform.auth.AuthFilter;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.accounts.Endpoint;

/**
 * Authenticates the browser view's paths ({@code /} and {@code /ui/...}) by the session cookie.
 * The token filter lets these paths through untouched; here a live session becomes a {@link
 * SignedIn} principal with the caller's rights as they are now (an endpoint revoked since sign-in
 * ends the session). A request without a live session passes on unauthenticated: pages send it to
 * the sign-in form, the JSON API answers 401. No other path is ever authenticated by cookie.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 10)
public final class SessionFilter implements ContainerRequestFilter {
  public static final String COOKIE = "feedmesh_session";

  private final Sessions sessions;
  private final AccountStore accounts;

  public SessionFilter(Sessions sessions, AccountStore accounts) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
  }

  /** Whether a path (without the leading slash) belongs to the browser view. */
  public static boolean isViewPath(String path) {
    return path.isEmpty() || path.equals("ui") || path.startsWith("ui/");
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!isViewPath(request.getUriInfo().getPath())) {
      return;
    }
    Cookie cookie = request.getCookies().get(COOKIE);
    if (cookie == null) {
      return;
    }
    Optional<Session> session = sessions.find(cookie.getValue());
    if (session.isEmpty()) {
      return;
    }
    Optional<Caller> caller = callerOf(session.get());
    if (caller.isEmpty()) {
      sessions.end(session.get());
      return;
    }
    SignedIn signedIn = new SignedIn(session.get(), caller.get());
    request.setProperty(AuthFilter.CALLER_PROPERTY, caller.get());
    boolean secure = request.getSecurityContext() != null
        && request.getSecurityContext().isSecure();
    request.setSecurityContext(new SessionSecurityContext(signedIn, secure));
  }

  private Optional<Caller> callerOf(Session s) {
    if (s.kind() == Caller.Kind.ADMIN) {
      return Optional.of(Caller.admin());
    }
    return accounts.endpoint(s.callerId()).filter(Endpoint::isActive).map(Endpoint::caller);
  }

  private record SessionSecurityContext(SignedIn signedIn, boolean secure)
      implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return signedIn;
    }

    @Override
    public boolean isUserInRole(String role) {
      return role.equals(signedIn.caller().isAdmin() ? "admin" : "endpoint");
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String getAuthenticationScheme() {
      return "Session";
    }
  }
}
