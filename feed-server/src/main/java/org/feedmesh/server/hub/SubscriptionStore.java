package org.feedmesh.server.hub;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.db.DatabaseException;
import org.feedmesh.server.hub.Subscription.State;

/**
 * Verified subscriptions and their delivery cursors in H2 ({@link HubSchema}). Every method is one
 * short statement or transaction; thread-safe.
 */
public final class SubscriptionStore {
  private static final String COLUMNS =
      "id, topic, namespace, format, callback, hub_url, secret, subscriber, lease_seconds,"
          + " expires_at, state, ended_reason, delivered_cursor, attempts, next_attempt_at,"
          + " last_error, last_delivered_at";

  private static final int MAX_TEXT = 500;

  private final Database db;

  public SubscriptionStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
    db.migrate(HubSchema.MIGRATIONS);
  }

  /** What {@link #subscribe} asks for: a verified subscription request. */
  public record Grant(
      Topic topic,
      String callback,
      String hubUrl,
      Optional<String> secret,
      String subscriber,
      Duration lease) {
    public Grant {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(callback, "callback");
      Objects.requireNonNull(hubUrl, "hubUrl");
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(subscriber, "subscriber");
      Objects.requireNonNull(lease, "lease");
    }

    @Override
    public String toString() {
      return "Grant[" + topic.url() + " -> " + callback + " by " + subscriber + "]";
    }
  }

  /**
   * Stores a verified subscription. A live subscription with the same (topic, callback) is replaced
   * in place: new lease, secret and subscriber, same id, and it keeps its cursor, so nothing it is
   * still owed is dropped. Otherwise (new, expired or ended) it starts at {@code currentCursor}:
   * the subscriber gets what is journaled after it subscribed.
   */
  public Subscription subscribe(Grant g, Instant now, long currentCursor) {
    for (int attempt = 0; ; attempt++) {
      try {
        long id = db.transaction(c -> upsert(c, g, now, currentCursor));
        return byId(id).orElseThrow();
      } catch (DatabaseException e) {
        if (!e.isDuplicateKey() || attempt > 0) {
          throw e;
        }
        // A concurrent subscribe of the same pair inserted first: replace it instead.
      }
    }
  }

  private static long upsert(Connection c, Grant g, Instant now, long currentCursor)
      throws SQLException {
    Optional<Subscription> existing =
        select(c, "WHERE topic = ? AND callback = ? FOR UPDATE", g.topic().url(), g.callback())
            .stream()
            .findFirst();
    Instant expires = now.plus(g.lease());
    if (existing.isPresent()) {
      Subscription old = existing.get();
      boolean keep = old.isLive(now);
      update(
          c,
          "UPDATE hub_subscription SET hub_url = ?, secret = ?, subscriber = ?, lease_seconds = ?,"
              + " expires_at = ?, state = 'ACTIVE', ended_reason = NULL, delivered_cursor = ?,"
              + " attempts = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?",
          g.hubUrl(),
          g.secret().orElse(null),
          g.subscriber(),
          g.lease().toSeconds(),
          time(expires),
          keep ? old.deliveredCursor() : currentCursor,
          keep ? old.attempts() : 0,
          keep ? old.nextAttemptAt().map(SubscriptionStore::time).orElse(null) : null,
          time(now),
          old.id());
      return old.id();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO hub_subscription (topic, namespace, format, callback, hub_url, secret,"
                + " subscriber, lease_seconds, expires_at, state, delivered_cursor, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?)",
            new String[] {"ID"})) {
      bind(
          ps,
          g.topic().url(),
          g.topic().namespace(),
          g.topic().format().name(),
          g.callback(),
          g.hubUrl(),
          g.secret().orElse(null),
          g.subscriber(),
          g.lease().toSeconds(),
          time(expires),
          currentCursor,
          time(now),
          time(now));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** Removes the (topic, callback) subscription; false when there was none. */
  public boolean unsubscribe(String topic, String callback) {
    return db.transaction(
            c ->
                update(
                    c,
                    "DELETE FROM hub_subscription WHERE topic = ? AND callback = ?",
                    topic,
                    callback))
        > 0;
  }

  public Optional<Subscription> find(String topic, String callback) {
    return db.read(c -> select(c, "WHERE topic = ? AND callback = ?", topic, callback)).stream()
        .findFirst();
  }

  public Optional<Subscription> byId(long id) {
    return db.read(c -> select(c, "WHERE id = ?", id)).stream().findFirst();
  }

  /** Every subscription, or those of one subscriber, ordered by id. */
  public List<Subscription> list(Optional<String> subscriber) {
    return db.read(
        c ->
            subscriber.isPresent()
                ? select(c, "WHERE subscriber = ? ORDER BY id", subscriber.get())
                : select(c, "ORDER BY id"));
  }

  /**
   * Live subscriptions to the namespace that are owed something below {@code lastCursor}, those
   * waiting for a retry included; ordered by topic, hub URL and cursor, so subscriptions that would
   * get the same body are next to each other.
   */
  public List<Subscription> owed(String namespace, long lastCursor, Instant now) {
    return db.read(
        c ->
            select(
                c,
                "WHERE namespace = ? AND state = 'ACTIVE' AND expires_at > ? "
                    + "AND delivered_cursor < ? ORDER BY topic, hub_url, delivered_cursor, id",
                namespace,
                time(now),
                lastCursor));
  }

  /** Namespaces that have live subscriptions. */
  public List<String> liveNamespaces(Instant now) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT DISTINCT namespace FROM "
                      + "hub_subscription WHERE state = 'ACTIVE' AND expires_at > ?")) {
            bind(ps, time(now));
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
            return out;
          }
        });
  }

  public long countLive(Instant now) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM hub_subscription "
                      + "WHERE state = 'ACTIVE' AND expires_at > ?")) {
            bind(ps, time(now));
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /**
   * Records an acknowledged distribution: the cursor rises to {@code cursor} (never falls) and the
   * failure count resets. False when the subscription is gone or ended meanwhile.
   */
  public boolean delivered(long id, long cursor, Instant now) {
    return db.read(c -> delivered(c, id, cursor, now)) > 0;
  }

  private static int delivered(Connection c, long id, long cursor, Instant now)
      throws SQLException {
    return update(
        c,
        "UPDATE hub_subscription SET delivered_cursor = GREATEST("
            + "delivered_cursor, ?), attempts = 0, next_attempt_at = NULL, last_error = NULL, "
            + "last_delivered_at = ?, updated_at = ? WHERE id = ? AND state = 'ACTIVE'",
        cursor,
        time(now),
        time(now),
        id);
  }

  /** Records a failed distribution and when to try again. */
  public void failed(long id, int attempts, Instant nextAttempt, String error, Instant now) {
    db.read(c -> failed(c, id, attempts, nextAttempt, error, now));
  }

  private static int failed(
      Connection c, long id, int attempts, Instant nextAttempt, String error, Instant now)
      throws SQLException {
    return update(
        c,
        "UPDATE hub_subscription SET attempts = ?, next_attempt_at = ?, "
            + "last_error = ?, updated_at = ? WHERE id = ? AND state = 'ACTIVE'",
        attempts,
        time(nextAttempt),
        clip(error),
        time(now),
        id);
  }

  /** A change of delivery state, for {@link #record}. */
  public sealed interface Update {
    long id();

    Instant at();
  }

  /** Acknowledged up to {@code cursor}; see {@link #delivered}. */
  public record Delivered(long id, long cursor, Instant at) implements Update {}

  /** Failed; see {@link #failed}. */
  public record Failed(long id, int attempts, Instant nextAttempt, String error, Instant at)
      implements Update {}

  /** Ended; see {@link #end}. */
  public record Ended(long id, String reason, Instant at) implements Update {}

  /** Applies many updates, in order, in one transaction. */
  public void record(List<? extends Update> updates) {
    if (updates.isEmpty()) {
      return;
    }
    db.transaction(
        c -> {
          for (Update u : updates) {
            if (u instanceof Delivered d) {
              delivered(c, d.id(), d.cursor(), d.at());
            } else if (u instanceof Failed f) {
              failed(c, f.id(), f.attempts(), f.nextAttempt(), f.error(), f.at());
            } else if (u instanceof Ended e) {
              end(c, e.id(), e.reason(), e.at());
            }
          }
          return null;
        });
  }

  /** Ends the subscription for good; the sweeper removes it later. */
  public boolean end(long id, String reason, Instant now) {
    return db.read(c -> end(c, id, reason, now)) > 0;
  }

  private static int end(Connection c, long id, String reason, Instant now) throws SQLException {
    return update(
        c,
        "UPDATE hub_subscription SET state = 'ENDED', ended_reason = ?, "
            + "updated_at = ? WHERE id = ? AND state = 'ACTIVE'",
        clip(reason),
        time(now),
        id);
  }

  /** Deletes ended subscriptions and those whose lease ended; returns how many. */
  public int purge(Instant now) {
    return db.transaction(
        c ->
            update(
                c,
                "DELETE FROM hub_subscription WHERE state = 'ENDED' OR expires_at <= ?",
                time(now)));
  }

  private static List<Subscription> select(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM hub_subscription " + where)) {
      bind(ps, args);
      List<Subscription> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
      return out;
    }
  }

  private static Subscription row(ResultSet rs) throws SQLException {
    Topic topic =
        new Topic(
            rs.getString("topic"),
            rs.getString("namespace"),
            FeedFormat.valueOf(rs.getString("format")));
    return new Subscription(
        rs.getLong("id"),
        topic,
        rs.getString("callback"),
        rs.getString("hub_url"),
        Optional.ofNullable(rs.getString("secret")),
        rs.getString("subscriber"),
        rs.getLong("lease_seconds"),
        instant(rs, "expires_at"),
        State.valueOf(rs.getString("state")),
        Optional.ofNullable(rs.getString("ended_reason")),
        rs.getLong("delivered_cursor"),
        rs.getInt("attempts"),
        Optional.ofNullable(instant(rs, "next_attempt_at")),
        Optional.ofNullable(rs.getString("last_error")),
        Optional.ofNullable(instant(rs, "last_delivered_at")));
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

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static String clip(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }
}
