package org.feedmesh.server.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.feedmesh.feedsync.Item;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.db.DatabaseException;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.server.journal.Journal;

/**
 * Status of applied changes (seed 000): endpoints report, per item version, whether they applied
 * it; the store keeps each endpoint's latest report per item and every report as an event with a
 * per-namespace sequence, so the origin endpoint can follow them like a journal. Thread-safe.
 */
public final class StatusStore {
  /** Most reports one request may carry. */
  public static final int MAX_REPORTS = 10_000;

  private final Database db;
  private final Journal journal;
  private final Clock clock;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StatusStore.class);

  private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();

  public StatusStore(Database db, Journal journal, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.clock = Objects.requireNonNull(clock, "clock");
    db.migrate(StatusSchema.MIGRATIONS);
  }

  /** Adds a listener; the composition root does this before the server takes requests. */
  public void addListener(StatusListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Stores the caller's reports, all or none.
   *
   * @throws ApiException 400 when the caller is the admin, an item is unknown or a version is newer
   *     than the server's; 403 when the caller cannot read the namespace; 413 too many reports
   */
  public List<StatusEvent> report(String namespace, Caller caller, List<StatusReport> reports) {
    if (caller.isAdmin()) {
      throw ApiException.badRequest("status is reported by endpoints; the admin token is not one");
    }
    caller.requireRead(namespace);
    journal.lastCursor(namespace); // 404 for an unknown namespace
    if (reports.size() > MAX_REPORTS) {
      throw new ApiException(
          413,
          "at most " + MAX_REPORTS + " reports per request, got " + reports.size(),
          Map.of("limit", MAX_REPORTS));
    }
    Map<String, Item> known = journal.currentAll(namespace, reports.stream().map(StatusReport::id).toList());
    for (StatusReport r : reports) {
      Item current =
          java.util.Optional.ofNullable(known.get(r.id()))
              .orElseThrow(
                  () ->
                      new ApiException(
                          400,
                          "item "
                              + r.id()
                              + " is not in namespace '"
                              + namespace
                              + "'; nothing was stored",
                          Map.of("item", r.id())));
      if (r.updates() > current.updates()) {
        throw new ApiException(
            400,
            "item "
                + r.id()
                + " has no version "
                + r.updates()
                + " on this server (newest is "
                + current.updates()
                + "); nothing was stored",
            Map.of("item", r.id()));
      }
    }
    if (reports.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<StatusEvent> events =
        inTransactionRetryingOnce(c -> store(c, namespace, caller.id(), reports, now));
    for (StatusListener l : listeners) {
      try {
        l.reported(namespace, events, known);
      } catch (RuntimeException e) {
        log.error("status listener {} failed for namespace {}", l, namespace, e);
      }
    }
    return events;
  }

  /** Each endpoint's latest report on the item, by endpoint id. */
  public List<StatusEvent> itemStatus(String namespace, String itemId) {
    return db.read(
        c ->
            query(
                c,
                "SELECT seq, endpoint_id, item_id, updates, result, reason, reported_at FROM"
                    + " item_status WHERE namespace = ? AND item_id = ? ORDER BY endpoint_id",
                namespace,
                itemId));
  }

  /** Up to {@code limit} events after {@code afterSeq}, oldest first. */
  public List<StatusEvent> events(String namespace, long afterSeq, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT seq, endpoint_id, item_id, updates, result, reason, reported_at FROM"
                      + " status_event WHERE namespace = ? AND seq > ? ORDER BY seq LIMIT ?")) {
            ps.setString(1, namespace);
            ps.setLong(2, afterSeq);
            ps.setInt(3, limit);
            return rows(ps);
          }
        });
  }

  /** The namespace's newest status sequence number (0 before any report). */
  public long lastSeq(String namespace) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT last_seq FROM status_head WHERE namespace = ?")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getLong(1) : 0L;
            }
          }
        });
  }

  private List<StatusEvent> inTransactionRetryingOnce(
      org.feedmesh.platform.db.SqlWork<List<StatusEvent>> work) {
    try {
      return db.transaction(work);
    } catch (DatabaseException e) {
      if (!e.isDuplicateKey()) {
        throw e;
      }
      // Two first reports of a namespace raced to create its counter row; it exists now.
      return db.transaction(work);
    }
  }

  private static List<StatusEvent> store(
      Connection c, String ns, String endpoint, List<StatusReport> reports, Instant now)
      throws SQLException {
    long first = allocate(c, ns, reports.size());
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    List<StatusEvent> events = new ArrayList<>();
    long seq = first;
    try (PreparedStatement latest =
            c.prepareStatement(
                "MERGE INTO item_status (namespace, item_id, endpoint_id, updates, result, reason,"
                    + " reported_at, seq) KEY (namespace, item_id, endpoint_id) VALUES (?, ?, ?, ?,"
                    + " ?, ?, ?, ?)");
        PreparedStatement event =
            c.prepareStatement(
                "INSERT INTO status_event (namespace, seq, item_id, endpoint_id, updates, result, "
                    + "reason, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (StatusReport r : reports) {
        bind(latest, ns, r.id(), endpoint, r.updates(), r.result().json(), r.reason(), at, seq);
        latest.addBatch();
        bind(event, ns, seq, r.id(), endpoint, r.updates(), r.result().json(), r.reason(), at);
        event.addBatch();
        events.add(new StatusEvent(seq, endpoint, r.id(), r.updates(), r.result(), r.reason(), now));
        seq++;
      }
      latest.executeBatch();
      event.executeBatch();
    }
    return events;
  }

  /** Raises the namespace's status counter by {@code n}; returns the first new number. */
  private static long allocate(Connection c, String ns, int n) throws SQLException {
    if (update(c, "UPDATE status_head SET last_seq = last_seq + ? WHERE namespace = ?", n, ns)
        == 0) {
      update(c, "INSERT INTO status_head (namespace, last_seq) VALUES (?, ?)", ns, (long) n);
      return 1;
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT last_seq FROM status_head WHERE namespace = ?")) {
      ps.setString(1, ns);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) - n + 1;
      }
    }
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }

  private static List<StatusEvent> query(Connection c, String sql, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return rows(ps);
    }
  }

  private static List<StatusEvent> rows(PreparedStatement ps) throws SQLException {
    List<StatusEvent> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new StatusEvent(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                StatusReport.Result.parse(rs.getString(5)),
                rs.getString(6),
                rs.getObject(7, OffsetDateTime.class).toInstant()));
      }
    }
    return out;
  }
}
