package org.feedmesh.webapp.session;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import org.feedmesh.platform.http.ApiException;

/**
 * Protection of state-changing requests against cross-site forgery, in three layers: the session
 * cookie is {@code SameSite=Strict} (browsers do not send it cross-site); the request's {@code
 * Origin} (or, without one, its {@code Referer}) must be this server's own origin; and the request
 * must carry the session's CSRF token (form field {@code csrf} or header {@value #HEADER}), which
 * only pages of this origin can read.
 */
public final class Csrf {
  public static final String HEADER = "X-CSRF-Token";

  private final Optional<URI> publicUrl;

  /**
   * @param publicUrl the server's public URL when it runs behind a proxy; else the origin is the
   *     one the request was addressed to ({@code Host})
   */
  public Csrf(Optional<URI> publicUrl) {
    this.publicUrl = publicUrl;
  }

  /**
   * @throws ApiException 403 when the request comes from another origin, names none
   */
  public void requireSameOrigin(HttpHeaders headers, UriInfo uri) {
    String claimed = headers.getHeaderString("Origin");
    if (claimed == null || claimed.isBlank() || claimed.equals("null")) {
      String referer = headers.getHeaderString("Referer");
      claimed = referer == null ? null : originOf(referer);
    }
    if (claimed == null) {
      throw new ApiException(
          403, "refused: the request names no Origin, so it cannot be told from a forged one");
    }
    String own = originOf(publicUrl.orElse(uri.getBaseUri()).toString());
    if (!own.equals(originOf(claimed))) {
      throw new ApiException(
          403, "refused: a request from origin " + abbreviate(claimed) + " may not change anything");
    }
  }

  /**
   * @throws ApiException 403 unless {@code offered} is the session's CSRF token
   */
  public void requireToken(Session session, String offered) {
    if (offered == null
        || !MessageDigest.isEqual(
            offered.getBytes(StandardCharsets.UTF_8),
            session.csrf().getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(
          403, "refused: the CSRF token is missing or wrong; reload the page and try again");
    }
  }

  /** Both checks. */
  public void require(HttpHeaders headers, UriInfo uri, Session session, String offered) {
    requireSameOrigin(headers, uri);
    requireToken(session, offered);
  }

  static String originOf(String url) {
    try {
      URI u = URI.create(url.strip());
      if (u.getScheme() == null || u.getHost() == null) {
        return null;
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort();
      if (port == -1) {
        port = scheme.equals("https") ? 443 : 80;
      }
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String abbreviate(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
  }
}
