package org.feedmesh.platform.db.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.feedmesh.platform.db.Database;

/**
 * Applies a primary's logged changes to a copy of its database, one batch per transaction together
 * with the new position, so the copy is always at a position the primary had. Inserts and updates
 * are written as {@code MERGE ... KEY (primary key)}, deletes by primary key: applying a change
 * twice changes nothing. Every replicated table needs a primary key.
 *
 * <p>Used by one follower thread at a time.
 */
public final class ChangeApplier {
  private final Database db;
  private final Map<String, TableShape> shapes = new ConcurrentHashMap<>();

  public ChangeApplier(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** Columns (in order, generated ones marked) and primary-key columns of a table. */
  record TableShape(String table, List<String> columns, List<Boolean> generated, int[] key) {}

  /**
   * Applies {@code entries} (in order, the positions after the copy's) and records {@code
   * position} as applied, in one transaction.
   *
   * @throws org.feedmesh.platform.db.DatabaseException when a change does not fit the copy's
   *     schema (a table or column it lacks): the follower should take a new snapshot
   */
  public void apply(List<ChangeLog.Entry> entries, long position) {
    db.transaction(
        c -> {
          for (ChangeLog.Entry e : entries) {
            applyOne(c, e);
          }
          ChangeLog.setPosition(c, position);
          return null;
        });
  }

  private void applyOne(Connection c, ChangeLog.Entry e) throws SQLException {
    TableShape shape = shapes.computeIfAbsent(e.table(), t -> db.read(con -> shape(con, t)));
    RowCodec.Change change = RowCodec.decode(e.data());
    if (change.oldRow() != null
        && (change.newRow() == null || !sameKey(shape, change.oldRow(), change.newRow()))) {
      delete(c, shape, change.oldRow());
    }
    if (change.newRow() != null) {
      merge(c, shape, change.newRow());
    }
  }

  private static boolean sameKey(TableShape shape, Object[] a, Object[] b) {
    for (int k : shape.key()) {
      if (!Objects.deepEquals(a[k], b[k])) {
        return false;
      }
    }
    return true;
  }

  private static void delete(Connection c, TableShape shape, Object[] row) throws SQLException {
    String where =
        java.util.Arrays.stream(shape.key())
            .mapToObj(k -> quote(shape.columns().get(k)) + " = ?")
            .collect(Collectors.joining(" AND "));
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM " + quote(shape.table()) + " WHERE " + where)) {
      int i = 1;
      for (int k : shape.key()) {
        ps.setObject(i++, row[k]);
      }
      ps.executeUpdate();
    }
  }

  private static void merge(Connection c, TableShape shape, Object[] row) throws SQLException {
    if (row.length != shape.columns().size()) {
      throw new SQLException(
          "a change to "
              + shape.table()
              + " has "
              + row.length
              + " columns, the copy's table "
              + shape.columns().size());
    }
    List<String> cols = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < row.length; i++) {
      if (!shape.generated().get(i)) {
        cols.add(quote(shape.columns().get(i)));
        values.add(row[i]);
      }
    }
    String key =
        java.util.Arrays.stream(shape.key())
            .mapToObj(k -> quote(shape.columns().get(k)))
            .collect(Collectors.joining(", "));
    String sql =
        "MERGE INTO "
            + quote(shape.table())
            + " ("
            + String.join(", ", cols)
            + ") KEY ("
            + key
            + ") VALUES ("
            + "?, ".repeat(cols.size() - 1)
            + "?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.size(); i++) {
        ps.setObject(i + 1, values.get(i));
      }
      ps.executeUpdate();
    }
  }

  static TableShape shape(Connection c, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    List<Boolean> generated = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COLUMN_NAME, IS_GENERATED FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
          generated.add("ALWAYS".equalsIgnoreCase(rs.getString(2)));
        }
      }
    }
    if (columns.isEmpty()) {
      throw new SQLException("the copy has no table " + table + ": its schema is older");
    }
    List<Integer> key = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT k.COLUMN_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t"
                + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k"
                + " ON k.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA"
                + " AND k.CONSTRAINT_NAME = t.CONSTRAINT_NAME"
                + " WHERE t.TABLE_SCHEMA = 'PUBLIC' AND t.TABLE_NAME = ?"
                + " AND t.CONSTRAINT_TYPE = 'PRIMARY KEY' ORDER BY k.ORDINAL_POSITION")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          key.add(columns.indexOf(rs.getString(1)));
        }
      }
    }
    if (key.isEmpty()) {
      throw new SQLException("table " + table + " has no primary key: it cannot be replicated");
    }
    return new TableShape(
        table, columns, generated, key.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * After a takeover: makes every identity column continue above the highest value it holds (the
   * copy's rows came with their values, its sequences did not move).
   */
  public static void restartIdentities(Database db) {
    List<String[]> identities =
        db.read(
            c -> {
              List<String[]> out = new ArrayList<>();
              try (PreparedStatement ps =
                      c.prepareStatement(
                          "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                              + " WHERE TABLE_SCHEMA = 'PUBLIC' AND IS_IDENTITY = 'YES'");
                  ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
              }
              return out;
            });
    for (String[] id : identities) {
      db.read(
          c -> {
            long next;
            try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT COALESCE(MAX(" + quote(id[1]) + "), 0) + 1 FROM " + quote(id[0]));
                ResultSet rs = ps.executeQuery()) {
              rs.next();
              next = rs.getLong(1);
            }
            try (PreparedStatement ps =
                c.prepareStatement(
                    "ALTER TABLE "
                        + quote(id[0])
                        + " ALTER COLUMN "
                        + quote(id[1])
                        + " RESTART WITH "
                        + next)) {
              ps.execute();
            }
            return null;
          });
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
