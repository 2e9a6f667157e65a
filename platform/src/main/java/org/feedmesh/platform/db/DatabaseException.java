package org.feedmesh.platform.db;

import java.sql.SQLException;

/** A database operation failed; the cause is the {@link SQLException} that says why. */
public final class DatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseException(String message, SQLException cause) {
    super(message + ": " + cause.getMessage(), cause);
  }

  /** The SQL state of the cause, e.g. {@code 23505} for a duplicate key. */
  public String sqlState() {
    return ((SQLException) getCause()).getSQLState();
  }

  /** Whether this failure is a unique or primary key violation. */
  public boolean isDuplicateKey() {
    return "23505".equals(sqlState());
  }
}
