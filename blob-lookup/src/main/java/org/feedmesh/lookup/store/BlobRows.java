package org.feedmesh.lookup.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.feedmesh.lookup.LookupSettings;

/** Blobs, their block lists and the namespaces they appear in (see {@link LookupSchema}). */
final class BlobRows {
  /** Block keys are {@code blob_key * INDEX_SPAN + block_index}. */
  static final long INDEX_SPAN = LookupSettings.BLOCK_INDEX_LIMIT;

  /**
   * Arrays bound to {@code = ANY(?)} are cut into chunks of this many elements. H2 looks each
   * element up in the index, but then re-checks every row found against the whole array, one
   * element after another: long arrays make that re-check the dominant cost.
   */
  static final int CHUNK = 32;

  /** Block rows sent to the database per JDBC batch. */
  private static final int INSERT_BATCH = 1000;

  private static final String LIVE_VISIBLE_LOCATOR =
      """
      SELECT 1 FROM lookup_locator l JOIN lookup_endpoint e ON e.endpoint_key = l.endpoint_key
      WHERE l.blob_key = k.block_key / %d
        AND GREATEST(l.expires_at, e.lease_expires_at) > ?"""
          .formatted(INDEX_SPAN);
  private static final String SOURCES =
      """
      SELECT k.block_key, k.block_offset, k.block_size FROM lookup_block k
      WHERE k.hash_key = ? AND k.hash = ? AND EXISTS (%s%s)
      ORDER BY k.block_key DESC FETCH FIRST ? ROWS ONLY""";
  private static final String SOURCES_ALL = SOURCES.formatted(LIVE_VISIBLE_LOCATOR, "");
  private static final String SOURCES_SCOPED =
      SOURCES.formatted(LIVE_VISIBLE_LOCATOR, " AND l.namespace = ANY(?)");

  record Found(StoredBlob blob, byte[] layoutDigest) {}

  static long blockKey(long blobKey, int index) {
    return blobKey * INDEX_SPAN + index;
  }

  static long hashKey(byte[] hash) {
    return ByteBuffer.wrap(hash).getLong();
  }

  /** SHA-256 over the blob size and each block's size and hash: equal iff the layouts are. */
  static byte[] layoutDigest(BlobLayout layout) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(36);
      md.update(ByteBuffer.allocate(8).putLong(layout.size()).array());
      for (Block b : layout.blocks()) {
        buf.clear();
        buf.putInt(b.size()).put(b.hash().bytes());
        md.update(buf.array());
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  Optional<Found> find(Connection c, BlobId id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT blob_key, size, block_count, layout_digest FROM lookup_blob WHERE blob_id ="
                + " ?")) {
      ps.setBytes(1, id.bytes());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Found(
                new StoredBlob(rs.getLong(1), id, rs.getLong(2), rs.getInt(3)), rs.getBytes(4)));
      }
    }
  }

  /** Inserts the blob and its blocks; a concurrent insert of the same blob fails with 23505. */
  StoredBlob insert(Connection c, BlobLayout layout, long now) throws SQLException {
    long key;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO lookup_blob(blob_id, size,"
                + " block_count, layout_digest, registered_at) VALUES (?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setBytes(1, layout.id().bytes());
      ps.setLong(2, layout.size());
      ps.setInt(3, layout.blockCount());
      ps.setBytes(4, layoutDigest(layout));
      ps.setLong(5, now);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        key = keys.getLong(1);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO lookup_block(block_key, hash_key,"
                + " hash, block_offset, block_size) VALUES (?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (Block b : layout.blocks()) {
        byte[] hash = b.hash().bytes();
        ps.setLong(1, blockKey(key, b.index()));
        ps.setLong(2, hashKey(hash));
        ps.setBytes(3, hash);
        ps.setLong(4, b.offset());
        ps.setInt(5, b.size());
        ps.addBatch();
        if (++pending == INSERT_BATCH) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
    return new StoredBlob(key, layout.id(), layout.size(), layout.blockCount());
  }

  /** Marks the blob as registered now and held again. */
  void touch(Connection c, long blobKey, long now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE lookup_blob SET registered_at = ?, unheld_since = NULL WHERE blob_key = ?")) {
      ps.setLong(1, now);
      ps.setLong(2, blobKey);
      ps.executeUpdate();
    }
  }

  void addNamespace(Connection c, long blobKey, String namespace) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "MERGE INTO lookup_blob_namespace(blob_key, namespace) KEY(blob_key, namespace)"
                + " VALUES (?, ?)")) {
      ps.setLong(1, blobKey);
      ps.setString(2, namespace);
      ps.executeUpdate();
    }
  }

  /** Those of {@code keys} whose blob appears in a namespace of {@code scope}. */
  Set<Long> visible(Connection c, Collection<Long> keys, NamespaceScope scope) throws SQLException {
    if (scope.all()) {
      return new HashSet<>(keys);
    }
    Set<Long> out = new HashSet<>();
    if (scope.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT DISTINCT blob_key FROM"
                + " lookup_blob_namespace WHERE blob_key = ANY(?) AND namespace = ANY(?)")) {
      for (List<Long> chunk : chunks(keys)) {
        ps.setObject(1, chunk.toArray());
        ps.setObject(2, scope.asArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getLong(1));
          }
        }
      }
    }
    return out;
  }

  List<Block> blocks(Connection c, StoredBlob blob) throws SQLException {
    List<Block> out = new ArrayList<>(blob.blockCount());
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT block_key, block_offset, block_size, hash FROM lookup_block WHERE block_key >="
                + " ? AND block_key < ? ORDER BY block_key")) {
      ps.setLong(1, blockKey(blob.key(), 0));
      ps.setLong(2, blockKey(blob.key(), blob.blockCount()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int index = (int) (rs.getLong(1) - blockKey(blob.key(), 0));
          out.add(new Block(index, rs.getLong(2), rs.getInt(3), BlockHash.of(rs.getBytes(4))));
        }
      }
    }
    return out;
  }

  Map<BlobId, StoredBlob> findAll(Connection c, Collection<BlobId> ids) throws SQLException {
    Map<BlobId, StoredBlob> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT blob_key, blob_id, size, block_count"
                + " FROM lookup_blob WHERE blob_id = ANY(?)")) {
      for (List<BlobId> chunk : chunks(ids)) {
        ps.setObject(1, chunk.stream().map(BlobId::bytes).toArray());
        readBlobs(ps, b -> out.put(b.id(), b));
      }
    }
    return out;
  }

  private static void readBlobs(PreparedStatement ps, java.util.function.Consumer<StoredBlob> sink)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        sink.accept(
            new StoredBlob(rs.getLong(1), BlobId.of(rs.getBytes(2)), rs.getLong(3), rs.getInt(4)));
      }
    }
  }

  /**
   * For each hash, up to {@code limit} places where it occurs in a blob that has a live locator in
   * {@code scope}, newest blobs first. Checking liveness and scope in the query (not afterwards)
   * keeps a block that occurs in very many blobs (a block of zeros) from crowding out the blobs
   * this caller may see. One prepared statement serves every hash.
   */
  Map<BlockHash, List<BlockSource>> sources(
      Connection c, Collection<BlockHash> hashes, NamespaceScope scope, long now, int limit)
      throws SQLException {
    Map<BlockHash, List<BlockSource>> out = new java.util.LinkedHashMap<>();
    if (scope.isEmpty()) {
      hashes.forEach(h -> out.put(h, List.of()));
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement(scope.all() ? SOURCES_ALL : SOURCES_SCOPED)) {
      Object[] namespaces = scope.all() ? null : scope.asArray();
      for (BlockHash hash : hashes) {
        byte[] bytes = hash.bytes();
        int i = 1;
        ps.setLong(i++, hashKey(bytes));
        ps.setBytes(i++, bytes);
        ps.setLong(i++, now);
        if (namespaces != null) {
          ps.setObject(i++, namespaces);
        }
        ps.setInt(i, limit);
        List<BlockSource> found = new ArrayList<>(2);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long blockKey = rs.getLong(1);
            found.add(
                new BlockSource(
                    blockKey / INDEX_SPAN,
                    (int) (blockKey % INDEX_SPAN),
                    rs.getLong(2),
                    rs.getInt(3)));
          }
        }
        out.put(hash, found);
      }
    }
    return out;
  }

  /** Records that those of {@code keys} with no locator left have been unheld since now. */
  void markUnheldIfOrphaned(Connection c, Collection<Long> keys, long now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE lookup_blob b SET unheld_since = ?"
                + " WHERE b.blob_key = ANY(?) AND b.unheld_since IS NULL AND NOT EXISTS"
                + " (SELECT 1 FROM lookup_locator l WHERE l.blob_key = b.blob_key)")) {
      for (List<Long> chunk : chunks(keys)) {
        ps.setLong(1, now);
        ps.setObject(2, chunk.toArray());
        ps.executeUpdate();
      }
    }
  }

  /** Deletes up to {@code limit} blobs unheld since before {@code cutoff}; returns how many. */
  int deleteUnheldBefore(Connection c, long cutoff, int limit) throws SQLException {
    List<long[]> doomed = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT blob_key, block_count FROM lookup_blob"
                + " WHERE unheld_since < ? FETCH FIRST ? ROWS ONLY")) {
      ps.setLong(1, cutoff);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          doomed.add(new long[] {rs.getLong(1), rs.getInt(2)});
        }
      }
    }
    try (PreparedStatement blocks =
            c.prepareStatement("DELETE FROM lookup_block WHERE block_key >= ? AND block_key < ?");
        PreparedStatement blob =
            c.prepareStatement(
                "DELETE FROM lookup_blob WHERE blob_key = ? AND unheld_since IS NOT NULL")) {
      for (long[] d : doomed) {
        blocks.setLong(1, blockKey(d[0], 0));
        blocks.setLong(2, blockKey(d[0], (int) d[1]));
        blocks.executeUpdate();
        blob.setLong(1, d[0]);
        blob.executeUpdate();
      }
    }
    return doomed.size();
  }

  static <T> List<List<T>> chunks(Collection<T> all) {
    List<T> list = List.copyOf(all);
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i += CHUNK) {
      out.add(list.subList(i, Math.min(list.size(), i + CHUNK)));
    }
    return out;
  }
}
