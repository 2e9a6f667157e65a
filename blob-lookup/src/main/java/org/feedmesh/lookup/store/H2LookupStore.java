package org.feedmesh.lookup.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.feedmesh.lookup.BlobId;
import org.feedmesh.lookup.BlobLayout;
import org.feedmesh.lookup.Block;
import org.feedmesh.lookup.BlockHash;
import org.feedmesh.lookup.LookupException;
import org.feedmesh.lookup.PeerContact;
import org.feedmesh.platform.db.Database;

/**
 * The lookup's state in H2 (schema and sizing in {@link LookupSchema}). Every public method is one
 * transaction: a refused registration stores nothing. Callers decide who may do what; the store
 * only knows namespaces ({@link NamespaceScope}) and times (passed in, never read from a clock).
 *
 * <p>Thread-safe: every call takes its own connection from the pool. Store failures surface as the
 * platform's {@code DatabaseException}.
 */
public final class H2LookupStore {
  static final int DELETE_CHUNK = 1000;

  private final Database db;
  private final BlobRows blobs = new BlobRows();
  private final EndpointRows endpoints = new EndpointRows();
  private final LocatorRows locators = new LocatorRows();
  private final HandoutRows handouts = new HandoutRows();

  /** The schema must be in place: {@code db.migrate(LookupSchema.migrations())}. */
  public H2LookupStore(Database db) {
    this.db = db;
  }

  /** The outcome of a registration. */
  public record Registered(boolean created, Instant registeredAt, StoredBlob blob) {}

  /** A blob as one caller sees it: its layout (when asked for) and its live, visible holders. */
  public record BlobView(StoredBlob blob, List<Block> blocks, List<HolderRow> holders) {}

  /**
   * The rows behind a batch answer, restricted to what the caller may see. {@code blobsByKey} holds
   * the blobs asked for and every blob with a live, visible holder.
   */
  public record BatchRows(
      Map<BlobId, StoredBlob> blobs,
      Map<BlockHash, List<BlockSource>> sources,
      Map<Long, StoredBlob> blobsByKey,
      Map<Long, List<HolderRow>> holdersByBlobKey) {}

  /** What one sweep removed. */
  public record Swept(int locators, int blobs, int handouts) {}

  /**
   * Registers or refreshes a locator. An unknown blob needs its layout; a known blob's layout, when
   * given, must be the stored one.
   *
   * @throws LookupException NOT_FOUND for an unknown blob without layout, CONFLICT for a different
   *     layout, INVALID for held blocks past the end of the blob
   */
  public Registered register(LocatorRegistration r, Instant now) {
    return registerAll(List.of(r), now).get(0);
  }

  /**
   * Registers several locators in one transaction (the feed server accepting a feed of many items):
   * all are stored, or — when one is refused — none.
   *
   * @throws LookupException as {@link #register}, for the first refused registration
   */
  public List<Registered> registerAll(List<LocatorRegistration> registrations, Instant now) {
    long t = now.toEpochMilli();
    return db.transaction(
        c -> {
          List<Registered> out = new ArrayList<>(registrations.size());
          Map<String, Integer> endpointKeys = new HashMap<>(); // a feed's blobs share a publisher
          for (LocatorRegistration r : registrations) {
            out.add(registerIn(c, r, t, endpointKeys));
          }
          return out;
        });
  }

  private Registered registerIn(
      Connection c, LocatorRegistration r, long t, Map<String, Integer> endpointKeys)
      throws SQLException {
    Optional<BlobRows.Found> found = blobs.find(c, r.blobId());
    boolean fresh = found.isEmpty() && r.layout().isPresent();
    StoredBlob blob = fresh ? insertOrFind(c, r, t) : blobFor(c, r, found);
    if (blob == null) { // another registration inserted it first
      fresh = false;
      blob = blobFor(c, r, blobs.find(c, r.blobId()));
    }
    int blockCount = blob.blockCount();
    if (r.held().highestIndex() >= blockCount) {
      throw LookupException.invalid(
          "held block "
              + r.held().highestIndex()
              + " is past the end of blob "
              + r.blobId()
              + ", which has "
              + blockCount
              + " blocks");
    }
    Integer known = r.contact().isEmpty() && r.seenAddress().isEmpty() ? endpointKeys.get(r.endpointId()) : null;
    int endpointKey = known != null ? known : endpoints.ensure(c, r.endpointId(), r.contact(), r.seenAddress());
    endpointKeys.put(r.endpointId(), endpointKey);
    if (!fresh) {
      blobs.touch(c, blob.key(), t); // a blob just inserted was registered now, and is held
    }
    blobs.addNamespace(c, blob.key(), r.namespace());
    long registeredAt =
        locators.upsert(
            c,
            blob.key(),
            endpointKey,
            r.namespace(),
            r.held().toBitmap(blockCount),
            r.held().count(blockCount),
            t,
            r.expiresAt().toEpochMilli(),
            fresh); // no locator can name a blob inserted just now
    return new Registered(registeredAt == t, Instant.ofEpochMilli(registeredAt), blob);
  }

  /** Inserts the blob of a registration with a layout; null when someone inserted it first. */
  private StoredBlob insertOrFind(Connection c, LocatorRegistration r, long now)
      throws SQLException {
    try {
      return blobs.insert(c, r.layout().get(), now);
    } catch (SQLException e) {
      if (!isDuplicateKey(e)) {
        throw e;
      }
      return null;
    }
  }

  /** The known blob a registration names, checked against the layout it gives, if any. */
  private StoredBlob blobFor(Connection c, LocatorRegistration r, Optional<BlobRows.Found> found)
      throws SQLException {
    boolean visible =
        found.isPresent()
            && !blobs.visible(c, List.of(found.get().blob().key()), r.registrantScope()).isEmpty();
    if (found.isEmpty() || (!visible && r.layout().isEmpty())) {
      throw LookupException.notFound(
          "blob "
              + r.blobId()
              + " is not known here yet: register it with its size and block list");
    }
    if (r.layout().isPresent()) {
      BlobLayout layout = r.layout().get();
      if (!java.util.Arrays.equals(found.get().layoutDigest(), BlobRows.layoutDigest(layout))) {
        throw LookupException.conflict(
            visible
                ? mismatch(found.get().blob(), layout)
                : "this block list differs from the one recorded for blob " + r.blobId());
      }
    }
    return found.get().blob();
  }

  private static String mismatch(StoredBlob known, BlobLayout layout) {
    return "blob "
        + known.id()
        + " is known with size "
        + known.size()
        + " and "
        + known.blockCount()
        + " blocks; this registration gives size "
        + layout.size()
        + " and "
        + layout.blockCount()
        + " blocks (or other block hashes)";
  }

  /** Removes an endpoint's locator of a blob (in one namespace or all); false if there was none. */
  public boolean removeLocator(
      BlobId blobId, String endpointId, Optional<String> namespace, Instant now) {
    return db.transaction(
        c -> {
          Optional<BlobRows.Found> blob = blobs.find(c, blobId);
          Optional<EndpointRows.Endpoint> endpoint = endpoints.find(c, endpointId);
          if (blob.isEmpty() || endpoint.isEmpty()) {
            return false;
          }
          long key = blob.get().blob().key();
          int removed = locators.delete(c, key, endpoint.get().key(), namespace);
          blobs.markUnheldIfOrphaned(c, List.of(key), now.toEpochMilli());
          return removed > 0;
        });
  }

  /**
   * Forgets an endpoint: all its locators, its hand-out counts and its contact (revocation).
   * Returns how many locators went. Works in chunks, so a crash half-way leaves a consistent store
   * and a repeat finishes the job.
   */
  public int removeEndpoint(String endpointId, Instant now) {
    record Step(int removed, boolean done) {}
    int total = 0;
    while (true) {
      Step step =
          db.transaction(
              c -> {
                Optional<EndpointRows.Endpoint> e = endpoints.find(c, endpointId);
                if (e.isEmpty()) {
                  return new Step(0, true);
                }
                List<Long> keys =
                    locators.deleteSome(c, e.get().key(), Long.MAX_VALUE, DELETE_CHUNK);
                blobs.markUnheldIfOrphaned(c, new HashSet<>(keys), now.toEpochMilli());
                boolean done = keys.size() < DELETE_CHUNK;
                if (done) {
                  endpoints.delete(c, e.get().key());
                }
                return new Step(keys.size(), done);
              });
      total += step.removed();
      if (step.done()) {
        return total;
      }
    }
  }

  /**
   * Sets an endpoint's heartbeat lease, which keeps all its locators live until {@code leaseUntil}
   * (one row written however many locators it has). Creates the endpoint when new. Returns how many
   * locators the endpoint has.
   */
  public int heartbeat(
      String endpointId,
      Optional<PeerContact> contact,
      Optional<String> seen,
      Instant now,
      Instant leaseUntil) {
    return db.transaction(
        c -> {
          int key = endpoints.ensure(c, endpointId, contact, seen);
          endpoints.heartbeat(c, key, now.toEpochMilli(), leaseUntil.toEpochMilli());
          return locators.countOf(c, key);
        });
  }

  /** Records that an endpoint exists (it authenticated), without contact or lease. */
  public void noteEndpoint(String endpointId) {
    db.transaction(c -> endpoints.ensure(c, endpointId, Optional.empty(), Optional.empty()));
  }

  public boolean knowsEndpoint(String endpointId) {
    return db.transaction(c -> endpoints.find(c, endpointId).isPresent());
  }

  /** The blob and its live holders in {@code scope}; empty when unknown or outside the scope. */
  public Optional<BlobView> blob(BlobId id, NamespaceScope scope, Instant now, boolean withBlocks) {
    return db.transaction(
        c -> {
          Optional<BlobRows.Found> found = blobs.find(c, id);
          if (found.isEmpty()) {
            return Optional.empty();
          }
          StoredBlob blob = found.get().blob();
          if (blobs.visible(c, List.of(blob.key()), scope).isEmpty()) {
            return Optional.empty();
          }
          List<Block> blocks = withBlocks ? blobs.blocks(c, blob) : List.of();
          List<HolderRow> holders =
              locators.live(c, List.of(blob.key()), scope, now.toEpochMilli());
          return Optional.of(new BlobView(blob, blocks, holders));
        });
  }

  /**
   * Everything a batch answer needs in one transaction: the visible blobs among {@code blobIds}, up
   * to {@code sourcesPerBlock} live, visible places of each hash in {@code hashes}, and the live
   * visible holders of every blob involved.
   */
  public BatchRows batch(
      Collection<BlobId> blobIds,
      Collection<BlockHash> hashes,
      NamespaceScope scope,
      Instant now,
      int sourcesPerBlock) {
    long t = now.toEpochMilli();
    return db.transaction(
        c -> {
          Map<BlobId, StoredBlob> asked = blobs.findAll(c, blobIds);
          Set<Long> visible = blobs.visible(c, keysOf(asked.values()), scope);
          asked.values().removeIf(b -> !visible.contains(b.key()));
          Map<BlockHash, List<BlockSource>> sources =
              blobs.sources(c, hashes, scope, t, sourcesPerBlock);
          Set<Long> sourceKeys = new HashSet<>();
          sources.values().forEach(list -> list.forEach(s -> sourceKeys.add(s.blobKey())));
          asked.values().forEach(b -> sourceKeys.add(b.key()));
          Map<Long, StoredBlob> byKey = new HashMap<>();
          asked.values().forEach(b -> byKey.put(b.key(), b));
          Map<Long, List<HolderRow>> holders = new HashMap<>();
          for (HolderRow h : locators.live(c, sourceKeys, scope, t)) {
            holders.computeIfAbsent(h.blobKey(), k -> new ArrayList<>()).add(h);
            byKey.putIfAbsent(h.blobKey(), h.blob());
          }
          return new BatchRows(asked, sources, byKey, holders);
        });
  }

  private static List<Long> keysOf(Collection<StoredBlob> blobs) {
    return blobs.stream().map(StoredBlob::key).toList();
  }

  /** Recent hand-outs (this window and the previous) of each named endpoint; absent means 0. */
  public Map<String, Long> recentHandouts(
      Collection<String> endpointIds, Instant now, Duration window) {
    if (endpointIds.isEmpty()) {
      return Map.of();
    }
    return db.transaction(
        c -> handouts.recent(c, endpointIds, now.toEpochMilli(), window.toMillis()));
  }

  /** Adds hand-outs to endpoints' counts in the current window. */
  public void countHandouts(Map<String, Long> deltas, Instant now, Duration window) {
    if (deltas.isEmpty()) {
      return;
    }
    db.transaction(
        c -> {
          handouts.add(c, deltas, now.toEpochMilli(), window.toMillis());
          return null;
        });
  }

  /**
   * Purges locators that are no longer live, blobs unheld since before {@code unheldCutoff}, and
   * hand-out counts of windows before {@code handoutCutoff}. Works in small transactions.
   */
  public Swept sweep(Instant now, Instant unheldCutoff, Instant handoutCutoff) {
    long t = now.toEpochMilli();
    int locatorCount = 0;
    List<Integer> lapsed = db.transaction(c -> endpoints.lapsed(c, t));
    for (int endpointKey : lapsed) {
      int removed;
      do {
        removed =
            db.transaction(
                c -> {
                  List<Long> keys = locators.deleteSome(c, endpointKey, t, DELETE_CHUNK);
                  blobs.markUnheldIfOrphaned(c, new HashSet<>(keys), t);
                  return keys.size();
                });
        locatorCount += removed;
      } while (removed == DELETE_CHUNK);
    }
    int blobCount = 0;
    int removed;
    do {
      removed =
          db.transaction(
              c -> blobs.deleteUnheldBefore(c, unheldCutoff.toEpochMilli(), DELETE_CHUNK / 10));
      blobCount += removed;
    } while (removed == DELETE_CHUNK / 10);
    int handoutCount = db.transaction(c -> handouts.deleteBefore(c, handoutCutoff.toEpochMilli()));
    return new Swept(locatorCount, blobCount, handoutCount);
  }

  static boolean isDuplicateKey(SQLException e) {
    return "23505".equals(e.getSQLState());
  }
}
