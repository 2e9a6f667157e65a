package org.feedmesh.webapp.endpoints;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.feedmesh.platform.db.Database;
import org.feedmesh.server.registry.PeerReport;
import org.feedmesh.webapp.WebSchema;

/**
 * The LAN peers each endpoint last reported ({@code ui_lan_peer}): a report replaces the
 * endpoint's list; a report without {@code lanPeers} keeps it. Thread-safe.
 */
public final class LanPeerStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, Long>> CURSORS = new TypeReference<>() {};

  /** A LAN peer as reported, with when. */
  public record Seen(String peer, String address, Map<String, Long> cursors, Instant reported) {}

  private final Database db;
  private final Clock clock;

  public LanPeerStore(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
    db.migrate(WebSchema.MIGRATIONS);
  }

  public void replace(String endpointId, List<PeerReport.LanPeer> peers) {
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    db.transaction(
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM ui_lan_peer WHERE endpoint_id = ?")) {
            del.setString(1, endpointId);
            del.executeUpdate();
          }
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO ui_lan_peer (endpoint_id, position, peer, address, cursors,"
                      + " reported_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < peers.size(); i++) {
              PeerReport.LanPeer p = peers.get(i);
              ins.setString(1, endpointId);
              ins.setInt(2, i);
              ins.setString(3, p.endpoint());
              ins.setString(4, p.address());
              ins.setString(5, json(p.cursors()));
              ins.setObject(6, now);
              ins.addBatch();
            }
            ins.executeBatch();
          }
          return null;
        });
  }

  /** Every endpoint's last reported LAN peers, by endpoint id. */
  public Map<String, List<Seen>> all() {
    return db.read(
        c -> {
          Map<String, List<Seen>> out = new HashMap<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT endpoint_id, peer, address, cursors, reported_at FROM ui_lan_peer"
                          + " ORDER BY endpoint_id, position");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(
                      new Seen(
                          rs.getString(2),
                          rs.getString(3),
                          cursors(rs.getString(4)),
                          rs.getObject(5, OffsetDateTime.class).toInstant()));
            }
          }
          return out;
        });
  }

  private static String json(Map<String, Long> cursors) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(cursors));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write cursors", e);
    }
  }

  private static Map<String, Long> cursors(String json) {
    try {
      return JSON.readValue(json, CURSORS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored LAN peer has unreadable cursors: " + json, e);
    }
  }
}
