package org.feedmesh.lookup.standalone;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.db.DatabaseException;

/** {@code GET /health}, open to everyone: 200 when the database answers, 503 otherwise. */
@Path("health")
public final class LookupHealthResource {
  private final Database db;

  public LookupHealthResource(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response health() {
    try {
      db.read(
          c -> {
            if (!c.isValid(2)) {
              throw new SQLException("connection is not valid");
            }
            return null;
          });
      return Response.ok(Map.of("status", "ok", "service", "lookup")).build();
    } catch (DatabaseException e) {
      return Response.status(503).entity(Map.of("status", "failing", "service", "lookup")).build();
    }
  }
}
