package org.feedmesh.lookup.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.feedmesh.platform.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupSchemaTest {
  @TempDir Path dir;

  @Test
  void aNewDatabaseHandsOutBlobKeysInLongRuns() {
    try (TestDatabase t = new TestDatabase(dir)) {
      assertEquals(LookupSchema.BLOB_KEY_CACHE, blobKeyCache(t.database()));
    }
  }

  @Test
  void aDatabaseMadeByTheFirstSchemaIsUpgradedAndKeepsItsBlobs() throws IOException {
    try (Database db = Database.open(dir, "lookup")) {
      db.migrate(LookupSchema.migrations().subList(0, 1));
      assertEquals(32, blobKeyCache(db)); // H2's default, what version 1 made
      assertEquals(1, insertBlob(db, 1));
    }
    try (Database db = Database.open(dir, "lookup")) {
      assertEquals(1, db.migrate(LookupSchema.migrations()));
      assertEquals(LookupSchema.BLOB_KEY_CACHE, blobKeyCache(db));
      assertEquals(2, insertBlob(db, 2), "the upgraded sequence goes on after the key it handed out");
      assertEquals(2L, (long) db.read(c -> single(c, "SELECT COUNT(*) FROM lookup_blob")));
    }
  }

  /** Inserts a blob whose id starts with {@code idByte}; returns its key. */
  private static long insertBlob(Database db, int idByte) {
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO lookup_blob (blob_id, size, block_count, layout_digest,"
                      + " registered_at) VALUES (?, 1, 1, ?, 0)",
                  new String[] {"BLOB_KEY"})) {
            byte[] id = new byte[32];
            id[0] = (byte) idByte;
            ps.setBytes(1, id);
            ps.setBytes(2, new byte[32]);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private static long blobKeyCache(Database db) {
    return db.read(
        c ->
            single(
                c,
                "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_NAME = 'LOOKUP_BLOB' AND COLUMN_NAME = 'BLOB_KEY'"));
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
