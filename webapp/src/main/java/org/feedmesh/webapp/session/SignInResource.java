package org.feedmesh.webapp.session;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.accounts.Endpoint;
import org.feedmesh.webapp.WebSettings;
import org.feedmesh.webapp.pages.Html;

/**
 * Sign-in with a token (admin or endpoint) and sign-out. A good token starts a {@link Session}
 * whose id goes into an HttpOnly, {@code SameSite=Strict} cookie; the token itself is neither kept
 * nor put into any page. Signing in does not count as the endpoint being seen.
 */
@Path("ui")
@Produces(MediaType.TEXT_HTML)
public final class SignInResource {
  private static final Pattern NEXT = Pattern.compile("/(ui/[A-Za-z0-9._~%/-]*)?");

  private final Sessions sessions;
  private final AccountStore accounts;
  private final Csrf csrf;
  private final WebSettings settings;

  public SignInResource(Sessions sessions, AccountStore accounts, Csrf csrf, WebSettings settings) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.csrf = Objects.requireNonNull(csrf, "csrf");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @GET
  @Path("sign-in")
  public Response form(
      @Context SecurityContext security,
      @QueryParam("next") String next,
      @QueryParam("signed-out") String signedOut) {
    if (SignedIn.find(security).isPresent()) {
      return redirect(safeNext(next));
    }
    String note = signedOut != null ? "You are signed out." : null;
    return Response.ok(page(next, null, note)).build();
  }

  @POST
  @Path("sign-in")
  public Response signIn(
      @Context HttpHeaders headers,
      @Context UriInfo uri,
      @FormParam("token") String token,
      @FormParam("next") String next) {
    csrf.requireSameOrigin(headers, uri); // no login forgery from other sites
    Optional<Caller> caller = callerOf(token == null ? "" : token.strip());
    if (caller.isEmpty()) {
      return Response.status(401)
          .entity(page(next, "That token is unknown or revoked. Check it and try again.", null))
          .build();
    }
    Sessions.Started started = sessions.start(caller.get());
    return Response.seeOther(URI.create(safeNext(next)))
        .cookie(cookie(started.id(), uri, (int) settings.sessionMax().toSeconds()))
        .build();
  }

  @POST
  @Path("sign-out")
  public Response signOut(
      @Context SecurityContext security,
      @Context HttpHeaders headers,
      @Context UriInfo uri,
      @FormParam("csrf") String offered) {
    Optional<SignedIn> signedIn = SignedIn.find(security);
    if (signedIn.isPresent()) {
      csrf.require(headers, uri, signedIn.get().session(), offered);
      sessions.end(signedIn.get().session());
    }
    return Response.seeOther(URI.create("/ui/sign-in?signed-out"))
        .cookie(cookie("", uri, 0))
        .build();
  }

  private Optional<Caller> callerOf(String token) {
    if (!token.startsWith(Tokens.PREFIX) || token.length() > 256) {
      return Optional.empty();
    }
    Optional<String> adminHash = accounts.adminTokenHash();
    if (adminHash.isPresent() && Tokens.matches(token, adminHash.get())) {
      return Optional.of(Caller.admin());
    }
    return accounts.activeEndpointByTokenHash(Tokens.hash(token)).map(Endpoint::caller);
  }

  private static NewCookie cookie(String value, UriInfo uri, int maxAge) {
    return new NewCookie.Builder(SessionFilter.COOKIE)
        .value(value)
        .path("/")
        .httpOnly(true)
        .sameSite(NewCookie.SameSite.STRICT)
        .secure("https".equalsIgnoreCase(uri.getBaseUri().getScheme()))
        .maxAge(maxAge)
        .build();
  }

  static String safeNext(String next) {
    return next != null && NEXT.matcher(next).matches() && !next.contains("//") ? next : "/";
  }

  private static Response redirect(String to) {
    return Response.seeOther(URI.create(to)).build();
  }

  private static String page(String next, String error, String note) {
    StringBuilder main = new StringBuilder();
    main.append("<h1>Sign in</h1>\n");
    if (error != null) {
      main.append("<p class=\"message error\" id=\"sign-in-error\" role=\"alert\">")
          .append(Html.escape(error))
          .append("</p>\n");
    }
    if (note != null) {
      main.append("<p class=\"message\" role=\"status\">").append(Html.escape(note)).append("</p>\n");
    }
    main.append("<form method=\"post\" action=\"/ui/sign-in\" class=\"sign-in\">\n")
        .append("<input type=\"hidden\" name=\"next\" value=\"")
        .append(Html.escape(safeNext(next)))
        .append("\">\n<label for=\"token\">Token (admin or endpoint)</label>\n")
        .append("<input id=\"token\" name=\"token\" type=\"password\" required")
        .append(" autocomplete=\"current-password\" spellcheck=\"false\">\n")
        .append("<button type=\"submit\" id=\"sign-in\">Sign in</button>\n</form>\n")
        .append("<p class=\"hint\">The admin token is in <code>DATA/admin.token</code>;")
        .append(" an endpoint's token was printed when it was created. The token stays on this")
        .append(" server: the browser keeps only a session cookie.</p>");
    return Html.page("Sign in", null, Map.of(), null, null, main.toString());
  }
}
