package org.feedmesh.server.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.feedmesh.feedsync.Item;

/**
 * The journal's SQL: reading entries and writing a publish's versions in batches. Encoded items go
 * to the VARCHAR column when they fit ({@link JournalSchema#INLINE_MAX}), else to the CLOB.
 */
final class JournalRows {
  /** Columns every entry query selects, in this order. */
  static final String ENTRY_COLUMNS = "cursor, item, item_lob, publisher, journaled_at";

  private final ItemCodec codec;

  JournalRows(ItemCodec codec) {
    this.codec = codec;
  }

  Optional<JournalEntry> current(Connection c, String ns, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + ENTRY_COLUMNS + " FROM journal_item WHERE namespace = ? AND item_id = ?")) {
      ps.setString(1, ns);
      ps.setString(2, id);
      List<JournalEntry> found = entries(ns, ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  /** Runs a query selecting {@link #ENTRY_COLUMNS} and decodes every row. */
  List<JournalEntry> entries(String ns, PreparedStatement ps) throws SQLException {
    List<JournalEntry> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String text = rs.getString(2);
        if (text == null) {
          text = rs.getString(3);
        }
        out.add(
            new JournalEntry(
                ns,
                rs.getLong(1),
                codec.decode(text),
                rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant()));
      }
    }
    return out;
  }

  /** Writes new current versions and journal entries, batched; {@code existed[i]} says update. */
  void write(Connection c, List<JournalEntry> entries, List<Boolean> existed) throws SQLException {
    try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO journal_item (cursor, updates, "
                    + "deleted, publisher, journaled_at, item, item_lob, namespace, item_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE journal_item SET cursor = ?, updates = ?, deleted = ?, publisher = ?,"
                    + " journaled_at = ?, item = ?, item_lob = ? WHERE namespace = ? AND item_id ="
                    + " ?");
        PreparedStatement journal =
            c.prepareStatement(
                "INSERT INTO journal_entry (namespace, "
                    + "cursor, item_id, updates, publisher, journaled_at, item, item_lob) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < entries.size(); i++) {
        JournalEntry e = entries.get(i);
        Item item = e.item();
        String text = codec.encode(item);
        String inline = text.length() <= JournalSchema.INLINE_MAX ? text : null;
        String lob = inline == null ? text : null;
        OffsetDateTime at = e.journaledAt().atOffset(ZoneOffset.UTC);
        PreparedStatement current = existed.get(i) ? update : insert;
        current.setLong(1, e.cursor());
        current.setInt(2, item.updates());
        current.setBoolean(3, item.isDeleted());
        current.setString(4, e.publisher());
        current.setObject(5, at);
        current.setString(6, inline);
        current.setString(7, lob);
        current.setString(8, e.namespace());
        current.setString(9, item.id());
        current.addBatch();
        journal.setString(1, e.namespace());
        journal.setLong(2, e.cursor());
        journal.setString(3, item.id());
        journal.setInt(4, item.updates());
        journal.setString(5, e.publisher());
        journal.setObject(6, at);
        journal.setString(7, inline);
        journal.setString(8, lob);
        journal.addBatch();
      }
      // New cursors are all above the namespace's last one, so no order can collide.
      update.executeBatch();
      insert.executeBatch();
      journal.executeBatch();
    }
  }
}
