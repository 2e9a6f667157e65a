package org.feedmesh.platform.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.feedmesh.platform.http.ApiErrors;
import org.feedmesh.platform.http.ApiException;

/**
 * Authenticates every request except those to open paths (by default {@code /health}).
 *
 * <p>Accepts {@code Authorization: Bearer TOKEN}, or HTTP Basic with the token as the password (any
 * user name; a token given as the user name with an empty password works too), so ordinary feed
 * readers can subscribe. A missing or unknown token gets 401 with the JSON error and {@code
 * WWW-Authenticate: Bearer realm="FeedMesh", Basic realm="FeedMesh"}. A known token makes its
 * {@link Caller} available to resources as {@code @Context Caller} (method parameters), as the
 * principal of {@code @Context SecurityContext} (see {@link #caller(SecurityContext)}) and as the
 * request property {@link #CALLER_PROPERTY}. Authorization (403) is the resource's job: {@link
 * Caller#requireRead(String)} and friends.
 *
 * <p>Runs before resource matching, so unknown paths answer 401, not 404, to strangers.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {
  /** Request property that holds the authenticated {@link Caller}. */
  public static final String CALLER_PROPERTY = Caller.class.getName();

  public static final String CHALLENGE = "Bearer realm=\"FeedMesh\", Basic realm=\"FeedMesh\"";

  /** Paths served without a token unless the caller says otherwise. */
  public static final Set<String> DEFAULT_OPEN_PATHS = Set.of("/health");

  private final Authenticator authenticator;
  private final Set<String> openPaths;

  public AuthFilter(Authenticator authenticator) {
    this(authenticator, DEFAULT_OPEN_PATHS);
  }

  /**
   * @param openPaths paths served without a token: exact paths ({@code /health}) or prefixes ending
   *     in {@code /*} ({@code /static/*})
   */
  public AuthFilter(Authenticator authenticator, Set<String> openPaths) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.openPaths = Set.copyOf(openPaths);
    for (String p : this.openPaths) {
      if (!p.startsWith("/")) {
        throw new IllegalArgumentException("open paths start with '/': " + p);
      }
    }
  }

  /** The caller of a request that passed this filter. */
  public static Caller caller(SecurityContext security) {
    Principal p = security.getUserPrincipal();
    if (p instanceof Caller c) {
      return c;
    }
    throw new IllegalStateException(
        "no authenticated caller: is this path open, or AuthFilter missing?");
  }

  /** The caller of a request that passed this filter, if any. */
  public static Optional<Caller> caller(ContainerRequestContext request) {
    return request.getProperty(CALLER_PROPERTY) instanceof Caller c
        ? Optional.of(c)
        : Optional.empty();
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (isOpen("/" + request.getUriInfo().getPath())) {
      return;
    }
    String token = token(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    if (token == null) {
      request.abortWith(
          unauthorized(
              "missing token: send 'Authorization: Bearer TOKEN' or HTTP Basic with the token as"
                  + " password"));
      return;
    }
    Optional<Caller> caller = authenticator.authenticate(token);
    if (caller.isEmpty()) {
      request.abortWith(unauthorized("unknown or revoked token"));
      return;
    }
    Caller c = caller.get();
    request.setProperty(CALLER_PROPERTY, c);
    request.setSecurityContext(new CallerSecurityContext(c, request.getSecurityContext()));
  }

  private boolean isOpen(String path) {
    if (openPaths.contains(path)) {
      return true;
    }
    for (String p : openPaths) {
      if (p.endsWith("/*") && path.startsWith(p.substring(0, p.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  /** The token from an Authorization header, or null when there is none usable. */
  static String token(String authorization) {
    if (authorization == null) {
      return null;
    }
    String header = authorization.strip();
    int space = header.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
    String value = header.substring(space + 1).strip();
    if (value.isEmpty()) {
      return null;
    }
    if (scheme.equals("bearer")) {
      return value;
    }
    if (scheme.equals("basic")) {
      return basicPassword(value);
    }
    return null;
  }

  private static String basicPassword(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String password = decoded.substring(colon + 1);
    String user = decoded.substring(0, colon);
    if (!password.isEmpty()) {
      return password;
    }
    return user.isEmpty() ? null : user;
  }

  private static Response unauthorized(String message) {
    return Response.fromResponse(ApiErrors.response(401, message, Map.of()))
        .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
        .build();
  }

  /** Signals a failed check inside resources that cannot return a Response themselves. */
  static ApiException unauthorizedException(String message) {
    return new ApiException(401, message);
  }

  private record CallerSecurityContext(Caller caller, SecurityContext original)
      implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return caller;
    }

    @Override
    public boolean isUserInRole(String role) {
      return role.equals(caller.isAdmin() ? "admin" : "endpoint");
    }

    @Override
    public boolean isSecure() {
      return original != null && original.isSecure();
    }

    @Override
    public String getAuthenticationScheme() {
      return "Bearer";
    }
  }
}
