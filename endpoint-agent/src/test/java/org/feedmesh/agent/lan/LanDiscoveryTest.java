package org.feedmesh.agent.lan;

import static org.feedmesh.agent.lan.LanNode.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.feedmesh.agent.lan.DecodeException.Reason;
import org.feedmesh.agent.lan.LanPeerChange.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Agents on this host find each other by broadcast to 127.255.255.255, over real UDP sockets. */
class LanDiscoveryTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  /** So long that only the start and cursor changes send anything during a test. */
  private static final Duration NEVER = Duration.ofHours(1);

  private final List<LanNode> nodes = new ArrayList<>();
  private LanSettings settings;

  @BeforeEach
  void pickPort() throws IOException {
    settings = LanSettings.loopback(LanNode.freeUdpPort()).interval(NEVER).build();
  }

  @AfterEach
  void stop() {
    nodes.forEach(LanNode::close);
  }

  private LanNode node(String endpoint, int peerPort, Map<String, Long> cursors)
      throws IOException {
    LanNode n = new LanNode(settings, endpoint, peerPort, cursors);
    nodes.add(n);
    return n;
  }

  @Test
  void threeAgentsOnOneHostDiscoverEachOtherByBroadcast() throws Exception {
    LanNode a = node("alpha", 7001, Map.of("photos", 5L));
    LanNode b = node("bravo", 7002, Map.of("photos", 9L));
    LanNode c = node("charlie", 7003, Map.of("music", 1L));
    for (LanNode n : nodes) {
      n.announce();
    }

    await(DEADLINE, "alpha sees the others", () -> a.peerIds().equals(List.of("bravo", "charlie")));
    await(DEADLINE, "bravo sees the others", () -> b.peerIds().equals(List.of("alpha", "charlie")));
    await(DEADLINE, "charlie sees the others", () -> c.peerIds().equals(List.of("alpha", "bravo")));

    assertEquals(
        List.of(new LanCandidate("bravo", URI.create("http://127.0.0.1:7002/"), 9)),
        a.peers.candidatesFor("photos", 6));
    assertEquals(
        List.of("alpha", "bravo"),
        c.peers.candidatesFor("photos", 5).stream()
            .map(LanCandidate::endpointId)
            .sorted()
            .toList());
  }

  @Test
  void anAgentIgnoresItsOwnAdvertisement() throws Exception {
    LanNode a = node("alpha", 7001, Map.of("photos", 5L)).announce();

    await(DEADLINE, "its own datagram arrives", () -> a.listener.stats().ownIgnored() >= 1);

    assertEquals(List.of(), a.peers.peers());
    assertEquals(0, a.listener.stats().accepted());
  }

  @Test
  void aCursorChangeIsAdvertisedPromptly() throws Exception {
    LanNode a = node("alpha", 7001, Map.of("photos", 5L));
    LanNode b = node("bravo", 7002, Map.of());
    a.announce();
    b.announce();
    await(DEADLINE, "bravo sees alpha", () -> b.peers.candidatesFor("photos", 5).size() == 1);

    a.announcer.update(Map.of("photos", 6L));

    await(DEADLINE, "bravo sees cursor 6", () -> b.peers.candidatesFor("photos", 6).size() == 1);
    assertTrue(b.changes.stream().anyMatch(c -> c.kind() == Kind.UPDATED));
  }

  @Test
  void rapidCursorChangesAreCoalesced() throws Exception {
    LanNode a = node("alpha", 7001, Map.of("photos", 0L));
    LanNode b = node("bravo", 7002, Map.of());
    a.announce();
    await(DEADLINE, "bravo sees alpha", () -> b.peerIds().equals(List.of("alpha")));
    await(DEADLINE, "alpha's first send is done", () -> a.announcer.datagramsSent() == 1);
    long before = a.announcer.datagramsSent();

    long start = System.nanoTime();
    for (long cursor = 1; cursor <= 200; cursor++) {
      a.announcer.update(Map.of("photos", cursor));
    }
    long elapsed = System.nanoTime() - start;

    await(
        DEADLINE, "bravo sees cursor 200", () -> b.peers.candidatesFor("photos", 200).size() == 1);
    long sends = a.announcer.datagramsSent() - before;
    long allowed = 2 + elapsed / settings.changeGap().toNanos();
    assertTrue(
        sends <= allowed, sends + " sends for 200 changes; at most " + allowed + " expected");
  }

  @Test
  void aRestartedAgentIsSeenAsARestart() throws Exception {
    LanNode b = node("bravo", 7002, Map.of());
    LanNode a = node("alpha", 7001, Map.of("photos", 5L)).announce();
    await(DEADLINE, "bravo sees alpha", () -> b.peerIds().equals(List.of("alpha")));
    a.close();
    nodes.remove(a);

    LanNode again = node("alpha", 7001, Map.of("photos", 5L)).announce();

    await(
        DEADLINE,
        "bravo sees the new instance",
        () -> b.peers.peers("alpha").stream().anyMatch(p -> p.instanceId() == again.instanceId));
    assertEquals(1, b.peers.peers("alpha").size());
    assertEquals(
        List.of(Kind.DISCOVERED, Kind.RESTARTED),
        b.changes.stream().map(LanPeerChange::kind).toList());
  }

  static Stream<Arguments> garbage() {
    byte[] valid =
        AdvertisementCodec.encode(Advertisement.of("mallory", 1, 80, Map.of("x", 1L)), 1200);
    byte[] noise = new byte[300];
    new Random(4).nextBytes(noise);
    return Stream.of(
        Arguments.of("random bytes", noise, Reason.BAD_MAGIC),
        Arguments.of(
            "a truncated advertisement", Arrays.copyOf(valid, valid.length - 3), Reason.TRUNCATED),
        Arguments.of(
            "version 2",
            RawDatagram.header(2, 0, 1, 80, "mallory").u16(0).build(),
            Reason.UNSUPPORTED_VERSION),
        Arguments.of("an oversized datagram", Arrays.copyOf(valid, 4000), Reason.OVERSIZED),
        Arguments.of(
            "trailing garbage", Arrays.copyOf(valid, valid.length + 1), Reason.TRAILING_BYTES),
        Arguments.of(
            "an invalid endpoint id",
            RawDatagram.header(1, 0, 1, 80, "../etc").u16(0).build(),
            Reason.INVALID_FIELD));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("garbage")
  void aBadDatagramIsCountedAndDroppedAndTheListenerKeepsWorking(
      String name, byte[] datagram, Reason reason) throws Exception {
    LanNode a = node("alpha", 7001, Map.of());
    try (DatagramSocket s = new DatagramSocket()) {
      s.setBroadcast(true);
      s.send(
          new DatagramPacket(
              datagram, datagram.length, settings.broadcast().get(0), settings.port()));

      await(
          DEADLINE,
          "the datagram is dropped as " + reason,
          () -> a.listener.stats().dropped(reason) == 1);
      assertEquals(List.of(), a.peers.peers());
      assertEquals(0, a.listener.stats().accepted());

      byte[] good =
          AdvertisementCodec.encode(Advertisement.of("bravo", 2, 7002, Map.of("x", 3L)), 1200);
      s.send(new DatagramPacket(good, good.length, settings.broadcast().get(0), settings.port()));
    }
    await(DEADLINE, "a good datagram still arrives", () -> a.peerIds().equals(List.of("bravo")));
    assertEquals(1, a.listener.stats().dropped());
    assertEquals(2, a.listener.stats().received());
  }
}
