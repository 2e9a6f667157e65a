package org.feedmesh.agent.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes this agent received, by where they came from: another endpoint (its id), or {@code local}
 * (a block already on disk here, copied instead of downloaded). Totals for the log and status, and
 * deltas since the last announce for the server's transfer picture.
 */
public final class Transfers {
  public static final String LOCAL = "local";

  private final Map<String, long[]> total = new TreeMap<>();
  private final Map<String, long[]> sinceAnnounce = new TreeMap<>();

  public synchronized void add(RemoteBlocks.Received received) {
    received.bytes().forEach((from, bytes) -> add(from, bytes, received.blocks().getOrDefault(from, 0L)));
  }

  public synchronized void addLocal(long bytes, long blocks) {
    add(LOCAL, bytes, blocks);
  }

  private void add(String from, long bytes, long blocks) {
    if (bytes <= 0) {
      return;
    }
    for (Map<String, long[]> m : java.util.List.of(total, sinceAnnounce)) {
      long[] c = m.computeIfAbsent(from, k -> new long[2]);
      c[0] += bytes;
      c[1] += blocks;
    }
  }

  /** Bytes received per source since start. */
  public synchronized Map<String, Long> totals() {
    Map<String, Long> out = new LinkedHashMap<>();
    total.forEach((k, v) -> out.put(k, v[0]));
    return out;
  }

  /** Network transfers since the last call, as {@code PUT /endpoints/self} wants them; resets. */
  public synchronized java.util.List<Map<String, Object>> drainForAnnounce() {
    java.util.List<Map<String, Object>> out = new java.util.ArrayList<>();
    sinceAnnounce.forEach((from, c) -> {
      if (!LOCAL.equals(from)) {
        out.add(Map.of("from", from, "bytes", c[0], "blocks", c[1]));
      }
    });
    sinceAnnounce.clear();
    return out;
  }
}
