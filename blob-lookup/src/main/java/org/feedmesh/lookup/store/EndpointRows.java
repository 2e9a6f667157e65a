package org.feedmesh.lookup.store;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.feedmesh.lookup.PeerContact;

/** Endpoints the lookup has heard of: their contact and their heartbeat lease. */
final class EndpointRows {

  /** One endpoint row. Times are epoch milliseconds; 0 means never. */
  record Endpoint(
      int key,
      String id,
      PeerContact contact,
      Optional<String> seenAddress,
      long heartbeatAt,
      long leaseExpiresAt) {}

  static String joinUrls(List<URI> urls) {
    return String.join("\n", urls.stream().map(URI::toString).toList());
  }

  static List<URI> splitUrls(String joined) {
    if (joined == null || joined.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(joined.split("\n")).map(URI::create).toList();
  }

  static PeerContact contact(String urls, String lanId) {
    return new PeerContact(splitUrls(urls), Optional.ofNullable(lanId));
  }

  Optional<Endpoint> find(Connection c, String endpointId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT endpoint_key, peer_urls, lan_id,"
                + " seen_address, heartbeat_at, lease_expires_at FROM lookup_endpoint"
                + " WHERE endpoint_id = ?")) {
      ps.setString(1, endpointId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Endpoint(
                rs.getInt(1),
                endpointId,
                contact(rs.getString(2), rs.getString(3)),
                Optional.ofNullable(rs.getString(4)),
                rs.getLong(5),
                rs.getLong(6)));
      }
    }
  }

  /**
   * The endpoint's key, creating its row when new. A present {@code contact} or {@code seen}
   * address replaces the stored one.
   */
  int ensure(Connection c, String endpointId, Optional<PeerContact> contact, Optional<String> seen)
      throws SQLException {
    Optional<Endpoint> existing = find(c, endpointId);
    if (existing.isEmpty()) {
      try {
        return insert(c, endpointId, contact.orElse(PeerContact.of(List.of())), seen);
      } catch (SQLException e) {
        if (!H2LookupStore.isDuplicateKey(e)) {
          throw e;
        }
        existing = find(c, endpointId);
        if (existing.isEmpty()) {
          throw e;
        }
      }
    }
    int key = existing.get().key();
    if (contact.isPresent() || seen.isPresent()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE lookup_endpoint SET peer_urls = COALESCE(?, peer_urls), lan_id = CASE WHEN ?"
                  + " THEN ? ELSE lan_id END, seen_address = COALESCE(?, seen_address) WHERE"
                  + " endpoint_key = ?")) {
        ps.setString(1, contact.map(p -> joinUrls(p.peerUrls())).orElse(null));
        ps.setBoolean(2, contact.isPresent());
        ps.setString(3, contact.flatMap(PeerContact::lanId).orElse(null));
        ps.setString(4, seen.orElse(null));
        ps.setInt(5, key);
        ps.executeUpdate();
      }
    }
    return key;
  }

  private int insert(Connection c, String endpointId, PeerContact contact, Optional<String> seen)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO lookup_endpoint(endpoint_id,"
                + " peer_urls, lan_id, seen_address, heartbeat_at, lease_expires_at)"
                + " VALUES (?, ?, ?, ?, 0, 0)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, endpointId);
      ps.setString(2, joinUrls(contact.peerUrls()));
      ps.setString(3, contact.lanId().orElse(null));
      ps.setString(4, seen.orElse(null));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getInt(1);
      }
    }
  }

  /** The latest heartbeat decides the lease: it is set, not extended. */
  void heartbeat(Connection c, int key, long now, long leaseExpiresAt) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE lookup_endpoint SET heartbeat_at = ?,"
                + " lease_expires_at = ? WHERE endpoint_key = ?")) {
      ps.setLong(1, now);
      ps.setLong(2, leaseExpiresAt);
      ps.setInt(3, key);
      ps.executeUpdate();
    }
  }

  boolean delete(Connection c, int key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM lookup_endpoint WHERE endpoint_key = ?")) {
      ps.setInt(1, key);
      return ps.executeUpdate() > 0;
    }
  }

  /** Keys of endpoints whose heartbeat lease has run out (or that never had one). */
  List<Integer> lapsed(Connection c, long now) throws SQLException {
    List<Integer> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT endpoint_key FROM lookup_endpoint WHERE lease_expires_at <= ?")) {
      ps.setLong(1, now);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
    }
    return out;
  }
}
