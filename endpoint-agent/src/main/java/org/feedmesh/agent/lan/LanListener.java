package org.feedmesh.agent.lan;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives LAN advertisements on {@code 0.0.0.0:port} (and {@code [::]:port} when IPv6 groups are
 * configured), bound with {@code SO_REUSEADDR} so every agent on a host receives them, joined to
 * the configured multicast groups. Each datagram is decoded strictly: bad ones are counted in
 * {@link #stats()} and dropped, the agent's own instance is ignored, the rest go to the {@link
 * LanPeers} table, which is also swept for expired entries every interval.
 *
 * <p>One daemon thread per socket plus one for the sweep; {@link #close()} stops them.
 */
public final class LanListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LanListener.class);

  /** Larger than any UDP payload, so an oversized datagram is seen whole and refused. */
  private static final int RECEIVE_BUFFER = 65_536;

  private final long ownInstanceId;
  private final LanPeers peers;
  private final LanStats stats = new LanStats();
  private final List<DatagramChannel> channels = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final ScheduledExecutorService sweeper;
  private final int port;
  private volatile boolean closed;

  private LanListener(LanSettings settings, long ownInstanceId, LanPeers peers) throws IOException {
    this.ownInstanceId = ownInstanceId;
    this.peers = Objects.requireNonNull(peers, "peers");
    DatagramChannel v4 = bind(StandardProtocolFamily.INET, settings.port());
    channels.add(v4);
    try {
      this.port = ((InetSocketAddress) v4.getLocalAddress()).getPort();
      openMulticast(settings, v4);
    } catch (IOException | RuntimeException e) {
      closeChannels();
      throw e;
    }
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "lan-peers-expiry"));
  }

  private void openMulticast(LanSettings settings, DatagramChannel v4) throws IOException {
    if (settings.multicastGroups().isEmpty()) {
      return;
    }
    List<NetworkInterface> interfaces =
        LanInterfaces.multicastInterfaces(settings.multicastInterface());
    join(v4, settings.ipv4Groups(), interfaces);
    if (!settings.ipv6Groups().isEmpty()) {
      try {
        DatagramChannel v6 = bind(StandardProtocolFamily.INET6, port);
        channels.add(v6);
        join(v6, settings.ipv6Groups(), interfaces);
      } catch (IOException | RuntimeException e) {
        log.warn("No IPv6 socket for LAN multicast, listening on IPv4 only: {}", e.toString());
      }
    }
  }

  /**
   * Binds the port and starts receiving into {@code peers}.
   *
   * @param ownInstanceId this agent's instance id: its own advertisements are ignored
   * @throws IOException if the IPv4 socket cannot be bound (a multicast group that cannot be joined
   *     is logged and skipped)
   */
  public static LanListener start(LanSettings settings, long ownInstanceId, LanPeers peers)
      throws IOException {
    LanListener l = new LanListener(settings, ownInstanceId, peers);
    try {
      for (DatagramChannel ch : l.channels) {
        String name = "lan-listener-" + (ch == l.channels.get(0) ? "v4" : "v6") + "-" + l.port;
        Thread t = daemon(() -> l.receiveLoop(ch), name);
        l.threads.add(t);
        t.start();
      }
      long every = settings.interval().toNanos();
      l.sweeper.scheduleWithFixedDelay(l::sweep, every, every, TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      l.close();
      throw e;
    }
    log.info("Listening for LAN advertisements on UDP port {}", l.port);
    return l;
  }

  /** The bound UDP port (the configured one, or the one chosen for port 0). */
  public int port() {
    return port;
  }

  public LanStats stats() {
    return stats;
  }

  @Override
  public void close() {
    closed = true;
    sweeper.shutdownNow();
    closeChannels();
    for (Thread t : threads) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void closeChannels() {
    for (DatagramChannel ch : channels) {
      try {
        ch.close();
      } catch (IOException e) {
        // nothing left to release
      }
    }
  }

  /** Handles one datagram as if it had arrived from {@code from}. */
  void handle(byte[] data, int length, InetAddress from) {
    stats.countReceived();
    Advertisement ad;
    try {
      ad = AdvertisementCodec.decode(data, 0, length, AdvertisementCodec.MAX_DATAGRAM_BYTES);
    } catch (DecodeException e) {
      stats.countDropped(e.reason());
      log.debug("Dropped a LAN datagram from {}: {}", from.getHostAddress(), e.getMessage());
      return;
    }
    if (ad.instanceId() == ownInstanceId) {
      stats.countOwn();
      return;
    }
    stats.countAccepted();
    peers.seen(ad, from, ad.peerPort(), LanPeer.Via.UDP);
  }

  private void receiveLoop(DatagramChannel ch) {
    boolean v6 = ch != channels.get(0);
    ByteBuffer buf = ByteBuffer.allocate(RECEIVE_BUFFER);
    while (!closed) {
      try {
        buf.clear();
        InetSocketAddress from = (InetSocketAddress) ch.receive(buf);
        if (v6 && from.getAddress() instanceof Inet4Address) {
          continue; // the IPv4 socket has it too
        }
        handle(buf.array(), buf.position(), from.getAddress());
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
        log.warn("Receiving a LAN datagram failed", e);
      }
    }
  }

  private void sweep() {
    try {
      peers.expire();
    } catch (RuntimeException e) {
      log.warn("Sweeping the LAN peer table failed", e);
    }
  }

  private static DatagramChannel bind(StandardProtocolFamily family, int port) throws IOException {
    DatagramChannel ch = DatagramChannel.open(family);
    try {
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      InetAddress any =
          LanSettings.literal(family == StandardProtocolFamily.INET ? "0.0.0.0" : "::");
      ch.bind(new InetSocketAddress(any, port));
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw new IOException("cannot bind UDP port " + port + " for LAN advertisements: " + e, e);
    }
  }

  private static void join(
      DatagramChannel ch, List<InetAddress> groups, List<NetworkInterface> interfaces) {
    for (InetAddress g : groups) {
      for (NetworkInterface ni : interfaces) {
        try {
          ch.join(g, ni);
        } catch (IOException | RuntimeException e) {
          log.warn(
              "Cannot join LAN multicast group {} on {}: {}", g.getHostAddress(), ni.getName(), e);
        }
      }
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
