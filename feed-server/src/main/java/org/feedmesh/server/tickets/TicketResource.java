package org.feedmesh.server.tickets;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Objects;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.http.ApiException;

/**
 * {@code POST /endpoints/self/ticket}: the calling endpoint's peer ticket. The admin is not an
 * endpoint and gets 400; a revoked endpoint's token no longer authenticates (401).
 */
@Path("endpoints/self/ticket")
@Produces(MediaType.APPLICATION_JSON)
public final class TicketResource {
  /** The JSON answer; {@code expires} is RFC 3339 in UTC. */
  public record TicketView(
      String ticket, String endpoint, List<String> namespaces, String expires, String keyId) {
    static TicketView of(IssuedTicket t) {
      return new TicketView(
          t.ticket(), t.endpoint(), t.namespaces(), t.expires().toString(), t.keyId());
    }
  }

  private final TicketIssuer issuer;

  public TicketResource(TicketIssuer issuer) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
  }

  @POST
  public TicketView issue(
      @Context Caller caller, @jakarta.ws.rs.QueryParam("audience") String audience) {
    if (caller.isAdmin()) {
      throw ApiException.badRequest(
          "the admin is not an endpoint and gets no peer ticket; use an endpoint's token");
    }
    return TicketView.of(issuer.issue(caller.id(), java.util.Optional.ofNullable(audience)));
  }
}
