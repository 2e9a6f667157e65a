package org.feedmesh.server.feeds;

import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;

/**
 * The URLs a feed names: its topic ({@code rel="self"}, what WebSub subscribers subscribe to), the
 * hub, the next page (RFC 5005) and single items. Built from the configured public URL, or from the
 * request's base URL when none is configured.
 */
public record FeedLinks(URI base, String namespace) {

  public static FeedLinks of(Optional<URI> publicUrl, UriInfo uri, String namespace) {
    URI base = publicUrl.orElse(uri.getBaseUri());
    String b = base.toString();
    return new FeedLinks(URI.create(b.endsWith("/") ? b : b + "/"), namespace);
  }

  /** {@code BASE/feeds/{ns}}: the topic URL. */
  public URI self() {
    return UriBuilder.fromUri(base).path("feeds").path(namespace).build();
  }

  /** {@code BASE/hub}. */
  public URI hub() {
    return UriBuilder.fromUri(base).path("hub").build();
  }

  /** The next page after {@code cursor}, keeping the format and page size asked for. */
  public URI next(long cursor, String format, Integer limit) {
    UriBuilder b = UriBuilder.fromUri(self()).queryParam("since", cursor);
    if (format != null) {
      b.queryParam("format", format);
    }
    if (limit != null) {
      b.queryParam("limit", limit);
    }
    return b.build();
  }

  /** {@code BASE/feeds/{ns}/items/{id}}. */
  public URI item(String id) {
    return UriBuilder.fromUri(self()).path("items").path(id).build();
  }

  public Link hubLink() {
    return Link.fromUri(hub()).rel("hub").build();
  }

  public Link selfLink() {
    return Link.fromUri(self()).rel("self").build();
  }
}
