package org.feedmesh.platform.db.replication;

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
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.db.Migration;

/**
 * The replication log of one database: every row change of every table, in commit order, under a
 * position ({@code seq}) that only grows, plus the log's identity ({@code log_id}, new whenever a
 * server starts a log of its own, e.g. when a standby takes over).
 *
 * <p>Tables: {@code repl_clock} (one row: the last position, the log id, the position up to which
 * the log was pruned) and {@code repl_log}. Capture is by {@link CaptureTrigger}s, so every write
 * path is logged without touching its code; DDL is not logged (a follower that misses a schema
 * change fails to apply and takes a new snapshot). On a follower, {@code repl_clock.seq} is the
 * position applied so far.
 */
public final class ChangeLog {
  public static final String COMPONENT = "replication";

  /** Largest encoded change kept in the VARBINARY column; longer ones go to the BLOB. */
  static final int INLINE_MAX = 1_000_000;

  private static final String TRIGGER_PREFIX = "FM_CAPTURE_";

  public static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              COMPONENT,
              1,
              """
              CREATE TABLE repl_clock (
                id INT PRIMARY KEY CHECK (id = 1),
                seq BIGINT NOT NULL,
                log_id VARCHAR(64) NOT NULL,
                pruned_to BIGINT NOT NULL
              );
              INSERT INTO repl_clock VALUES (1, 0, CAST(RANDOM_UUID() AS VARCHAR), 0);
              CREATE TABLE repl_log (
                seq BIGINT PRIMARY KEY,
                table_name VARCHAR(256) NOT NULL,
                data VARBINARY(1000000),
                data_lob BLOB
              )
              """));

  /** Where the log is: its identity and its last position. */
  public record Head(String logId, long seq, long prunedTo) {
    public Head {
      Objects.requireNonNull(logId, "logId");
    }
  }

  /** One logged change: its position, its table and the encoded {@link RowCodec.Change}. */
  public record Entry(long seq, String table, byte[] data) {
    public Entry {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(data, "data");
    }
  }

  private final Database db;

  /** Creates the log's tables if needed. Capture starts only with {@link #startCapture()}. */
  public ChangeLog(Database db) {
    this.db = Objects.requireNonNull(db, "db");
    db.migrate(MIGRATIONS);
  }

  /**
   * Puts a {@link CaptureTrigger} on every table but the log's own (tables that already have one
   * keep it). Call after every component migrated its schema; tables created later are not logged
   * until this runs again.
   */
  public void startCapture() {
    for (String table : tables()) {
      execute(
          "CREATE TRIGGER IF NOT EXISTS \""
              + TRIGGER_PREFIX
              + table
              + "\" AFTER INSERT, UPDATE, DELETE ON \""
              + table
              + "\" FOR EACH ROW CALL '"
              + CaptureTrigger.class.getName()
              + "'");
    }
  }

  /** Removes every capture trigger: a follower applies changes without logging them again. */
  public void stopCapture() {
    List<String> triggers =
        db.read(
            c -> {
              List<String> names = new ArrayList<>();
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS"
                          + " WHERE TRIGGER_SCHEMA = 'PUBLIC' AND TRIGGER_NAME LIKE ?")) {
                ps.setString(1, TRIGGER_PREFIX + "%");
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    names.add(rs.getString(1));
                  }
                }
              }
              return names;
            });
    for (String t : triggers) {
      execute("DROP TRIGGER IF EXISTS \"" + t + "\"");
    }
  }

  /** The base tables of the PUBLIC schema, the log's own excluded. */
  public List<String> tables() {
    return db.read(
        c -> {
          List<String> names = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA ="
                          + " 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String name = rs.getString(1);
              if (!name.equalsIgnoreCase("REPL_CLOCK") && !name.equalsIgnoreCase("REPL_LOG")) {
                names.add(name);
              }
            }
          }
          return names;
        });
  }

  public Head head() {
    return db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT log_id, seq, pruned_to FROM repl_clock WHERE id = 1");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Head(rs.getString(1), rs.getLong(2), rs.getLong(3));
          }
        });
  }

  /**
   * Entries after {@code after}, in order: at most {@code maxEntries}, and stopping after the
   * entry that brings the total past {@code maxBytes}.
   */
  public List<Entry> read(long after, int maxEntries, long maxBytes) {
    return db.read(
        c -> {
          List<Entry> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT seq, table_name, data, data_lob FROM repl_log WHERE seq > ?"
                      + " ORDER BY seq LIMIT ?")) {
            ps.setLong(1, after);
            ps.setInt(2, maxEntries);
            long bytes = 0;
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next() && bytes <= maxBytes) {
                byte[] data = rs.getBytes(3);
                if (data == null) {
                  data = rs.getBytes(4);
                }
                out.add(new Entry(rs.getLong(1), rs.getString(2), data));
                bytes += data.length;
              }
            }
          }
          return out;
        });
  }

  /** Forgets the entries up to {@code upTo} (a follower has them); returns how many. */
  public int prune(long upTo) {
    return db.read(
        c -> {
          int n;
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM repl_log WHERE seq <= ?")) {
            ps.setLong(1, upTo);
            n = ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE repl_clock SET pruned_to = GREATEST(pruned_to, ?) WHERE id = 1")) {
            ps.setLong(1, upTo);
            ps.executeUpdate();
          }
          return n;
        });
  }

  /**
   * Makes this database's log a new one: a new identity, positions going on from the current one,
   * nothing older kept. A standby that takes over does this, so that a follower of the old log
   * cannot mistake the new one for it.
   */
  public Head startNewLog() {
    db.transaction(
        c -> {
          try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM repl_log");
            s.executeUpdate(
                "UPDATE repl_clock SET log_id = CAST(RANDOM_UUID() AS VARCHAR), pruned_to = seq"
                    + " WHERE id = 1");
          }
          return null;
        });
    return head();
  }

  /**
   * Writes a transactionally consistent copy of the whole database (H2 {@code BACKUP TO}) to
   * {@code zip}; its {@code repl_clock} says the log position the copy is at.
   */
  public void backup(Path zip) throws IOException {
    Files.deleteIfExists(zip);
    String path = zip.toAbsolutePath().toString().replace("'", "''");
    try {
      execute("BACKUP TO '" + path + "'");
    } catch (RuntimeException e) {
      throw new IOException("could not back the database up to " + zip + ": " + e.getMessage(), e);
    }
  }

  private void execute(String sql) {
    db.read(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(sql);
          }
          return null;
        });
  }

  /** For the applier: runs in the caller's transaction. */
  static void setPosition(Connection c, long seq) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE repl_clock SET seq = ? WHERE id = 1")) {
      ps.setLong(1, seq);
      ps.executeUpdate();
    }
  }
}
