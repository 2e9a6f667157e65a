package org.feedmesh.lookup.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HolderRankingTest {
  private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
  private final HolderRanking ranking = new HolderRanking(Duration.ofSeconds(60));

  private static Holder holder(String id, String lan, String address, Duration age) {
    return new Holder(
        id,
        Optional.ofNullable(lan),
        address == null ? List.of() : List.of(address),
        NOW.minus(age),
        10);
  }

  private static Asker asker(String id, String lan, String address) {
    return new Asker(
        Optional.ofNullable(id),
        Optional.ofNullable(lan),
        address == null ? List.of() : List.of(address));
  }

  private List<String> order(List<Holder> holders, Asker asker, Map<String, Long> handouts) {
    return ranking.rank(holders, asker, NOW, id -> handouts.getOrDefault(id, 0L)).stream()
        .map(Holder::endpointId)
        .toList();
  }

  @Test
  void holdersOnTheAskersLanComeFirstEvenWhenStaleAndBusy() {
    List<Holder> holders =
        List.of(
            holder("far", "office", "198.51.100.7", Duration.ZERO),
            holder("near", "home", "203.0.113.9", Duration.ofMinutes(30)));

    assertEquals(
        List.of("near", "far"), order(holders, asker("me", "home", null), Map.of("near", 1000L)));
  }

  @Test
  void holdersInTheAskersAddressPrefixComeFirst() {
    List<Holder> holders =
        List.of(
            holder("far", null, "198.51.100.7", Duration.ZERO),
            holder("near", null, "192.168.1.20", Duration.ofMinutes(5)));

    assertEquals(
        List.of("near", "far"), order(holders, asker("me", null, "192.168.1.77"), Map.of()));
  }

  @Test
  void fresherHoldersComeBeforeStalerOnes() {
    List<Holder> holders =
        List.of(
            holder("stale", null, null, Duration.ofMinutes(9)),
            holder("fresh", null, null, Duration.ofSeconds(5)));

    assertEquals(
        List.of("fresh", "stale"), order(holders, Asker.anonymous(), Map.of("fresh", 50L)));
  }

  @Test
  void amongEquallyFreshHoldersTheLessBusyComesFirst() {
    List<Holder> holders =
        List.of(
            holder("busy", null, null, Duration.ofSeconds(1)),
            holder("idle", null, null, Duration.ofSeconds(40)));

    assertEquals(
        List.of("idle", "busy"), order(holders, Asker.anonymous(), Map.of("busy", 3L, "idle", 1L)));
  }

  @Test
  void theAskerItselfComesLast() {
    List<Holder> holders =
        List.of(
            holder("me", "home", null, Duration.ZERO),
            holder("other", null, null, Duration.ofMinutes(20)));

    assertEquals(List.of("other", "me"), order(holders, asker("me", "home", null), Map.of()));
  }

  @Test
  void aTallySpreadsTheAnswersOfOneBatchOverEqualHolders() {
    List<Holder> holders =
        List.of(
            holder("a", null, null, Duration.ZERO),
            holder("b", null, null, Duration.ZERO),
            holder("c", null, null, Duration.ZERO));
    HandoutTally tally = new HandoutTally(ranking, Asker.anonymous(), NOW, Map.of("a", 1L));

    List<String> firsts = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      firsts.add(tally.rankAndCount(holders).get(0).endpointId());
    }

    assertEquals(List.of("b", "c", "a", "b", "c", "a"), firsts);
    assertEquals(Map.of("a", 2L, "b", 2L, "c", 2L), tally.handedOut());
  }

  @Test
  void aTallyNeverCountsTheAskerHandedOutToItself() {
    HandoutTally tally = new HandoutTally(ranking, asker("me", null, null), NOW, Map.of());
    tally.rankAndCount(List.of(holder("me", null, null, Duration.ZERO)));
    assertTrue(tally.handedOut().isEmpty());
  }

  @ParameterizedTest(name = "{0} and {1} on the same network: {2}")
  @CsvSource({
    "192.168.1.7, 192.168.1.200, true",
    "192.168.1.7, 192.168.2.7, false",
    "10.0.0.1, 10.0.0.1, true",
    "[2001:db8:0:1::5], 2001:db8:0:1:ffff::9, true",
    "2001:db8:0:1::5, 2001:db8:0:2::5, false",
    "peer.example, peer.example, false",
    "300.1.1.1, 300.1.1.2, false",
    "192.168.1.7, 2001:db8::1, false"
  })
  void addressesShareANetworkByPrefix(String a, String b, boolean same) {
    assertEquals(same, IpPrefix.same(a, b));
  }

  @Test
  void hostNamesAreNeverResolved() {
    assertFalse(IpPrefix.of("localhost").isPresent());
  }
}
