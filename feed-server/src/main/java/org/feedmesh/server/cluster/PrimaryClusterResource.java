package org.feedmesh.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.Objects;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.http.ApiException;

/**
 * {@code /cluster/...} on a primary, for its standby (admin token only): {@code POST snapshot},
 * {@code GET log}, {@code GET state}; and {@code POST lease}, which a primary refuses (409 with its
 * epoch) — a newer epoch in it fences this server.
 */
@Path("cluster")
public final class PrimaryClusterResource {
  private final ReplicationSource source;
  private final java.nio.file.Path tempDir;

  PrimaryClusterResource(ReplicationSource source, java.nio.file.Path tempDir) {
    this.source = Objects.requireNonNull(source, "source");
    this.tempDir = Objects.requireNonNull(tempDir, "tempDir");
  }

  @GET
  @Path("state")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> state(@Context Caller caller) {
    caller.requireAdmin();
    return source.view().toMap();
  }

  @POST
  @Path("snapshot")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces("application/zip")
  public Response snapshot(@Context Caller caller, JsonNode body) throws IOException {
    caller.requireAdmin();
    URI standby = ClusterNode.baseUrl(requireText(body, "standby"));
    Files.createDirectories(tempDir);
    ReplicationSource.Snapshot s = source.snapshot(standby, tempDir);
    StreamingOutput out =
        stream -> {
          try {
            Files.copy(s.zip(), stream);
          } finally {
            Files.deleteIfExists(s.zip());
          }
        };
    return Response.ok(out, "application/zip").build();
  }

  @GET
  @Path("log")
  @Produces(LogWire.MEDIA_TYPE)
  public Response log(
      @Context Caller caller,
      @QueryParam("log") String logId,
      @QueryParam("after") @DefaultValue("-1") long after,
      @QueryParam("waitMillis") @DefaultValue("0") long waitMillis)
      throws InterruptedException {
    caller.requireAdmin();
    if (logId == null || after < 0 || waitMillis < 0) {
      throw new ApiException(400, "give log=ID, after=POSITION (>= 0) and waitMillis (>= 0)");
    }
    ReplicationSource.Page page = source.poll(logId, after, waitMillis);
    StreamingOutput out = stream -> LogWire.write(page.entries(), stream);
    return Response.ok(out, LogWire.MEDIA_TYPE).header(PeerClient.LOG_HEAD, page.head()).build();
  }

  @POST
  @Path("lease")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response lease(@Context Caller caller, JsonNode body) {
    caller.requireAdmin();
    long theirs = body == null ? 0 : body.path("epoch").asLong();
    source.newerEpoch(theirs);
    return Response.status(409)
        .entity(
            Map.of(
                "error",
                "this server is a primary (epoch " + source.epoch() + "); it grants no lease",
                "status",
                409,
                "epoch",
                source.epoch()))
        .build();
  }

  static String requireText(JsonNode body, String field) {
    if (body == null || !body.path(field).isTextual()) {
      throw new ApiException(400, "the JSON body needs a text field '" + field + "'");
    }
    return body.path(field).asText();
  }
}
