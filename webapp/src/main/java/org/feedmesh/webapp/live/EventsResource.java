package org.feedmesh.webapp.live;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Objects;
import org.feedmesh.webapp.session.SignedIn;

/** {@code GET /ui/api/events}: the signed-in browser's live stream (see {@link LiveEvents}). */
@Path("ui/api/events")
public final class EventsResource {
  private final LiveEvents live;

  public EventsResource(LiveEvents live) {
    this.live = Objects.requireNonNull(live, "live");
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(
      @Context SecurityContext security, @Context SseEventSink sink, @Context Sse sse) {
    SignedIn who = SignedIn.require(security);
    live.open(sink, sse, who.caller(), who.session().key());
  }
}
