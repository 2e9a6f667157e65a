package org.feedmesh.lookup.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent hand-outs per endpoint, counted in fixed windows: "recent" is the current window plus the
 * previous one, so a count fades out between one and two windows after the hand-outs.
 */
final class HandoutRows {
  private static final String ADD =
      """
      MERGE INTO lookup_handout h
      USING (SELECT e.endpoint_key AS k, CAST(? AS BIGINT) AS w, CAST(? AS BIGINT) AS n
             FROM lookup_endpoint e WHERE e.endpoint_id = ?) v
      ON h.endpoint_key = v.k
      WHEN MATCHED THEN UPDATE SET
        previous_count = CASE WHEN h.window_start >= v.w THEN h.previous_count
                              WHEN h.window_start = v.w - ? THEN h.current_count ELSE 0 END,
        current_count = CASE WHEN h.window_start >= v.w THEN h.current_count + v.n ELSE v.n END,
        window_start = GREATEST(h.window_start, v.w)
      WHEN NOT MATCHED THEN INSERT (endpoint_key, window_start, current_count, previous_count)
        VALUES (v.k, v.w, v.n, 0)""";

  static long windowStart(long now, long window) {
    return Math.floorDiv(now, window) * window;
  }

  Map<String, Long> recent(Connection c, Collection<String> endpointIds, long now, long window)
      throws SQLException {
    Map<String, Long> out = new HashMap<>();
    long current = windowStart(now, window);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT e.endpoint_id, h.window_start,"
                + " h.current_count, h.previous_count FROM lookup_handout h JOIN lookup_endpoint e"
                + " ON e.endpoint_key = h.endpoint_key WHERE e.endpoint_id = ANY(?)")) {
      for (List<String> chunk : BlobRows.chunks(endpointIds)) {
        ps.setObject(1, chunk.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long start = rs.getLong(2);
            long count =
                start >= current
                    ? rs.getLong(3) + rs.getLong(4)
                    : start == current - window ? rs.getLong(3) : 0;
            out.put(rs.getString(1), count);
          }
        }
      }
    }
    return out;
  }

  void add(Connection c, Map<String, Long> deltas, long now, long window) throws SQLException {
    long current = windowStart(now, window);
    try (PreparedStatement ps = c.prepareStatement(ADD)) {
      for (Map.Entry<String, Long> d : deltas.entrySet()) {
        ps.setLong(1, current);
        ps.setLong(2, d.getValue());
        ps.setString(3, d.getKey());
        ps.setLong(4, window);
        ps.addBatch();
      }
      if (!deltas.isEmpty()) {
        ps.executeBatch();
      }
    }
  }

  int deleteBefore(Connection c, long cutoff) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM lookup_handout WHERE window_start < ?")) {
      ps.setLong(1, cutoff);
      return ps.executeUpdate();
    }
  }
}
