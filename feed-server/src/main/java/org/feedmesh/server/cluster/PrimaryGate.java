package org.feedmesh.server.cluster;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.feedmesh.platform.cluster.ClusterHeaders;
import org.feedmesh.platform.http.ApiErrors;

/**
 * Lets a request through a primary only while it approves: otherwise 503 naming the standby in
 * {@link ClusterHeaders#PRIMARY}. Refuses writes that carry an older epoch (409 {@code
 * stale-epoch}); a newer epoch fences this server. Every response carries the server's epoch.
 * {@code /health} and {@code /cluster/...} always pass: the pair needs them to sort itself out.
 */
@PreMatching
@Priority(500) // before authentication: a server that may not approve answers nobody
public final class PrimaryGate implements ContainerRequestFilter, ContainerResponseFilter {
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final ReplicationSource source;
  private final long waitMillis;

  PrimaryGate(ReplicationSource source, ClusterSettings settings) {
    this.source = Objects.requireNonNull(source, "source");
    this.waitMillis = Math.min(1000, settings.renewEvery().toMillis());
  }

  static long epochOf(ContainerRequestContext request) {
    String v = request.getHeaderString(ClusterHeaders.EPOCH);
    if (v == null) {
      return 0;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static boolean isPairPath(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    return path.equals("health") || path.equals("/health") || path.startsWith("cluster/")
        || path.startsWith("/cluster/");
  }

  @Override
  public void filter(ContainerRequestContext request) {
    long theirs = epochOf(request);
    long ours = source.epoch();
    if (theirs > ours) {
      source.newerEpoch(theirs);
    }
    if (isPairPath(request)) {
      return;
    }
    boolean approving;
    try {
      approving = source.awaitApproving(waitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      approving = false;
    }
    if (!approving) {
      request.abortWith(notApproving(source.peer().orElse(null), ours));
      return;
    }
    if (!READS.contains(request.getMethod()) && theirs > 0 && theirs < ours) {
      request.abortWith(
          Response.fromResponse(
                  ApiErrors.response(
                      409,
                      "this write carries epoch " + theirs + " but the current epoch is " + ours
                          + ": send it again with the current one",
                      Map.of("epoch", ours, "error_code", ClusterHeaders.STALE_EPOCH)))
              .header(ClusterHeaders.ERROR_CODE, ClusterHeaders.STALE_EPOCH)
              .build());
    }
  }

  private Response notApproving(URI peer, long epoch) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("role", Role.PRIMARY.label());
    details.put("epoch", epoch);
    String message;
    if (peer == null) {
      message = "this server does not approve updates now (epoch " + epoch + ")";
    } else {
      details.put("primary", peer.toString());
      message =
          "this server (epoch "
              + epoch
              + ") cannot renew its lease on approval with its standby "
              + peer
              + ", or learned of a newer epoch; it approves nothing: send requests to "
              + peer;
    }
    Response.ResponseBuilder b =
        Response.fromResponse(ApiErrors.response(503, message, details)).header("Retry-After", "1");
    if (peer != null) {
      b.header(ClusterHeaders.PRIMARY, peer.toString());
    }
    return b.build();
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putSingle(ClusterHeaders.EPOCH, Long.toString(source.epoch()));
  }
}
