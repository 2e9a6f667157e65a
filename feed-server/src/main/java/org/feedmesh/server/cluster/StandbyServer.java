package org.feedmesh.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.platform.cluster.ClusterHeaders;
import org.feedmesh.platform.http.ApiErrors;
import org.feedmesh.platform.http.HttpServer;
import org.feedmesh.server.ServerConfig;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * A server in the standby role: follows the primary ({@link Follower}), renews the primary's lease
 * ({@code POST /cluster/lease}), shows {@code /health} and {@code /cluster/state}, and answers
 * every other request with 503 naming the primary, or, when the request says the primary is
 * unreachable, tries to take over ({@link Takeover}). It serves no feeds: reads go to the primary.
 */
public final class StandbyServer implements AutoCloseable {
  private final NodeStateFile state;
  private final HttpServer http;
  private final Follower follower;
  private final Takeover takeover;
  private final URI self;

  /**
   * @param promote called once when this standby took over; the caller then replaces this server
   *     by a primary on the same port (on another thread: this one is serving the request)
   */
  StandbyServer(
      ServerConfig config,
      ClusterSettings settings,
      NodeStateFile state,
      PeerClient peers,
      String tokenHash,
      Runnable promote)
      throws IOException {
    this.state = Objects.requireNonNull(state, "state");
    ResourceConfig app = new ResourceConfig();
    Gate gate = new Gate(tokenHash);
    app.register(gate).register(new Resource());
    this.http = new HttpServer(config.http(), app);
    http.start();
    this.self = config.publicUrl().map(u -> ClusterNode.baseUrl(u.toString())).orElse(http.baseUri());
    this.follower = new Follower(config.dataDir(), state, peers, self);
    this.takeover = new Takeover(state, settings, peers, follower, promote);
    gate.takeover = takeover;
    follower.start();
  }

  int port() {
    return http.port();
  }

  ClusterView view() {
    NodeState s = state.get();
    return new ClusterView(
        Role.STANDBY,
        s.epoch(),
        false,
        s.peer().map(URI::toString),
        follower.lag(),
        !follower.primaryReachable() ? "unreachable" : s.inSync() ? "in-sync" : "catching-up");
  }

  @Override
  public void close() {
    http.close();
    follower.close();
  }

  /** Health, state and lease renewal. */
  @Path("")
  public final class Resource {
    @GET
    @Path("health")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> health() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "ok");
      body.put("database", "standby copy");
      body.put("cluster", view().toMap());
      return body;
    }

    @GET
    @Path("cluster/state")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> state() {
      return view().toMap();
    }

    @POST
    @Path("cluster/lease")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response lease(JsonNode body) {
      if (body == null || !body.path("epoch").canConvertToLong()) {
        return ApiErrors.response(400, "the JSON body needs a number field 'epoch'");
      }
      Takeover.Grant g = takeover.renew(body.path("epoch").asLong(), body.path("syncSince").asLong());
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("epoch", g.epoch());
      answer.put("applied", g.applied());
      if (!g.granted()) {
        answer.put("error", "this server knows a newer epoch, " + g.epoch() + ", or took over");
        answer.put("status", 409);
      }
      return Response.status(g.granted() ? 200 : 409).entity(answer).build();
    }
  }

  /** Authenticates {@code /cluster/...}; turns every other request away or into a takeover. */
  @PreMatching
  @Priority(500)
  public final class Gate implements ContainerRequestFilter, ContainerResponseFilter {
    private final String tokenHash;
    volatile Takeover takeover;

    Gate(String tokenHash) {
      this.tokenHash = Objects.requireNonNull(tokenHash, "tokenHash");
    }

    @Override
    public void filter(ContainerRequestContext request) {
      String path = request.getUriInfo().getPath();
      if (path.equals("health")) {
        return;
      }
      if (path.startsWith("cluster/")) {
        if (!authorized(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
          request.abortWith(ApiErrors.response(401, "the pair's calls need the admin token"));
        }
        return;
      }
      URI primary = state.get().peer().orElse(null);
      String unreachable = request.getHeaderString(ClusterHeaders.PRIMARY_UNREACHABLE);
      Takeover t = takeover;
      if (unreachable == null || t == null) {
        request.abortWith(
            redirect(primary, "this server is the standby of " + primary + "; send requests there"));
        return;
      }
      try {
        Takeover.Outcome o = t.attempt(unreachable);
        if (o.tookOver()) {
          request.abortWith(
              redirect(
                  self,
                  "this server took over as primary with epoch "
                      + o.epoch()
                      + " and is starting to serve: send the request again"));
        } else {
          request.abortWith(
              redirect(primary, "this standby does not take over: " + o.reason()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        request.abortWith(redirect(primary, "interrupted"));
      }
    }

    private Response redirect(URI to, String message) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("role", Role.STANDBY.label());
      details.put("epoch", state.get().epoch());
      if (to != null) {
        details.put("primary", to.toString());
      }
      Response.ResponseBuilder b =
          Response.fromResponse(ApiErrors.response(503, message, details))
              .header("Retry-After", "1");
      if (to != null) {
        b.header(ClusterHeaders.PRIMARY, to.toString());
      }
      return b.build();
    }

    private boolean authorized(String header) {
      if (header == null) {
        return false;
      }
      String token = null;
      if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        token = header.substring(7).strip();
      } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
        try {
          String decoded =
              new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
          token = decoded.substring(decoded.indexOf(':') + 1);
        } catch (IllegalArgumentException e) {
          return false;
        }
      }
      return token != null && Tokens.matches(token, tokenHash);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      response.getHeaders().putSingle(ClusterHeaders.EPOCH, Long.toString(state.get().epoch()));
    }
  }
}
