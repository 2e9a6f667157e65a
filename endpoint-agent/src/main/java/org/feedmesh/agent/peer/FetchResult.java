package org.feedmesh.agent.peer;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a {@link BlockFetcher#fetch} achieved.
 *
 * @param fetched hashes of the blocks handed to the sink
 * @param missing hashes no candidate delivered (or the sink refused)
 * @param bytesByEndpoint verified bytes received from each endpoint
 */
public record FetchResult(
    Set<String> fetched, Set<String> missing, Map<String, Long> bytesByEndpoint) {
  public FetchResult {
    fetched =
        Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(fetched, "fetched")));
    missing =
        Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(missing, "missing")));
    for (String h : fetched) {
      if (missing.contains(h)) {
        throw new IllegalArgumentException("block " + h + " cannot be both fetched and missing");
      }
    }
    bytesByEndpoint =
        Collections.unmodifiableMap(
            new TreeMap<>(Objects.requireNonNull(bytesByEndpoint, "bytes")));
  }

  public boolean complete() {
    return missing.isEmpty();
  }

  public long totalBytes() {
    return bytesByEndpoint.values().stream().mapToLong(Long::longValue).sum();
  }
}
