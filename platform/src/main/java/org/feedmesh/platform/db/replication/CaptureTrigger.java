package org.feedmesh.platform.db.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * The H2 row trigger {@link ChangeLog#startCapture()} puts on every table: appends each inserted,
 * updated or deleted row to {@code repl_log}, in the writing transaction.
 *
 * <p>The log position comes from the single row of {@code repl_clock}, raised by each change: that
 * row stays locked until the writing transaction ends, so writing transactions take their positions
 * one after the other and the log's order is the commit order. A reader that sees position N
 * committed will never later find a change below N appear. (The price: writes to the database are
 * serialized from their first change to their commit.)
 *
 * <p>Instantiated by H2 (public no-argument constructor), one per table.
 */
public final class CaptureTrigger implements Trigger {
  private String table;

  @Override
  public void init(
      Connection conn, String schema, String trigger, String table, boolean before, int type) {
    this.table = table;
  }

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    char op = oldRow == null ? 'I' : newRow == null ? 'D' : 'U';
    byte[] data = RowCodec.encode(new RowCodec.Change(op, oldRow, newRow));
    long seq;
    try (PreparedStatement ps =
            conn.prepareStatement(
                "SELECT seq FROM FINAL TABLE (UPDATE repl_clock SET seq = seq + 1 WHERE id = 1)");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("repl_clock has no row: the change log is not set up");
      }
      seq = rs.getLong(1);
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT INTO repl_log (seq, table_name, data, data_lob) VALUES (?, ?, ?, ?)")) {
      boolean inline = data.length <= ChangeLog.INLINE_MAX;
      ps.setLong(1, seq);
      ps.setString(2, table);
      ps.setBytes(3, inline ? data : null);
      ps.setBytes(4, inline ? null : data);
      ps.executeUpdate();
    }
  }
}
