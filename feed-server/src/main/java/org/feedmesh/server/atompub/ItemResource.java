package org.feedmesh.server.atompub;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.http.ApiException;

/** {@code GET/PUT/DELETE /feeds/{ns}/items/{id}}: one collection member; see {@link Entries}. */
@Path("feeds/{ns}/items/{id}")
public final class ItemResource {
  private final Entries entries;

  public ItemResource(Entries entries) {
    this.entries = Objects.requireNonNull(entries, "entries");
  }

  @GET
  public Response get(
      @Context Caller caller, @PathParam("ns") String ns, @PathParam("id") String id) {
    caller.requireRead(ns);
    return entries.read(ns, id);
  }

  @PUT
  public Response put(
      @Context Caller caller,
      @Context HttpHeaders headers,
      @PathParam("ns") String ns,
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      InputStream body) {
    caller.requireWrite(ns);
    MediaType type = headers.getMediaType();
    if (type == null
        || !type.getType().equalsIgnoreCase("application")
        || !type.getSubtype().equalsIgnoreCase("atom+xml")) {
      throw new ApiException(
          415,
          "PUT an Atom entry (application/atom+xml;type=entry), got "
              + (type == null ? "no Content-Type" : type.toString()),
          Map.of("accepted", Entries.ENTRY_TYPE));
    }
    return entries.replace(caller, ns, id, ifMatch, body);
  }

  @DELETE
  public Response delete(
      @Context Caller caller,
      @PathParam("ns") String ns,
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    caller.requireWrite(ns);
    return entries.delete(caller, ns, id, ifMatch);
  }
}
