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
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.db.DatabaseException;

/** {@code GET /health}, open to everyone: 200 when the database answers, 503 otherwise. */
@Path("health")
public final class HealthResource {
  private final Database db;

  public HealthResource(Database db) {
    this.db = Objects.requireNonNull(db, "db");
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
      return Response.ok(body).build();
    } catch (DatabaseException e) {
      body.put("status", "failing");
      body.put("database", "unavailable");
      return Response.status(503).entity(body).build();
    }
  }
}
