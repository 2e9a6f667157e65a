package org.feedmesh.webapp.pages;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import org.feedmesh.webapp.session.SessionFilter;

/**
 * Response headers of every view path: a Content-Security-Policy that allows only this origin's
 * own scripts, styles and connections (no inline script, no framing, forms only to this origin),
 * no MIME sniffing, no referrer to other sites; pages and JSON are not cached.
 */
public final class SecurityHeaders implements ContainerResponseFilter {
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath();
    if (!SessionFilter.isViewPath(path)) {
      return;
    }
    MultivaluedMap<String, Object> h = response.getHeaders();
    h.putSingle("Content-Security-Policy", CSP);
    h.putSingle("X-Content-Type-Options", "nosniff");
    h.putSingle("Referrer-Policy", "same-origin");
    h.putSingle("X-Frame-Options", "DENY");
    if (!path.startsWith("ui/assets/") && !h.containsKey(HttpHeaders.CACHE_CONTROL)) {
      h.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
    }
  }
}
