package org.feedmesh.agent.lan;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** One agent's LAN part for tests: its peer table, listener and announcer on real sockets. */
final class LanNode implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  final LanPeers peers;
  final LanListener listener;
  final List<LanPeerChange> changes = new CopyOnWriteArrayList<>();
  final long instanceId = RANDOM.nextLong();
  final String endpointId;
  final int peerPort;
  private final LanSettings settings;
  private final Map<String, Long> cursors;
  LanAnnouncer announcer;

  /** Listens at once; call {@link #announce()} once every node listens. */
  LanNode(LanSettings settings, String endpointId, int peerPort, Map<String, Long> cursors)
      throws IOException {
    this.settings = settings;
    this.endpointId = endpointId;
    this.peerPort = peerPort;
    this.cursors = cursors;
    this.peers = new LanPeers(Clock.systemUTC(), settings.expiry());
    peers.addListener(changes::add);
    this.listener = LanListener.start(settings, instanceId, peers);
  }

  LanNode announce() throws IOException {
    announcer =
        LanAnnouncer.start(settings, Advertisement.of(endpointId, instanceId, peerPort, cursors));
    return this;
  }

  List<String> peerIds() {
    List<String> out = new ArrayList<>();
    peers.peers().forEach(p -> out.add(p.endpointId()));
    out.sort(null);
    return out;
  }

  @Override
  public void close() {
    if (announcer != null) {
      announcer.close();
    }
    listener.close();
  }

  /** A UDP port that was free a moment ago. */
  static int freeUdpPort() throws SocketException {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Polls {@code condition} until it holds or {@code deadline} passes; then says what failed. */
  static void await(Duration deadline, String what, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + deadline + ": " + what);
      }
      Thread.sleep(20);
    }
  }
}
