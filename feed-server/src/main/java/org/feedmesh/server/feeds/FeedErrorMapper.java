package org.feedmesh.server.feeds;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.feedmesh.feedsync.FeedSyncException;
import org.feedmesh.feedsync.xml.FeedTooLargeException;
import org.feedmesh.feedsync.xml.FeedXmlException;
import org.feedmesh.feedsync.xml.UnsafeXmlException;
import org.feedmesh.platform.http.ApiErrors;

/**
 * Refused feeds and entries as JSON errors: over an XML limit → 413 naming the limit; unsafe XML
 * (DOCTYPE, entities), malformed XML and invalid FeedSync → 400 with the reader's message, which
 * names the rule, the item and the line.
 */
public final class FeedErrorMapper implements ExceptionMapper<FeedSyncException> {
  @Override
  public Response toResponse(FeedSyncException e) {
    if (e instanceof FeedTooLargeException big) {
      return ApiErrors.response(
          413,
          "feed refused: " + e.getMessage(),
          Map.of("limit", big.limit(), "value", big.value()));
    }
    String kind =
        e instanceof UnsafeXmlException
            ? "unsafe XML"
            : e instanceof FeedXmlException ? "malformed feed" : "invalid FeedSync";
    return ApiErrors.response(
        400,
        kind + ": " + e.getMessage() + "; nothing was stored",
        Map.of("kind", kind.replace(' ', '-').toLowerCase(java.util.Locale.ROOT)));
  }
}
