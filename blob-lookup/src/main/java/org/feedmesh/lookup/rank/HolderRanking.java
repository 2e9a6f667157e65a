package org.feedmesh.lookup.rank;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * The order in which holders are offered to an asker — a pure function of its inputs:
 *
 * <ol>
 *   <li>holders on the asker's network first: the same announced LAN id, or an address in the same
 *       /24 (IPv4) or /64 (IPv6) as one of the asker's;
 *   <li>then fresher ones: holders heard from within the same {@code freshnessStep} count as
 *       equally fresh, so that heartbeat jitter does not decide;
 *   <li>then less busy ones: fewer recent hand-outs, which is what spreads load over holders;
 *   <li>then those holding more of the blob, then by endpoint id (so equal holders have a stable
 *       order).
 * </ol>
 *
 * The asker itself, when it is among the holders, comes last: it cannot download from itself.
 */
public final class HolderRanking {
  private final Duration freshnessStep;

  public HolderRanking(Duration freshnessStep) {
    if (freshnessStep.isNegative() || freshnessStep.isZero()) {
      throw new IllegalArgumentException("freshness step must be positive, got " + freshnessStep);
    }
    this.freshnessStep = freshnessStep;
  }

  /**
   * The holders in the order to offer them to {@code asker}.
   *
   * @param recentHandouts how many times each endpoint id was recently handed out
   */
  public List<Holder> rank(
      Collection<Holder> holders, Asker asker, Instant now, ToLongFunction<String> recentHandouts) {
    Objects.requireNonNull(asker, "asker");
    Objects.requireNonNull(now, "now");
    Comparator<Holder> order =
        Comparator.comparing((Holder h) -> isSelf(asker, h))
            .thenComparing(h -> !sameNetwork(asker, h))
            .thenComparingLong(h -> staleness(h, now))
            .thenComparingLong(h -> recentHandouts.applyAsLong(h.endpointId()))
            .thenComparing(Comparator.comparingInt(Holder::heldCount).reversed())
            .thenComparing(Holder::endpointId);
    List<Holder> out = new ArrayList<>(holders);
    out.sort(order);
    return out;
  }

  static boolean isSelf(Asker asker, Holder h) {
    return asker.endpointId().map(h.endpointId()::equals).orElse(false);
  }

  /** Same announced LAN, or an address in the same network prefix. */
  public static boolean sameNetwork(Asker asker, Holder h) {
    if (asker.lanId().isPresent() && asker.lanId().equals(h.lanId())) {
      return true;
    }
    for (String a : asker.addresses()) {
      for (String b : h.addresses()) {
        if (IpPrefix.same(a, b)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whole freshness steps since the holder was last heard from (0 for "just now"). */
  long staleness(Holder h, Instant now) {
    long age = Duration.between(h.lastContact(), now).toMillis();
    return age <= 0 ? 0 : age / freshnessStep.toMillis();
  }
}
