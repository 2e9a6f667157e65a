package org.feedmesh.platform.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An H2 file database under a directory, with a small connection pool, a transaction helper and
 * per-component schema migrations, so several components (feed server, blob lookup) can share one
 * file.
 *
 * <p>Durability: the URL always carries {@code WRITE_DELAY=0}, so a committed transaction survives
 * {@code kill -9} of the JVM (not an OS crash: H2 does not fsync each commit). {@code
 * DB_CLOSE_ON_EXIT=FALSE}: the owner closes the database after the HTTP server stopped, not a JVM
 * hook racing with requests still in flight.
 *
 * <p>Thread-safe. The owner {@link #close() closes} it.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** Connections kept by the pool when the caller does not say otherwise. */
  public static final int DEFAULT_MAX_CONNECTIONS = 16;

  private final String url;
  private final JdbcConnectionPool pool;
  private final CommitHook hook;

  private Database(String url, int maxConnections, CommitHook hook) {
    this.url = url;
    this.hook = hook;
    this.pool = JdbcConnectionPool.create(url, "feedmesh", "");
    pool.setMaxConnections(maxConnections);
    pool.setLoginTimeout(30);
  }

  /**
   * Opens (creating if needed) the database {@code name} in {@code directory}: the file {@code
   * directory/name.mv.db}.
   *
   * @throws IOException when the directory cannot be created or the database cannot be opened (for
   *     example because another process has it open)
   */
  public static Database open(Path directory, String name) throws IOException {
    return open(directory, name, DEFAULT_MAX_CONNECTIONS);
  }

  public static Database open(Path directory, String name, int maxConnections) throws IOException {
    return open(directory, name, maxConnections, CommitHook.NONE);
  }

  /**
   * Like {@link #open(Path, String, int)}, with a hook that runs after every {@link #transaction}
   * committed.
   */
  public static Database open(Path directory, String name, int maxConnections, CommitHook hook)
      throws IOException {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(hook, "hook");
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          "database names are letters, digits, _ and -, got '" + name + "'");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("max connections must be positive, got " + maxConnections);
    }
    Files.createDirectories(directory);
    String url = urlFor(directory.toAbsolutePath().normalize().resolve(name));
    Database db = new Database(url, maxConnections, hook);
    try (Connection c = db.pool.getConnection()) {
      c.isValid(5);
    } catch (SQLException e) {
      db.pool.dispose();
      throw new IOException("cannot open database " + url + ": " + e.getMessage(), e);
    }
    return db;
  }

  /**
   * The JDBC URL of an H2 file database at {@code base} (no extension), durable settings on. Each
   * session keeps up to 64 parsed statements (H2 keeps 8 by default, fewer than one request of the
   * journal or the lookup uses, so it parsed the same SQL again on every call).
   */
  public static String urlFor(Path base) {
    return "jdbc:h2:file:" + base
        + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64";
  }

  public String url() {
    return url;
  }

  /**
   * A pooled connection in auto-commit mode. The caller closes it (returns it to the pool). Prefer
   * {@link #transaction} and {@link #read}.
   */
  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /**
   * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws. After
   * the commit, with the connection back in the pool, runs the {@link CommitHook}.
   *
   * @throws DatabaseException wrapping an {@link SQLException}; runtime exceptions of the work pass
   *     through unchanged (after rollback); whatever the commit hook throws (after the commit)
   */
  public <T> T transaction(SqlWork<T> work) {
    T result = transactionWithoutHook(work);
    hook.committed();
    return result;
  }

  private <T> T transactionWithoutHook(SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollback(c, e);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new DatabaseException("transaction failed", e);
    }
  }

  /** Runs {@code work} on an auto-commit connection (each statement its own transaction). */
  public <T> T read(SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new DatabaseException("query failed", e);
    }
  }

  /**
   * Brings {@code component}'s schema up to date: runs, in order, every migration whose version is
   * above the one recorded in {@code schema_version} for that component, each in a transaction with
   * the new version. Migrations must be numbered 1, 2, 3... without gaps. Note that H2 commits DDL
   * on its own, so a crash in the middle of a step may re-run its DDL: write steps with {@code IF
   * NOT EXISTS} where that matters.
   *
   * @return how many migrations ran
   */
  public synchronized int migrate(List<Migration> migrations) {
    if (migrations.isEmpty()) {
      return 0;
    }
    String component = migrations.get(0).component();
    for (int i = 0; i < migrations.size(); i++) {
      Migration m = migrations.get(i);
      if (!m.component().equals(component) || m.version() != i + 1) {
        throw new IllegalArgumentException(
            "migrations of one component are numbered 1, 2, 3...; item " + i + " is " + m);
      }
    }
    read(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                    + "component VARCHAR(64) PRIMARY KEY, version INT NOT NULL, "
                    + "applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
          }
          return null;
        });
    int current = version(component);
    if (current > migrations.size()) {
      throw new IllegalStateException(
          "the database has "
              + component
              + " schema v"
              + current
              + " but this program knows only up to v"
              + migrations.size()
              + ": it is older than the data");
    }
    List<Migration> pending = new ArrayList<>(migrations.subList(current, migrations.size()));
    for (Migration m : pending) {
      apply(m);
      log.info("applied {} schema v{}", m.component(), m.version());
    }
    return pending.size();
  }

  /** The schema version recorded for {@code component}; 0 when it has none yet. */
  public int version(String component) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT version FROM schema_version WHERE component = ?")) {
            ps.setString(1, component);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getInt(1) : 0;
            }
          } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1
                || e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1) {
              return 0;
            }
            throw e;
          }
        });
  }

  private void apply(Migration m) {
    transaction(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(m.sql());
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "MERGE INTO schema_version (component, version, applied_at) KEY (component) "
                      + "VALUES (?, ?, CURRENT_TIMESTAMP)")) {
            ps.setString(1, m.component());
            ps.setInt(2, m.version());
            ps.executeUpdate();
          }
          return null;
        });
  }

  private static void rollback(Connection c, Throwable failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Closes the pool; H2 closes the database file when the last connection is gone (connections
   * still out close as they come back).
   */
  @Override
  public void close() {
    pool.dispose();
  }
}
