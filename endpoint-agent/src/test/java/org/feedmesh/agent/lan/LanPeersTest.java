package org.feedmesh.agent.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedmesh.agent.lan.LanPeer.Via;
import org.feedmesh.agent.lan.LanPeerChange.Kind;
import org.junit.jupiter.api.Test;

class LanPeersTest {
  private static final Duration EXPIRY = Duration.ofSeconds(90);
  private static final InetAddress HOST_A = LanSettings.literal("192.168.1.10");
  private static final InetAddress HOST_B = LanSettings.literal("192.168.1.11");

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final LanPeers peers = new LanPeers(clock, EXPIRY);
  private final List<LanPeerChange> changes = new ArrayList<>();

  {
    peers.addListener(changes::add);
  }

  private static Advertisement ad(String endpoint, long instance, Map<String, Long> cursors) {
    return Advertisement.of(endpoint, instance, 7000, cursors);
  }

  private List<Kind> kinds() {
    return changes.stream().map(LanPeerChange::kind).toList();
  }

  @Test
  void aPeerIsACandidateForEveryCursorUpToTheOneItAdvertised() {
    peers.seen(ad("laptop", 1, Map.of("photos", 10L)), HOST_A, 7000, Via.UDP);

    List<LanCandidate> c = peers.candidatesFor("photos", 10);

    assertEquals(
        List.of(new LanCandidate("laptop", URI.create("http://192.168.1.10:7000/"), 10)), c);
    assertEquals(1, peers.candidatesFor("photos", 1).size());
    assertEquals(List.of(), peers.candidatesFor("photos", 11));
    assertEquals(List.of(), peers.candidatesFor("docs", 0));
  }

  @Test
  void candidatesAreFreshestFirst() {
    peers.seen(ad("laptop", 1, Map.of("photos", 10L)), HOST_A, 7000, Via.UDP);
    clock.advance(Duration.ofSeconds(5));
    peers.seen(ad("desktop", 2, Map.of("photos", 12L)), HOST_B, 7000, Via.UDP);

    assertEquals(
        List.of("desktop", "laptop"),
        peers.candidatesFor("photos", 5).stream().map(LanCandidate::endpointId).toList());
  }

  @Test
  void aNewPeerIsDiscoveredAndARepeatChangesNothing() {
    Advertisement a = ad("laptop", 1, Map.of("photos", 10L));
    assertEquals(
        Optional.of(Kind.DISCOVERED),
        peers.seen(a, HOST_A, 7000, Via.UDP).map(LanPeerChange::kind));
    clock.advance(Duration.ofSeconds(30));
    assertEquals(Optional.empty(), peers.seen(a, HOST_A, 7000, Via.UDP));

    assertEquals(List.of(Kind.DISCOVERED), kinds());
    assertEquals(clock.instant(), peers.peers().get(0).lastSeen());
  }

  @Test
  void aCursorChangeUpdatesTheEntry() {
    peers.seen(ad("laptop", 1, Map.of("photos", 10L)), HOST_A, 7000, Via.UDP);
    peers.seen(ad("laptop", 1, Map.of("photos", 11L)), HOST_A, 7000, Via.UDP);

    assertEquals(List.of(Kind.DISCOVERED, Kind.UPDATED), kinds());
    assertEquals(Map.of("photos", 11L), peers.peers().get(0).cursors());
  }

  @Test
  void datagramsOfOneInstanceMergeTheirNamespaces() {
    peers.seen(ad("laptop", 1, Map.of("a", 1L, "b", 2L)), HOST_A, 7000, Via.UDP);
    peers.seen(ad("laptop", 1, Map.of("c", 3L)), HOST_A, 7000, Via.UDP);

    assertEquals(Map.of("a", 1L, "b", 2L, "c", 3L), peers.peers().get(0).cursors());
  }

  @Test
  void aNewInstanceIdIsARestartThatReplacesTheEntry() {
    peers.seen(ad("laptop", 1, Map.of("photos", 10L, "old", 4L)), HOST_A, 7000, Via.UDP);
    peers.seen(ad("laptop", 2, Map.of("photos", 3L)), HOST_A, 7000, Via.UDP);

    assertEquals(List.of(Kind.DISCOVERED, Kind.RESTARTED), kinds());
    List<LanPeer> all = peers.peers();
    assertEquals(1, all.size());
    assertEquals(2, all.get(0).instanceId());
    assertEquals(Map.of("photos", 3L), all.get(0).cursors(), "the old cursors are gone");
    assertEquals(List.of(), peers.candidatesFor("photos", 10));
  }

  @Test
  void aRestartOnAnotherPortAndAddressIsRecognisedByItsNamespace() {
    peers.seen(ad("laptop", 1, Map.of("photos", 10L)), HOST_A, 7000, Via.UDP);
    peers.seen(ad("laptop", 2, Map.of("photos", 10L)), HOST_B, 7001, Via.UDP);

    assertEquals(List.of(Kind.DISCOVERED, Kind.RESTARTED), kinds());
    assertEquals(1, peers.peers().size());
  }

  @Test
  void twoAgentsOfOneEndpointServingDifferentNamespacesAreBothKept() {
    peers.seen(ad("laptop", 1, Map.of("photos", 10L)), HOST_A, 7000, Via.UDP);
    peers.seen(ad("laptop", 2, Map.of("music", 5L)), HOST_A, 7001, Via.UDP);
    peers.seen(ad("laptop", 1, Map.of("photos", 10L)), HOST_A, 7000, Via.UDP);

    assertEquals(List.of(Kind.DISCOVERED, Kind.DISCOVERED), kinds());
    assertEquals(2, peers.peers("laptop").size());
    assertEquals(7001, peers.candidatesFor("music", 5).get(0).baseUrl().getPort());
    assertEquals(7000, peers.candidatesFor("photos", 5).get(0).baseUrl().getPort());
  }

  @Test
  void aPeerNotHeardFromForTheExpiryTimeIsDropped() {
    peers.seen(ad("laptop", 1, Map.of("photos", 10L)), HOST_A, 7000, Via.UDP);
    clock.advance(EXPIRY.minusSeconds(1));
    assertEquals(0, peers.expire());
    assertEquals(1, peers.candidatesFor("photos", 10).size());

    clock.advance(Duration.ofSeconds(1));

    assertEquals(List.of(), peers.candidatesFor("photos", 10), "expired before the sweep");
    assertEquals(1, peers.expire());
    assertEquals(List.of(Kind.DISCOVERED, Kind.EXPIRED), kinds());
    assertEquals(List.of(), peers.peers());
  }

  @Test
  void anAdvertisementKeepsAPeerAlive() {
    Advertisement a = ad("laptop", 1, Map.of("photos", 10L));
    peers.seen(a, HOST_A, 7000, Via.UDP);
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(30));
      peers.seen(a, HOST_A, 7000, Via.UDP);
    }
    assertEquals(0, peers.expire());
    assertEquals(1, peers.peers().size());
  }

  @Test
  void aFullTableRefusesNewInstancesButStillUpdatesKnownOnes() {
    LanPeers small = new LanPeers(clock, EXPIRY, 2);
    small.seen(ad("a", 1, Map.of("x", 1L)), HOST_A, 7000, Via.UDP);
    small.seen(ad("b", 2, Map.of("x", 1L)), HOST_A, 7001, Via.UDP);

    assertEquals(Optional.empty(), small.seen(ad("c", 3, Map.of("x", 1L)), HOST_A, 7002, Via.UDP));
    assertEquals(1, small.refused());
    assertTrue(small.seen(ad("a", 1, Map.of("x", 2L)), HOST_A, 7000, Via.UDP).isPresent());
    assertEquals(
        List.of("a", "b"), small.peers().stream().map(LanPeer::endpointId).sorted().toList());
  }

  @Test
  void aThrowingListenerDoesNotStopTheTableOrOtherListeners() {
    LanPeers p = new LanPeers(clock, EXPIRY);
    List<Kind> seen = new ArrayList<>();
    p.addListener(
        c -> {
          throw new IllegalStateException("boom");
        });
    p.addListener(c -> seen.add(c.kind()));

    p.seen(ad("laptop", 1, Map.of("photos", 10L)), HOST_A, 7000, Via.UDP);

    assertEquals(List.of(Kind.DISCOVERED), seen);
    assertEquals(1, p.peers().size());
  }

  @Test
  void anIpv6PeerGetsABracketedBaseUrl() {
    peers.seen(
        ad("laptop", 1, Map.of("photos", 10L)), LanSettings.literal("fd00::5"), 7000, Via.UDP);
    assertEquals(
        URI.create("http://[fd00:0:0:0:0:0:0:5]:7000/"),
        peers.candidatesFor("photos", 1).get(0).baseUrl());
  }

  @Test
  void aPeerHeardOnlyFromAnIpv6LinkLocalAddressIsListedButNoCandidate() {
    InetAddress linkLocal = LanSettings.literal("fe80::c840:6dff:feed:858d%1");
    peers.seen(ad("laptop", 1, Map.of("photos", 10L)), linkLocal, 7000, Via.UDP);

    assertEquals(1, peers.peers().size());
    assertEquals(List.of(), peers.candidatesFor("photos", 1));

    peers.seen(ad("laptop", 1, Map.of("photos", 10L)), HOST_A, 7000, Via.UDP);
    assertEquals(1, peers.candidatesFor("photos", 1).size());
  }

  @Test
  void aDialableAddressIsNotReplacedByAnIpv6LinkLocalOne() {
    InetAddress linkLocal = LanSettings.literal("fe80::c840:6dff:feed:858d%1");
    peers.seen(ad("laptop", 1, Map.of("photos", 10L)), HOST_A, 7000, Via.UDP);
    peers.seen(ad("laptop", 1, Map.of("photos", 11L)), linkLocal, 7000, Via.UDP);

    assertEquals(HOST_A, peers.peers().get(0).address());
    assertEquals(
        List.of(new LanCandidate("laptop", URI.create("http://192.168.1.10:7000/"), 11)),
        peers.candidatesFor("photos", 11));
  }
}
