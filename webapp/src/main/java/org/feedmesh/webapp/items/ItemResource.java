package org.feedmesh.webapp.items;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Objects;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.server.journal.Journal;
import org.feedmesh.server.journal.JournalEntry;
import org.feedmesh.webapp.session.Csrf;
import org.feedmesh.webapp.session.SignedIn;

/**
 * One item for the item page: {@code GET /ui/api/namespaces/{ns}/items/{id}} ({@link
 * ItemDetails.Detail}) and {@code POST .../resolve} {@code {"keep": KEY, "updates": N}} with the
 * session's CSRF token in {@code X-CSRF-Token}: keeps one version and resolves the item's
 * conflicts ({@link ConflictResolver}); answers the item as it is then.
 */
@Path("ui/api/namespaces/{ns}/items/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class ItemResource {
  private final Journal journal;
  private final ItemDetails details;
  private final ConflictResolver resolver;
  private final Csrf csrf;

  public ItemResource(
      Journal journal, ItemDetails details, ConflictResolver resolver, Csrf csrf) {
    this.journal = Objects.requireNonNull(journal, "journal");
    this.details = Objects.requireNonNull(details, "details");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.csrf = Objects.requireNonNull(csrf, "csrf");
  }

  public record Keep(String keep, Integer updates) {}

  @GET
  public ItemDetails.Detail item(
      @Context SecurityContext security, @PathParam("ns") String ns, @PathParam("id") String id) {
    SignedIn who = SignedIn.require(security);
    who.caller().requireRead(ns);
    return details.of(who.caller(), current(ns, id));
  }

  @POST
  @Path("resolve")
  @Consumes(MediaType.APPLICATION_JSON)
  public ItemDetails.Detail resolve(
      @Context SecurityContext security,
      @Context HttpHeaders headers,
      @Context UriInfo uri,
      @HeaderParam(Csrf.HEADER) String token,
      @PathParam("ns") String ns,
      @PathParam("id") String id,
      Keep body) {
    SignedIn who = SignedIn.require(security);
    csrf.require(headers, uri, who.session(), token);
    if (body == null || body.keep() == null || body.updates() == null) {
      throw ApiException.badRequest(
          "a JSON body is required: {\"keep\": \"<version key>\", \"updates\": N}");
    }
    resolver.keep(ns, who.caller(), id, body.updates(), body.keep());
    return details.of(who.caller(), current(ns, id));
  }

  private JournalEntry current(String ns, String id) {
    journal.lastCursor(ns); // 404 for an unknown namespace
    return journal
        .currentEntry(ns, id)
        .orElseThrow(
            () -> ApiException.notFound("item " + id + " is not in namespace '" + ns + "'"));
  }
}
