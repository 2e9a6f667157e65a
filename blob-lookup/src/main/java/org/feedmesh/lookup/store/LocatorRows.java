package org.feedmesh.lookup.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.feedmesh.lookup.BlobId;

/** Locators: one row per (blob, endpoint, namespace), blocks held as a bitmap. */
final class LocatorRows {
  private static final String LIVE =
      """
      SELECT l.blob_key, e.endpoint_id, l.namespace, l.held_bitmap, l.held_count,
             l.registered_at, GREATEST(l.refreshed_at, e.heartbeat_at),
             GREATEST(l.expires_at, e.lease_expires_at), e.peer_urls, e.lan_id, e.seen_address,
             b.blob_id, b.size, b.block_count
      FROM lookup_locator l JOIN lookup_endpoint e ON e.endpoint_key = l.endpoint_key
        JOIN lookup_blob b ON b.blob_key = l.blob_key
      WHERE l.blob_key = ANY(?) AND GREATEST(l.expires_at, e.lease_expires_at) > ?""";
  private static final String LIVE_SCOPED = LIVE + " AND l.namespace = ANY(?)";

  /** Inserts or refreshes a locator; returns when it was first registered. */
  long upsert(
      Connection c,
      long blobKey,
      int endpointKey,
      String namespace,
      byte[] bitmap,
      int heldCount,
      long now,
      long expiresAt,
      boolean surelyNew)
      throws SQLException {
    Optional<Long> registeredAt =
        surelyNew ? Optional.empty() : registeredAt(c, blobKey, endpointKey, namespace);
    if (registeredAt.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO lookup_locator(blob_key, endpoint_key, namespace, held_bitmap,"
                  + " held_count, registered_at, refreshed_at, expires_at) VALUES (?, ?, ?, ?, ?,"
                  + " ?, ?, ?)")) {
        ps.setLong(1, blobKey);
        ps.setInt(2, endpointKey);
        ps.setString(3, namespace);
        ps.setBytes(4, bitmap);
        ps.setInt(5, heldCount);
        ps.setLong(6, now);
        ps.setLong(7, now);
        ps.setLong(8, expiresAt);
        ps.executeUpdate();
        return now;
      } catch (SQLException e) {
        if (!H2LookupStore.isDuplicateKey(e)) {
          throw e;
        }
        registeredAt = registeredAt(c, blobKey, endpointKey, namespace);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE lookup_locator SET held_bitmap = ?,"
                + " held_count = ?, refreshed_at = ?, expires_at = ?"
                + " WHERE blob_key = ? AND endpoint_key = ? AND namespace = ?")) {
      ps.setBytes(1, bitmap);
      ps.setInt(2, heldCount);
      ps.setLong(3, now);
      ps.setLong(4, expiresAt);
      ps.setLong(5, blobKey);
      ps.setInt(6, endpointKey);
      ps.setString(7, namespace);
      ps.executeUpdate();
    }
    return registeredAt.orElse(now);
  }

  private Optional<Long> registeredAt(Connection c, long blobKey, int endpointKey, String namespace)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT registered_at FROM lookup_locator"
                + " WHERE blob_key = ? AND endpoint_key = ? AND namespace = ?")) {
      ps.setLong(1, blobKey);
      ps.setInt(2, endpointKey);
      ps.setString(3, namespace);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Deletes one endpoint's locators of one blob (in one namespace, or in all). */
  int delete(Connection c, long blobKey, int endpointKey, Optional<String> namespace)
      throws SQLException {
    String sql =
        "DELETE FROM lookup_locator WHERE blob_key = ? AND endpoint_key = ?"
            + (namespace.isPresent() ? " AND namespace = ?" : "");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, blobKey);
      ps.setInt(2, endpointKey);
      if (namespace.isPresent()) {
        ps.setString(3, namespace.get());
      }
      return ps.executeUpdate();
    }
  }

  /** Live locators of the given blobs that {@code scope} may see, each with its blob. */
  List<HolderRow> live(Connection c, Collection<Long> blobKeys, NamespaceScope scope, long now)
      throws SQLException {
    List<HolderRow> out = new ArrayList<>();
    java.util.Map<Long, StoredBlob> blobs = new java.util.HashMap<>();
    if (scope.isEmpty() || blobKeys.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement(scope.all() ? LIVE : LIVE_SCOPED)) {
      for (List<Long> chunk : BlobRows.chunks(blobKeys)) {
        ps.setObject(1, chunk.toArray());
        ps.setLong(2, now);
        if (!scope.all()) {
          ps.setObject(3, scope.asArray());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long key = rs.getLong(1);
            StoredBlob blob = blobs.get(key);
            if (blob == null) {
              blob = new StoredBlob(key, BlobId.of(rs.getBytes(12)), rs.getLong(13), rs.getInt(14));
              blobs.put(key, blob);
            }
            out.add(
                new HolderRow(
                    blob,
                    rs.getString(2),
                    rs.getString(3),
                    rs.getBytes(4),
                    rs.getInt(5),
                    Instant.ofEpochMilli(rs.getLong(6)),
                    Instant.ofEpochMilli(rs.getLong(7)),
                    Instant.ofEpochMilli(rs.getLong(8)),
                    EndpointRows.contact(rs.getString(9), rs.getString(10)),
                    Optional.ofNullable(rs.getString(11))));
          }
        }
      }
    }
    return out;
  }

  int countOf(Connection c, int endpointKey) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM lookup_locator WHERE endpoint_key = ?")) {
      ps.setInt(1, endpointKey);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * Deletes up to {@code limit} of an endpoint's locators whose own expiry is at or before {@code
   * expiredAt} (all of them for {@code Long.MAX_VALUE}); returns the blob keys they named.
   */
  List<Long> deleteSome(Connection c, int endpointKey, long expiredAt, int limit)
      throws SQLException {
    List<Long> blobKeys = new ArrayList<>();
    List<String> namespaces = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT blob_key, namespace FROM lookup_locator WHERE endpoint_key = ? AND expires_at"
                + " <= ? FETCH FIRST ? ROWS ONLY")) {
      ps.setInt(1, endpointKey);
      ps.setLong(2, expiredAt);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          blobKeys.add(rs.getLong(1));
          namespaces.add(rs.getString(2));
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM lookup_locator"
                + " WHERE blob_key = ? AND endpoint_key = ? AND namespace = ?")) {
      for (int i = 0; i < blobKeys.size(); i++) {
        ps.setLong(1, blobKeys.get(i));
        ps.setInt(2, endpointKey);
        ps.setString(3, namespaces.get(i));
        ps.addBatch();
      }
      if (!blobKeys.isEmpty()) {
        ps.executeBatch();
      }
    }
    return blobKeys;
  }
}
