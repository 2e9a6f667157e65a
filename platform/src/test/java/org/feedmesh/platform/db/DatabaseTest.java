package org.feedmesh.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;

  private static final List<Migration> NOTES =
      List.of(
          new Migration("notes", 1, "CREATE TABLE note (id INT PRIMARY KEY, text VARCHAR(100))"),
          new Migration(
              "notes",
              2,
              "ALTER TABLE note ADD COLUMN author VARCHAR(20) DEFAULT 'me';"
                  + "CREATE INDEX note_author ON note(author)"));

  private static final List<Migration> TAGS =
      List.of(new Migration("tags", 1, "CREATE TABLE tag (name VARCHAR(20) PRIMARY KEY)"));

  @Test
  void everyUrlAsksForDurableCommits() throws IOException {
    try (Database db = Database.open(dir, "feedmesh")) {
      assertTrue(db.url().contains(";WRITE_DELAY=0"), db.url());
      assertTrue(Files.exists(dir.resolve("feedmesh.mv.db")));
    }
  }

  @Test
  void migrationsRunOnceAndInOrder() throws IOException {
    try (Database db = Database.open(dir, "feedmesh")) {
      assertEquals(2, db.migrate(NOTES));
      assertEquals(0, db.migrate(NOTES));
      assertEquals(2, db.version("notes"));
    }
    try (Database db = Database.open(dir, "feedmesh")) {
      assertEquals(0, db.migrate(NOTES));
    }
  }

  @Test
  void newMigrationsRunAfterTheOnesAlreadyApplied() throws IOException {
    try (Database db = Database.open(dir, "feedmesh")) {
      assertEquals(1, db.migrate(NOTES.subList(0, 1)));
      assertEquals(1, db.migrate(NOTES));
      assertEquals(2, db.version("notes"));
    }
  }

  @Test
  void componentsKeepTheirOwnVersionsInOneFile() throws IOException {
    try (Database db = Database.open(dir, "feedmesh")) {
      db.migrate(NOTES);
      assertEquals(1, db.migrate(TAGS));
      assertEquals(2, db.version("notes"));
      assertEquals(1, db.version("tags"));
    }
  }

  @Test
  void gapsInMigrationNumbersAreRefused() throws IOException {
    try (Database db = Database.open(dir, "feedmesh")) {
      List<Migration> gap = List.of(NOTES.get(0), new Migration("notes", 3, "SELECT 1"));
      assertThrows(IllegalArgumentException.class, () -> db.migrate(gap));
    }
  }

  @Test
  void committedDataSurvivesReopen() throws IOException {
    try (Database db = Database.open(dir, "feedmesh")) {
      db.migrate(NOTES);
      db.transaction(
          c -> {
            try (Statement s = c.createStatement()) {
              return s.executeUpdate("INSERT INTO note (id, text) VALUES (1, 'kept')");
            }
          });
    }
    try (Database db = Database.open(dir, "feedmesh")) {
      assertEquals("kept", text(db, 1));
    }
  }

  @Test
  void failedTransactionLeavesNothingBehind() throws IOException {
    try (Database db = Database.open(dir, "feedmesh")) {
      db.migrate(NOTES);
      assertThrows(
          IllegalStateException.class,
          () ->
              db.transaction(
                  c -> {
                    try (Statement s = c.createStatement()) {
                      s.executeUpdate("INSERT INTO note (id, text) VALUES (1, 'lost')");
                    }
                    throw new IllegalStateException("boom");
                  }));
      assertEquals(null, text(db, 1));
    }
  }

  @Test
  void duplicateKeyIsRecognisable() throws IOException {
    try (Database db = Database.open(dir, "feedmesh")) {
      db.migrate(TAGS);
      db.read(c -> c.createStatement().executeUpdate("INSERT INTO tag VALUES ('a')"));
      DatabaseException e =
          assertThrows(
              DatabaseException.class,
              () ->
                  db.read(c -> c.createStatement().executeUpdate("INSERT INTO tag VALUES ('a')")));
      assertTrue(e.isDuplicateKey());
    }
  }

  private static String text(Database db, int id) {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT text FROM note WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getString(1) : null;
            }
          }
        });
  }
}
