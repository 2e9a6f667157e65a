package org.feedmesh.server.admin;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.admin.Views.Announcement;
import org.feedmesh.server.admin.Views.EndpointView;
import org.feedmesh.server.admin.Views.PeerView;
import org.feedmesh.server.registry.PeerReport;
import org.feedmesh.server.registry.PeerReports;

/**
 * The endpoints registry for any valid token: {@code GET /whoami} (the caller, used by a standalone
 * blob lookup to introspect tokens), {@code GET/PUT /endpoints/self} (an endpoint's own record; PUT
 * announces its peer addresses and applied cursors) and {@code GET /namespaces/{ns}/endpoints} (the
 * peers of a namespace the caller may read). An announcement may also carry the endpoint's
 * transfers and LAN peers ({@link PeerReport}), which go to {@link PeerReports} listeners.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class RegistryResource {
  private final AccountStore accounts;

  private final PeerReports peerReports;

  public RegistryResource(AccountStore accounts) {
    this(accounts, new PeerReports());
  }

  /**
   * @param peerReports told about the transfers and LAN peers an announcement carries
   */
  public RegistryResource(AccountStore accounts, PeerReports peerReports) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.peerReports = Objects.requireNonNull(peerReports, "peerReports");
  }

  @GET
  @Path("whoami")
  public Caller whoami(@Context Caller caller) {
    return caller;
  }

  @GET
  @Path("endpoints/self")
  public EndpointView self(@Context Caller caller) {
    return EndpointView.of(accounts.requireEndpoint(endpointId(caller)));
  }

  @PUT
  @Path("endpoints/self")
  @Consumes(MediaType.APPLICATION_JSON)
  public EndpointView announce(@Context Caller caller, Announcement body) {
    String id = endpointId(caller);
    if (body == null) {
      throw ApiException.badRequest(
          "a JSON body is required, for example "
              + "{\"addresses\": [\"http://192.168.1.20:7070\"], \"cursors\": {\"photos\": 42}}");
    }
    Map<String, Long> cursors = body.cursors() == null ? Map.of() : body.cursors();
    PeerReport report;
    try {
      report = body.peerReport();
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage() + "; nothing was stored", Map.of(), e);
    }
    EndpointView view =
        EndpointView.of(accounts.announce(id, Optional.ofNullable(body.addresses()), cursors));
    peerReports.reported(id, report);
    return view;
  }

  @GET
  @Path("namespaces/{ns}/endpoints")
  public List<PeerView> peers(@Context Caller caller, @PathParam("ns") String ns) {
    caller.requireRead(ns);
    accounts.requireNamespace(ns);
    return accounts.endpointsOf(ns).stream().map(e -> PeerView.of(e, ns)).toList();
  }

  private static String endpointId(Caller caller) {
    if (caller.isAdmin()) {
      throw ApiException.badRequest("the admin is not an endpoint; use an endpoint's token");
    }
    return caller.id();
  }
}
