package org.feedmesh.lookup.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class HolderRankingProperties {
  private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
  private final HolderRanking ranking = new HolderRanking(Duration.ofSeconds(60));
  private final Asker asker = new Asker(Optional.of("e0"), Optional.of("lan1"), List.of());

  @Provide
  Arbitrary<List<Holder>> holders() {
    Arbitrary<Holder> one =
        Combinators.combine(
                Arbitraries.integers().between(0, 30),
                Arbitraries.of("lan1", "lan2", "none"),
                Arbitraries.longs().between(0, 600),
                Arbitraries.integers().between(1, 50))
            .as(
                (id, lan, age, held) ->
                    new Holder(
                        "e" + id,
                        lan.equals("none") ? Optional.empty() : Optional.of(lan),
                        List.of(),
                        NOW.minusSeconds(age),
                        held));
    return one.list().ofMaxSize(12).uniqueElements(Holder::endpointId);
  }

  @Property
  void rankingIsAPermutationThatDoesNotDependOnInputOrder(@ForAll("holders") List<Holder> holders) {
    List<Holder> shuffled = new ArrayList<>(holders);
    Collections.reverse(shuffled);
    List<Holder> a = ranking.rank(holders, asker, NOW, id -> 0);
    List<Holder> b = ranking.rank(shuffled, asker, NOW, id -> 0);
    assertEquals(a, b);
    assertEquals(new HashSet<>(holders), new HashSet<>(a));
  }

  @Property
  void everyHolderOnTheAskersNetworkPrecedesEveryOtherHolder(
      @ForAll("holders") List<Holder> holders) {
    List<Holder> ranked =
        ranking.rank(holders, asker, NOW, id -> 0).stream()
            .filter(h -> !h.endpointId().equals("e0"))
            .toList();
    boolean seenFar = false;
    for (Holder h : ranked) {
      boolean near = HolderRanking.sameNetwork(asker, h);
      assertTrue(!(near && seenFar), "a near holder came after a far one: " + ranked);
      seenFar |= !near;
    }
  }

  @Property
  void equalHoldersShareTheFirstPlaceEvenly(
      @ForAll @IntRange(min = 2, max = 6) int count,
      @ForAll @IntRange(min = 1, max = 20) int rounds) {
    List<Holder> holders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      holders.add(new Holder("h" + i, Optional.empty(), List.of(), NOW, 1));
    }
    HandoutTally tally = new HandoutTally(ranking, Asker.anonymous(), NOW, Map.of());
    Map<String, Integer> firsts = new HashMap<>();
    for (int i = 0; i < count * rounds; i++) {
      firsts.merge(tally.rankAndCount(holders).get(0).endpointId(), 1, Integer::sum);
    }
    firsts.values().forEach(n -> assertEquals(rounds, n));
  }
}
