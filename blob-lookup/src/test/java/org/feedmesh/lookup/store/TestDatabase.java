package org.feedmesh.lookup.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.feedmesh.platform.db.Database;

/** A real H2 file database in a test's temporary folder, with the lookup schema applied. */
public final class TestDatabase implements AutoCloseable {
  private final Database db;

  public TestDatabase(Path dir) {
    try {
      db = Database.open(dir, "lookup");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    db.migrate(LookupSchema.migrations());
  }

  public Database database() {
    return db;
  }

  public long count(String table) {
    return db.read(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public void close() {
    db.close();
  }
}
