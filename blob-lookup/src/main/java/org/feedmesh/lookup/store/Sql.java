package org.feedmesh.lookup.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.feedmesh.lookup.LookupException;

/** Runs store work in one transaction on a connection from the pool; rolls back on any failure. */
final class Sql {
  /** One unit of store work on an open connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** SQLSTATE for a unique or primary key violation. */
  static final String DUPLICATE_KEY = "23505";

  private final DataSource dataSource;

  Sql(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Runs {@code work} in a transaction and commits it. A {@link LookupException} thrown by the work
   * rolls back and propagates unchanged; an {@link SQLException} rolls back and becomes a {@code
   * STORE_FAILURE} naming {@code what}.
   */
  <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new LookupException(LookupException.Reason.STORE_FAILURE,
          "lookup store failed to " + what + ": " + e.getMessage(), e);
    }
  }

  static boolean isDuplicateKey(SQLException e) {
    return DUPLICATE_KEY.equals(e.getSQLState());
  }
}
