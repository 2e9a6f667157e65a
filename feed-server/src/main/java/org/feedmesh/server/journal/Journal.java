package org.feedmesh.server.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.merge.ItemMerge;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable per-namespace journal: current merged version of every item, and every accepted
 * version under a cursor that strictly increases per namespace.
 *
 * <p>Merging is FeedSync's ({@link ItemMerge}): a posted version that brings nothing new leaves the
 * stored one in place and journals nothing.
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
  private final JournalRows rows;
  private final Clock clock;
  private final List<JournalListener> listeners = new CopyOnWriteArrayList<>();

  public Journal(Database db, ItemCodec codec, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.rows = new JournalRows(Objects.requireNonNull(codec, "codec"));
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
   * @throws ApiException 404 unknown namespace, 403 history under a foreign {@code by} (see {@link
   *     Ownership}), 413 too many items
   */
  public PublishResult publish(String namespace, Caller caller, List<Item> items) {
    if (items.size() > MAX_ITEMS_PER_PUBLISH) {
      throw new ApiException(
          413,
          "one publish may carry at most " + MAX_ITEMS_PER_PUBLISH + " items, got " + items.size(),
          Map.of("limit", MAX_ITEMS_PER_PUBLISH));
    }
    PublishResult result = db.transaction(c -> publishIn(c, namespace, caller, items));
    if (!result.journaled().isEmpty()) {
      tell(namespace, result.journaled());
    }
    return result;
  }

  /**
   * Decides, from an item's current entry (empty if the item does not exist), the version to merge
   * in; runs inside the transaction with the namespace locked, so its checks (If-Match, change
   * packet acceptance) hold at the moment of the write. Throwing refuses the change: nothing is
   * stored.
   */
  @FunctionalInterface
  public interface Change {
    Item apply(Optional<JournalEntry> current);
  }

  /**
   * Changes one item atomically: locks the namespace, reads the item's current entry, asks {@code
   * change} for the version to merge in, merges and journals it like {@link #publish}.
   */
  public PublishResult change(String namespace, Caller caller, String itemId, Change change) {
    PublishResult result =
        db.transaction(
            c -> {
              lockNamespace(c, namespace);
              Optional<JournalEntry> current = rows.current(c, namespace, itemId);
              Item incoming = change.apply(current);
              if (!incoming.id().equals(itemId)) {
                throw new ApiException(
                    400,
                    "the entry's sx:sync id "
                        + incoming.id()
                        + " does not match the item addressed, "
                        + itemId,
                    Map.of("item", itemId));
              }
              return publishIn(c, namespace, caller, List.of(incoming));
            });
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
        before.put(id, rows.current(c, ns, id).map(JournalEntry::item).orElse(null));
      }
      Item stored = after.containsKey(id) ? after.get(id) : before.get(id);
      Ownership.check(caller, stored, incoming);
      Item result = stored == null ? incoming : ItemMerge.merge(stored, incoming).item();
      after.put(id, result);
      merged.add(result);
    }
    Instant now = clock.instant();
    List<JournalEntry> journaled = new ArrayList<>();
    List<Boolean> existed = new ArrayList<>();
    long cursor = last;
    for (Map.Entry<String, Item> e : after.entrySet()) {
      Item stored = before.get(e.getKey());
      if (e.getValue().equals(stored)) {
        continue;
      }
      cursor++;
      journaled.add(new JournalEntry(ns, cursor, e.getValue(), caller.id(), now));
      existed.add(stored != null);
    }
    if (cursor != last) {
      rows.write(c, journaled, existed);
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
    return currentEntry(namespace, itemId).map(JournalEntry::item);
  }

  /**
   * The current versions of {@code itemIds} (those that exist), read on one connection: what a
   * batch of status reports needs, without a round through the pool per item.
   */
  public java.util.Map<String, Item> currentAll(String namespace, java.util.Collection<String> itemIds) {
    return db.read(c -> {
      java.util.Map<String, Item> out = new java.util.HashMap<>();
      for (String id : new java.util.LinkedHashSet<>(itemIds)) {
        rows.current(c, namespace, id).ifPresent(e -> out.put(id, e.item()));
      }
      return out;
    });
  }

  /** The current version of an item with its cursor and publisher. */
  public Optional<JournalEntry> currentEntry(String namespace, String itemId) {
    return db.read(c -> rows.current(c, namespace, itemId));
  }

  /**
   * The time a feed ending at {@code cursor} was last updated: when that version was journaled, or
   * when the namespace was created if nothing was journaled yet (Atom requires a feed time).
   */
  public Instant updated(String namespace, long cursor) {
    return journaledAt(namespace, cursor)
        .orElseGet(
            () ->
                db.read(
                    c -> {
                      try (PreparedStatement ps =
                          c.prepareStatement("SELECT created_at FROM namespace WHERE name = ?")) {
                        ps.setString(1, namespace);
                        try (ResultSet rs = ps.executeQuery()) {
                          if (!rs.next()) {
                            throw unknown(namespace);
                          }
                          return rs.getObject(1, OffsetDateTime.class).toInstant();
                        }
                      }
                    }));
  }

  /** When the version with this cursor was journaled; empty for cursor 0 or an unknown one. */
  public Optional<Instant> journaledAt(String namespace, long cursor) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT journaled_at FROM journal_entry WHERE namespace = ? AND cursor = ?")) {
            ps.setString(1, namespace);
            ps.setLong(2, cursor);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant())
                  : Optional.empty();
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
    return db.read(
        c -> {
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
   * order. Items changed more than once show up once, at their newest cursor. Page through a large
   * namespace by passing the last returned cursor as the next {@code after}, with the same {@code
   * until}; each page is one short query, so no connection is held while a client reads.
   */
  public List<JournalEntry> changes(String namespace, long after, long until, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + JournalRows.ENTRY_COLUMNS
                      + " FROM journal_item WHERE namespace = ? AND cursor > ? AND cursor <= ? "
                      + "ORDER BY cursor LIMIT ?")) {
            ps.setString(1, namespace);
            ps.setLong(2, after);
            ps.setLong(3, until);
            ps.setInt(4, limit);
            return rows.entries(namespace, ps);
          }
        });
  }

  /** Receives entries one at a time, e.g. to write them to a response. */
  @FunctionalInterface
  public interface EntrySink {
    void accept(JournalEntry entry) throws java.io.IOException;
  }

  /** Rows read per query by {@link #forEachChange}. */
  static final int CHUNK = 500;

  /**
   * Hands every current version with a cursor in {@code (after, until]} to {@code sink}, in cursor
   * order, reading {@value #CHUNK} rows per query and holding no connection while the sink runs:
   * how a feed of 100,000 items is streamed.
   */
  public void forEachChange(String namespace, long after, long until, EntrySink sink)
      throws java.io.IOException {
    long from = after;
    while (true) {
      List<JournalEntry> page = changes(namespace, from, until, CHUNK);
      for (JournalEntry e : page) {
        sink.accept(e);
      }
      if (page.size() < CHUNK) {
        return;
      }
      from = page.get(page.size() - 1).cursor();
    }
  }

  /** Every version of one item ever journaled, oldest first. */
  public List<JournalEntry> versions(String namespace, String itemId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + JournalRows.ENTRY_COLUMNS
                      + " FROM journal_entry WHERE namespace = ? AND item_id = ? ORDER BY"
                      + " cursor")) {
            ps.setString(1, namespace);
            ps.setString(2, itemId);
            return rows.entries(namespace, ps);
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
    return db.read(
        c -> {
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

  private static ApiException unknown(String ns) {
    return new ApiException(404, "namespace '" + ns + "' does not exist", Map.of("namespace", ns));
  }
}
