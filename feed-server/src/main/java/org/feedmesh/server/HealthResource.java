package org.feedmesh.server;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.db.DatabaseException;
import org.feedmesh.server.cluster.ClusterView;

/**
 * {@code GET /health}, open to everyone: 200 when the database answers, 503 otherwise; with the
 * server's role, epoch and standby lag under {@code "cluster"}.
 */
@Path("health")
public final class HealthResource {
  private final Database db;
  private final Supplier<ClusterView> cluster;

  public HealthResource(Database db) {
    this(db, ClusterView::standalone);
  }

  /**
   * @param cluster this server's place in its primary/standby pair, shown under {@code "cluster"}
   */
  public HealthResource(Database db, Supplier<ClusterView> cluster) {
    this.db = Objects.requireNonNull(db, "db");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response health() {
    Map<String, Object> body = new LinkedHashMap<>();
    try {
      db.read(
          c -> {
            if (!c.isValid(2)) {
              throw new SQLException("connection is not valid");
            }
            return null;
          });
      body.put("status", "ok");
      body.put("database", "ok");
      body.put("cluster", cluster.get().toMap());
      return Response.ok(body).build();
    } catch (DatabaseException e) {
      body.put("status", "failing");
      body.put("database", "unavailable");
      return Response.status(503).entity(body).build();
    }
  }
}
