package org.feedmesh.lookup.rank;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ranks holders for the answers of one request, one answer after another, counting the first holder
 * of each answer as handed out — so that within one batch of many blocks, the blocks are spread
 * over equal holders instead of all going to the first. The counts start from the stored recent
 * hand-outs; {@link #handedOut()} is what to add to the store afterwards.
 *
 * <p>Not thread-safe: one tally per request.
 */
public final class HandoutTally {
  private final HolderRanking ranking;
  private final Asker asker;
  private final Instant now;
  private final Map<String, Long> stored;
  private final Map<String, Long> added = new HashMap<>();

  public HandoutTally(
      HolderRanking ranking, Asker asker, Instant now, Map<String, Long> storedRecentHandouts) {
    this.ranking = Objects.requireNonNull(ranking, "ranking");
    this.asker = Objects.requireNonNull(asker, "asker");
    this.now = Objects.requireNonNull(now, "now");
    this.stored = Map.copyOf(storedRecentHandouts);
  }

  /** The holders of one answer in offer order; the first (unless it is the asker) is counted. */
  public List<Holder> rankAndCount(Collection<Holder> holders) {
    List<Holder> ranked = ranking.rank(holders, asker, now, this::recent);
    if (!ranked.isEmpty() && !HolderRanking.isSelf(asker, ranked.get(0))) {
      added.merge(ranked.get(0).endpointId(), 1L, Long::sum);
    }
    return ranked;
  }

  private long recent(String endpointId) {
    return stored.getOrDefault(endpointId, 0L) + added.getOrDefault(endpointId, 0L);
  }

  /** Hand-outs counted by this tally, per endpoint id. */
  public Map<String, Long> handedOut() {
    return Map.copyOf(added);
  }
}
