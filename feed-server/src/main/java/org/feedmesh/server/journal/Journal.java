package org.feedmesh.server.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.feedmesh.feedsync.Item;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable per-namespace journal: current merged version of every item, and every accepted
 * version under a cursor that strictly increases per namespace.
 *
 * <p>Concurrency: a publish first locks its namespace's row ({@code SELECT ... FOR UPDATE}), then
 * reads, merges and writes its items, raises {@code namespace.last_cursor} by the number of changed
 * versions and commits. Publishes to one namespace are therefore serialized, no two versions share
 * a cursor, no merge works from a stale stored version, and cursors become visible in commit order
 * (a reader that saw cursor N never later finds a new version below N). Publishes to different
 * namespaces run in parallel. After the commit, {@link JournalListener}s hear about the new
 * versions.
 *
 * <p>Thread-safe.
 */
public final class Journal {
  private static final Logger log = LoggerFactory.getLogger(Journal.class);

  /** Most items one publish may carry. */
  public static final int MAX_ITEMS_PER_PUBLISH = 100_000;

  private final Database db;
  private final ItemCodec codec;
  private final ItemMerge merge;
  private final Clock clock;
  private final List<JournalListener> listeners = new CopyOnWriteArrayList<>();

  public Journal(Database db, ItemCodec codec, ItemMerge merge, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.merge = Objects.requireNonNull(merge, "merge");
    this.clock = Objects.requireNonNull(clock, "clock");
    db.migrate(JournalSchema.MIGRATIONS);
  }

  /** Adds a listener; the composition root does this before the server takes requests. */
  public void addListener(JournalListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Merges each posted version into the stored one and journals every changed result, all in one
   * transaction: either every item is stored or none is.
   *
   * @throws ApiException 404 unknown namespace, 403 history under a foreign {@code by} (see
   *     {@link Ownership}), 413 too many items
   */
  public PublishResult publish(String namespace, Caller caller, List<Item> items) {
    if (items.size() > MAX_ITEMS_PER_PUBLISH) {
      throw new ApiException(413, "one publish may carry at most " + MAX_ITEMS_PER_PUBLISH
          + " items, got " + items.size(), Map.of("limit", MAX_ITEMS_PER_PUBLISH));
    }
    PublishResult result = db.transaction(c -> publishIn(c, namespace, caller, items));
    if (!result.journaled().isEmpty()) {
      tell(namespace, result.journaled());
    }
    return result;
  }

  private PublishResult publishIn(Connection c, String ns, Caller caller, List<Item> items)
      throws SQLException {
    long last = lockNamespace(c, ns);
    Map<String, Item> before = new LinkedHashMap<>();
    Map<String, Item> after = new LinkedHashMap<>();
    List<Item> merged = new ArrayList<>(items.size());
    for (Item incoming : items) {
      String id = incoming.id();
      if (!before.containsKey(id)) {
        before.put(id, load(c, ns, id).orElse(null));
      }
      Item stored = after.containsKey(id) ? after.get(id) : before.get(id);
      Ownership.check(caller, stored, incoming);
      Item result = stored == null ? incoming : merge.merge(stored, incoming);
      after.put(id, result);
      merged.add(result);
    }
    Instant now = clock.instant();
    List<JournalEntry> journaled = new ArrayList<>();
    long cursor = last;
    for (Map.Entry<String, Item> e : after.entrySet()) {
      Item stored = before.get(e.getKey());
      if (e.getValue().equals(stored)) {
        continue;
      }
      cursor++;
      JournalEntry entry = new JournalEntry(ns, cursor, e.getValue(), caller.id(), now);
      write(c, entry, stored != null);
      journaled.add(entry);
    }
    if (cursor != last) {
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE namespace SET last_cursor = ? WHERE name = ?")) {
        ps.setLong(1, cursor);
        ps.setString(2, ns);
        ps.executeUpdate();
      }
    }
    return new PublishResult(merged, journaled, cursor);
  }

  /** The current version of an item. */
  public Optional<Item> current(String namespace, String itemId) {
    return db.read(c -> load(c, namespace, itemId));
  }

  /** The current version of an item with its cursor and publisher. */
  public Optional<JournalEntry> currentEntry(String namespace, String itemId) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT cursor, item, publisher, journaled_at "
          + "FROM journal_item WHERE namespace = ? AND item_id = ?")) {
        ps.setString(1, namespace);
        ps.setString(2, itemId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(entry(namespace, rs)) : Optional.empty();
        }
      }
    });
  }

  /**
   * The namespace's newest cursor (0 before anything was journaled).
   *
   * @throws ApiException 404 for an unknown namespace
   */
  public long lastCursor(String namespace) {
    return db.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT last_cursor FROM namespace WHERE name = ?")) {
        ps.setString(1, namespace);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw unknown(namespace);
          }
          return rs.getLong(1);
        }
      }
    });
  }

  /**
   * Up to {@code limit} current item versions whose cursor is in {@code (after, until]}, in cursor
   * order. Items changed more than once show up once, at their newest cursor. Page through a
   * large namespace by passing the last returned cursor as the next {@code after}, with the same
   * {@code until}; each page is one short query, so no connection is held while a client reads.
   */
  public List<JournalEntry> changes(String namespace, long after, long until, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT cursor, item, publisher, journaled_at "
          + "FROM journal_item WHERE namespace = ? AND cursor > ? AND cursor <= ? "
          + "ORDER BY cursor LIMIT ?")) {
        ps.setString(1, namespace);
        ps.setLong(2, after);
        ps.setLong(3, until);
        ps.setInt(4, limit);
        List<JournalEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(entry(namespace, rs));
          }
        }
        return out;
      }
    });
  }

  /** Every version of one item ever journaled, oldest first. */
  public List<JournalEntry> versions(String namespace, String itemId) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT cursor, item, publisher, journaled_at "
          + "FROM journal_entry WHERE namespace = ? AND item_id = ? ORDER BY cursor")) {
        ps.setString(1, namespace);
        ps.setString(2, itemId);
        List<JournalEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(entry(namespace, rs));
          }
        }
        return out;
      }
    });
  }

  /** Items (current versions, tombstones included) in the namespace. */
  public long itemCount(String namespace) {
    return count("SELECT COUNT(*) FROM journal_item WHERE namespace = ?", namespace);
  }

  /** Journal entries over all namespaces. */
  public long size() {
    return count("SELECT COUNT(*) FROM journal_entry", null);
  }

  private long count(String sql, String arg) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (arg != null) {
          ps.setString(1, arg);
        }
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  private void tell(String namespace, List<JournalEntry> entries) {
    for (JournalListener l : listeners) {
      try {
        l.journaled(namespace, entries);
      } catch (RuntimeException e) {
        log.error("journal listener {} failed for namespace {}", l, namespace, e);
      }
    }
  }

  private static long lockNamespace(Connection c, String ns) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT last_cursor FROM namespace WHERE name = ? FOR UPDATE")) {
      ps.setString(1, ns);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw unknown(ns);
        }
        return rs.getLong(1);
      }
    }
  }

  private Optional<Item> load(Connection c, String ns, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT item FROM journal_item WHERE namespace = ? AND item_id = ?")) {
      ps.setString(1, ns);
      ps.setString(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(codec.decode(rs.getString(1))) : Optional.empty();
      }
    }
  }

  private void write(Connection c, JournalEntry e, boolean exists) throws SQLException {
    String text = codec.encode(e.item());
    OffsetDateTime at = e.journaledAt().atOffset(ZoneOffset.UTC);
    String sql = exists
        ? "UPDATE journal_item SET cursor = ?, updates = ?, deleted = ?, publisher = ?, "
            + "journaled_at = ?, item = ? WHERE namespace = ? AND item_id = ?"
        : "INSERT INTO journal_item (cursor, updates, deleted, publisher, journaled_at, item, "
            + "namespace, item_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, e.cursor());
      ps.setInt(2, e.item().updates());
      ps.setBoolean(3, e.item().isDeleted());
      ps.setString(4, e.publisher());
      ps.setObject(5, at);
      ps.setString(6, text);
      ps.setString(7, e.namespace());
      ps.setString(8, e.item().id());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO journal_entry (namespace, cursor, "
        + "item_id, updates, publisher, journaled_at, item) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, e.namespace());
      ps.setLong(2, e.cursor());
      ps.setString(3, e.item().id());
      ps.setInt(4, e.item().updates());
      ps.setString(5, e.publisher());
      ps.setObject(6, at);
      ps.setString(7, text);
      ps.executeUpdate();
    }
  }

  private JournalEntry entry(String ns, ResultSet rs) throws SQLException {
    return new JournalEntry(ns, rs.getLong(1), codec.decode(rs.getString(2)), rs.getString(3),
        rs.getObject(4, OffsetDateTime.class).toInstant());
  }

  private static ApiException unknown(String ns) {
    return new ApiException(404, "namespace '" + ns + "' does not exist",
        Map.of("namespace", ns));
  }
}
