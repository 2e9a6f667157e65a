package org.feedmesh.webapp.items;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.feedmesh.platform.db.Database;
import org.feedmesh.server.journal.Journal;
import org.feedmesh.server.journal.JournalEntry;
import org.feedmesh.server.journal.JournalListener;
import org.feedmesh.webapp.WebSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The items table's read model ({@code ui_item}, see {@link WebSchema}): follows the journal and
 * answers sorted, filtered pages with SQL.
 *
 * <p>It is a follower, never a second source of truth: after each commit the journal tells it the
 * namespace changed, and one background thread reads the current items above the namespace's
 * indexed cursor ({@link Journal#changes}) and writes them with that cursor in one transaction. On
 * start it catches up every namespace the same way, so a missing or stale index rebuilds itself.
 * Notifications for a namespace coalesce while its catch-up is pending. When a catch-up is done,
 * {@code onIndexed} hears the namespace and its indexed cursor (the live view's cue to refresh).
 *
 * <p>Thread-safe. {@link #close()} stops the thread.
 */
public final class ItemIndex implements JournalListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ItemIndex.class);
  private static final int CHUNK = 1000;
  private static final String COLUMNS =
      "item_id, path, kind, size, updates, deleted, conflicts, changed_by, changed_at, cursor";

  private final Database db;
  private final Journal journal;
  private final BiConsumer<String, Long> onIndexed;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "webapp-item-index");
            t.setDaemon(true);
            return t;
          });

  public ItemIndex(Database db, Journal journal, BiConsumer<String, Long> onIndexed) {
    this.db = Objects.requireNonNull(db, "db");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.onIndexed = Objects.requireNonNull(onIndexed, "onIndexed");
    db.migrate(WebSchema.MIGRATIONS);
  }

  /** Schedules a catch-up of each namespace (at start). */
  public void catchUp(List<String> namespaces) {
    namespaces.forEach(this::schedule);
  }

  @Override
  public void journaled(String namespace, List<JournalEntry> entries) {
    schedule(namespace);
  }

  private void schedule(String namespace) {
    if (pending.add(namespace)) {
      try {
        worker.execute(
            () -> {
              pending.remove(namespace);
              catchUpNow(namespace);
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        pending.remove(namespace); // closing
      }
    }
  }

  private void catchUpNow(String namespace) {
    try {
      long head = indexedCursor(namespace);
      long last = journal.lastCursor(namespace);
      while (head < last) {
        List<JournalEntry> page = journal.changes(namespace, head, last, CHUNK);
        long upTo = page.size() < CHUNK ? last : page.get(page.size() - 1).cursor();
        write(namespace, page, upTo);
        head = upTo;
      }
      onIndexed.accept(namespace, head);
    } catch (RuntimeException e) {
      log.warn("could not index namespace {}; the items table may lag until its next change",
          namespace, e);
    }
  }

  private void write(String ns, List<JournalEntry> entries, long upTo) {
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "MERGE INTO ui_item (namespace, item_id, path, path_lower, kind, size, updates,"
                      + " deleted, conflicts, changed_by, changed_at, cursor) KEY (namespace,"
                      + " item_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (JournalEntry e : entries) {
              ItemRow r = ItemRow.of(e);
              ps.setString(1, ns);
              ps.setString(2, r.id());
              ps.setString(3, r.path());
              ps.setString(4, r.path().toLowerCase(Locale.ROOT));
              ps.setString(5, r.kind());
              ps.setLong(6, r.size());
              ps.setInt(7, r.updates());
              ps.setBoolean(8, r.deleted());
              ps.setInt(9, r.conflicts());
              ps.setString(10, r.changedBy());
              ps.setObject(11, r.changedAt().atOffset(ZoneOffset.UTC));
              ps.setLong(12, r.cursor());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          try (PreparedStatement ps =
              c.prepareStatement("MERGE INTO ui_index_head (namespace, cursor) KEY (namespace)"
                  + " VALUES (?, ?)")) {
            ps.setString(1, ns);
            ps.setLong(2, upTo);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** The cursor up to which the namespace is indexed (0: nothing yet). */
  public long indexedCursor(String namespace) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT cursor FROM ui_index_head WHERE namespace = ?")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getLong(1) : 0L;
            }
          }
        });
  }

  /** A page of items and how many match in all. */
  public record Page(long total, List<ItemRow> rows) {
    public Page {
      rows = List.copyOf(rows);
    }
  }

  public Page query(ItemQuery q) {
    List<Object> args = new ArrayList<>();
    String where = where(q, args);
    return db.read(
        c -> {
          long total = count(c, where, args);
          List<Object> pageArgs = new ArrayList<>(args);
          pageArgs.add(q.limit());
          pageArgs.add(q.offset());
          List<ItemRow> rows = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(pageSql(q, where))) {
            bind(ps, pageArgs);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(row(rs));
              }
            }
          }
          return new Page(total, rows);
        });
  }

  /** The query plan of a page query: how tests check that sorting uses an index. */
  String plan(ItemQuery q) {
    List<Object> args = new ArrayList<>();
    String where = where(q, args);
    args.add(q.limit());
    args.add(q.offset());
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + pageSql(q, where))) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getString(1);
            }
          }
        });
  }

  /**
   * The page query. It names the sort column's index: H2 would otherwise pick the primary key for
   * {@code namespace = ?} and sort every row of the namespace, where the index hands the rows over
   * in order and the scan stops after {@code offset + limit} of them.
   */
  private static String pageSql(ItemQuery q, String where) {
    String dir = q.descending() ? " DESC" : " ASC";
    return "SELECT " + COLUMNS + " FROM ui_item USE INDEX (" + q.sort().index + ")" + where
        + " ORDER BY namespace" + dir + ", " + q.sort().column + dir + ", item_id" + dir
        + " LIMIT ? OFFSET ?";
  }

  /** Items of the namespace that carry conflicts. */
  public long conflictCount(String namespace) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM ui_item WHERE namespace = ? AND conflicts > 0")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private static String where(ItemQuery q, List<Object> args) {
    StringBuilder w = new StringBuilder(" WHERE namespace = ?");
    args.add(q.namespace());
    if (!q.filter().isEmpty()) {
      w.append(" AND path_lower LIKE ? ESCAPE '\\'");
      args.add("%" + likeEscape(q.filter().toLowerCase(Locale.ROOT)) + "%");
    }
    if (q.conflictsOnly()) {
      w.append(" AND conflicts > 0");
    }
    switch (q.deleted()) {
      case HIDE -> w.append(" AND deleted = FALSE");
      case ONLY -> w.append(" AND deleted = TRUE");
      case SHOW -> {}
    }
    return w.toString();
  }

  private static String likeEscape(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static long count(Connection c, String where, List<Object> args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ui_item" + where)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
  }

  private static ItemRow row(ResultSet rs) throws SQLException {
    return new ItemRow(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getInt(5),
        rs.getBoolean(6),
        rs.getInt(7),
        rs.getString(8),
        rs.getObject(9, OffsetDateTime.class).toInstant(),
        rs.getLong(10));
  }

  /** Waits for pending catch-ups (tests), then stops the thread. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
