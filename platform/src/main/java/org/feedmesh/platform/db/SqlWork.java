package org.feedmesh.platform.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with a connection; may throw {@link SQLException}, which the caller wraps. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
