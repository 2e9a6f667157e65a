package org.feedmesh.lookup.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.feedmesh.lookup.BlobAnswer;
import org.feedmesh.lookup.BlobId;
import org.feedmesh.lookup.LookupException;
import org.feedmesh.lookup.LookupService;
import org.feedmesh.lookup.Names;
import org.feedmesh.lookup.Registration;
import org.feedmesh.lookup.api.BlobJson;
import org.feedmesh.lookup.api.HeartbeatJson;
import org.feedmesh.lookup.api.LeaseJson;
import org.feedmesh.lookup.api.LocatorPutJson;
import org.feedmesh.lookup.api.LookupAnswerJson;
import org.feedmesh.lookup.api.LookupJson;
import org.feedmesh.lookup.api.RegistrationJson;
import org.feedmesh.lookup.api.WireAnswers;
import org.feedmesh.lookup.api.WireRequests;
import org.feedmesh.platform.auth.Caller;

/**
 * The blob lookup over HTTP (JSON). Thin: parse and validate, call {@link LookupService}, map.
 * Errors are {@link LookupException}s, which the platform answers with its JSON error shape. Needs
 * the platform's {@code AuthFeature} (for {@code @Context Caller}).
 *
 * <pre>
 * GET    /blobs/{blobId}[?lan=ID&amp;address=IP&amp;blocks=false]   size, blocks, locators
 * PUT    /blobs/{blobId}/locators/{endpointId}                register or refresh (201 / 200)
 * DELETE /blobs/{blobId}/locators/{endpointId}[?namespace=NS] remove (204)
 * POST   /blobs/lookup                                       many blob ids / block hashes at once
 * POST   /blobs/heartbeat/{endpointId}                       keep an endpoint's locators live
 * </pre>
 */
@Path("blobs")
@Produces(MediaType.APPLICATION_JSON)
public final class BlobResource {
  private final LookupService service;

  public BlobResource(LookupService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  @GET
  @Path("{blobId}")
  public BlobJson blob(
      @Context Caller caller,
      @Context HttpServletRequest http,
      @PathParam("blobId") String blobId,
      @QueryParam("lan") String lan,
      @QueryParam("address") List<String> addresses,
      @QueryParam("blocks") String blocks) {
    BlobId id = Names.requireBlobId(blobId);
    boolean withBlocks = flag("blocks", blocks, true);
    List<String> asker = new ArrayList<>();
    asker.add(http.getRemoteAddr());
    for (String a : addresses) {
      if (a.length() > 64) {
        throw LookupException.invalid("an address is an IP literal of at most 64 characters");
      }
      asker.add(a);
    }
    BlobAnswer answer = service.blob(caller, id, WireRequests.lanId(lan), asker, withBlocks);
    return WireAnswers.json(answer, withBlocks);
  }

  @PUT
  @Path("{blobId}/locators/{endpointId}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response register(
      @Context Caller caller,
      @Context HttpServletRequest http,
      @PathParam("blobId") String blobId,
      @PathParam("endpointId") String endpointId,
      LocatorPutJson body) {
    BlobId id = Names.requireBlobId(blobId);
    Names.requireEndpointId(endpointId);
    Registration r =
        service.register(
            caller,
            id,
            endpointId,
            WireRequests.locatorRequest(id, body),
            Optional.ofNullable(http.getRemoteAddr()));
    RegistrationJson json = WireAnswers.json(r);
    return Response.status(r.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(json)
        .build();
  }

  @DELETE
  @Path("{blobId}/locators/{endpointId}")
  public Response remove(
      @Context Caller caller,
      @PathParam("blobId") String blobId,
      @PathParam("endpointId") String endpointId,
      @QueryParam("namespace") String namespace) {
    service.remove(caller, Names.requireBlobId(blobId), endpointId, Optional.ofNullable(namespace));
    return Response.noContent().build();
  }

  @POST
  @Path("lookup")
  @Consumes(MediaType.APPLICATION_JSON)
  public LookupAnswerJson lookup(
      @Context Caller caller, @Context HttpServletRequest http, LookupJson body) {
    return WireAnswers.json(
        service.lookup(
            caller, WireRequests.batchQuery(body, Optional.ofNullable(http.getRemoteAddr()))));
  }

  @POST
  @Path("heartbeat/{endpointId}")
  @Consumes(MediaType.APPLICATION_JSON)
  public LeaseJson heartbeat(
      @Context Caller caller,
      @Context HttpServletRequest http,
      @PathParam("endpointId") String endpointId,
      HeartbeatJson body) {
    HeartbeatJson b = body == null ? new HeartbeatJson(null, null, null) : body;
    return WireAnswers.json(
        service.heartbeat(
            caller,
            endpointId,
            WireRequests.contact(b.peerUrls(), b.lanId()),
            WireRequests.ttl(b.ttlSeconds()),
            Optional.ofNullable(http.getRemoteAddr())));
  }

  private static boolean flag(String name, String value, boolean absent) {
    if (value == null) {
      return absent;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw LookupException.invalid(name + " is true or false, got \"" + value + "\"");
    };
  }
}
