package org.feedmesh.lookup.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.h2.jdbcx.JdbcConnectionPool;

/** A real H2 file database in a test's temporary folder, with the lookup schema applied. */
public final class TestDatabase implements AutoCloseable {
  private final JdbcConnectionPool pool;

  public TestDatabase(Path dir) {
    pool = JdbcConnectionPool.create(
        "jdbc:h2:" + dir.resolve("lookup").toAbsolutePath() + ";WRITE_DELAY=0", "sa", "");
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (List<String> migration : LookupSchema.migrations()) {
        for (String statement : migration) {
          s.execute(statement);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the test schema", e);
    }
  }

  public JdbcConnectionPool dataSource() {
    return pool;
  }

  public long count(String table) {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    pool.dispose();
  }
}
