package org.feedmesh.server.admin;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.accounts.Endpoint;
import org.feedmesh.server.accounts.Grant;
import org.feedmesh.server.admin.Views.CreateEndpoint;
import org.feedmesh.server.admin.Views.CreateNamespace;
import org.feedmesh.server.admin.Views.CreatedEndpoint;
import org.feedmesh.server.admin.Views.EndpointView;
import org.feedmesh.server.admin.Views.NamespaceView;
import org.feedmesh.server.admin.Views.SetAccess;

/** The admin API under {@code /admin}: namespaces and endpoints. Admin token only. */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AdminResource {
  private final AccountStore accounts;
  private final Tokens tokens;

  public AdminResource(AccountStore accounts, Tokens tokens) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @POST
  @Path("namespaces")
  public Response createNamespace(
      @Context Caller caller, @Context UriInfo uri, CreateNamespace body) {
    caller.requireAdmin();
    required(body, "{\"name\": \"photos\"}");
    NamespaceView created = NamespaceView.of(accounts.createNamespace(body.name()));
    return Response.created(
            uri.getBaseUriBuilder().path("admin/namespaces/{ns}").build(created.name()))
        .entity(created)
        .build();
  }

  @GET
  @Path("namespaces")
  public List<NamespaceView> namespaces(@Context Caller caller) {
    caller.requireAdmin();
    return accounts.namespaces().stream().map(NamespaceView::of).toList();
  }

  @GET
  @Path("namespaces/{ns}")
  public NamespaceView namespace(@Context Caller caller, @PathParam("ns") String ns) {
    caller.requireAdmin();
    return NamespaceView.of(accounts.requireNamespace(ns));
  }

  @POST
  @Path("endpoints")
  public Response createEndpoint(
      @Context Caller caller, @Context UriInfo uri, CreateEndpoint body) {
    caller.requireAdmin();
    required(body, "{\"name\": \"laptop\", \"namespaces\": [\"photos\"]}");
    Map<String, Grant> grants = new LinkedHashMap<>();
    for (String ns : nonNull(body.readOnly())) {
      grants.put(ns, Grant.readOnly());
    }
    for (String ns : nonNull(body.namespaces())) {
      grants.put(ns, Grant.readWrite());
    }
    String token = tokens.newToken();
    Endpoint e =
        accounts.createEndpoint(
            body.name(),
            body.displayName(),
            grants,
            Boolean.TRUE.equals(body.relay()),
            Tokens.hash(token));
    return Response.created(uri.getBaseUriBuilder().path("admin/endpoints/{id}").build(e.id()))
        .entity(new CreatedEndpoint(token, EndpointView.of(e)))
        .build();
  }

  @GET
  @Path("endpoints")
  public List<EndpointView> endpoints(@Context Caller caller) {
    caller.requireAdmin();
    return accounts.endpoints().stream().map(EndpointView::of).toList();
  }

  @GET
  @Path("endpoints/{id}")
  public EndpointView endpoint(@Context Caller caller, @PathParam("id") String id) {
    caller.requireAdmin();
    return EndpointView.of(accounts.requireEndpoint(id));
  }

  /** Revokes the endpoint; its token fails with 401 from the next request on. */
  @DELETE
  @Path("endpoints/{id}")
  public EndpointView revoke(@Context Caller caller, @PathParam("id") String id) {
    caller.requireAdmin();
    return EndpointView.of(accounts.revokeEndpoint(id));
  }

  @PUT
  @Path("endpoints/{id}/relay")
  public EndpointView grantRelay(@Context Caller caller, @PathParam("id") String id) {
    caller.requireAdmin();
    return EndpointView.of(accounts.setRelay(id, true));
  }

  @DELETE
  @Path("endpoints/{id}/relay")
  public EndpointView revokeRelay(@Context Caller caller, @PathParam("id") String id) {
    caller.requireAdmin();
    return EndpointView.of(accounts.setRelay(id, false));
  }

  @PUT
  @Path("endpoints/{id}/namespaces/{ns}")
  public EndpointView grant(
      @Context Caller caller,
      @PathParam("id") String id,
      @PathParam("ns") String ns,
      SetAccess body) {
    caller.requireAdmin();
    required(body, "{\"access\": [\"read\", \"write\"]}");
    if (body.access() == null || body.access().isEmpty()) {
      throw ApiException.badRequest("access must list \"read\" and/or \"write\"");
    }
    return EndpointView.of(accounts.grant(id, ns, body.access()));
  }

  @DELETE
  @Path("endpoints/{id}/namespaces/{ns}")
  public EndpointView ungrant(
      @Context Caller caller, @PathParam("id") String id, @PathParam("ns") String ns) {
    caller.requireAdmin();
    return EndpointView.of(accounts.ungrant(id, ns));
  }

  private static void required(Object body, String example) {
    if (body == null) {
      throw ApiException.badRequest("a JSON body is required, for example " + example);
    }
  }

  private static List<String> nonNull(List<String> list) {
    if (list == null) {
      return List.of();
    }
    if (list.contains(null)) {
      throw ApiException.badRequest("namespace lists must not contain null");
    }
    return list;
  }
}
