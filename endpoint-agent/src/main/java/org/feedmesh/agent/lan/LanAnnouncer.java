package org.feedmesh.agent.lan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends this agent's {@link Advertisement} as UDP datagrams: every {@link LanSettings#interval()},
 * and promptly after {@link #update(Map)} changes a cursor (changes closer together than {@link
 * LanSettings#changeGap()} are coalesced into one send). Targets: the configured broadcast
 * addresses, each interface's broadcast address (if enabled) and the multicast groups.
 *
 * <p>All sending happens on one daemon thread; a target that fails (no route, interface down) is
 * counted and logged once, and the other targets are still tried. {@link #update} may be called
 * from any thread. {@link #close()} stops sending and releases the sockets.
 */
public final class LanAnnouncer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LanAnnouncer.class);

  private final LanSettings settings;
  private final ScheduledExecutorService timer;
  private final AtomicReference<Advertisement> current;
  private final AtomicBoolean changePending = new AtomicBoolean();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final DatagramChannel v4;

  /** Opened on the timer thread when first needed; null if IPv6 is unavailable. */
  private DatagramChannel v6;

  private boolean v6Tried;

  /** Targets whose failure was already logged at WARN (timer thread only). */
  private final Set<String> failing = new HashSet<>();

  private volatile long lastSendNanos;

  private LanAnnouncer(LanSettings settings, Advertisement initial, DatagramChannel v4) {
    this.settings = settings;
    this.current = new AtomicReference<>(initial);
    this.v4 = v4;
    this.lastSendNanos = System.nanoTime() - settings.changeGap().toNanos();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lan-announcer-" + initial.endpointId());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens the sending socket and sends {@code initial} at once, then every interval.
   *
   * @throws IOException if no IPv4 UDP socket can be opened
   */
  public static LanAnnouncer start(LanSettings settings, Advertisement initial) throws IOException {
    DatagramChannel v4 = DatagramChannel.open(StandardProtocolFamily.INET);
    try {
      v4.setOption(StandardSocketOptions.SO_BROADCAST, true);
      v4.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
      v4.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
    } catch (IOException | RuntimeException e) {
      v4.close();
      throw e;
    }
    LanAnnouncer a = new LanAnnouncer(settings, initial, v4);
    long period = settings.interval().toNanos();
    a.timer.scheduleWithFixedDelay(a::sendSafely, 0, period, TimeUnit.NANOSECONDS);
    log.info(
        "Advertising {} (instance {}) on UDP port {} every {}",
        initial.endpointId(),
        Long.toHexString(initial.instanceId()),
        settings.port(),
        settings.interval());
    return a;
  }

  /**
   * Replaces the advertised cursors; if any differs, the advertisement is sent within {@link
   * LanSettings#changeGap()} of the previous send.
   *
   * @throws IllegalArgumentException if a namespace name or cursor is invalid (nothing changes)
   */
  public void update(Map<String, Long> cursors) {
    Advertisement next = current.get().withCursors(cursors);
    Advertisement previous = current.getAndSet(next);
    if (!previous.cursors().equals(next.cursors()) && changePending.compareAndSet(false, true)) {
      long wait = Math.max(0, lastSendNanos + settings.changeGap().toNanos() - System.nanoTime());
      try {
        timer.schedule(
            () -> {
              changePending.set(false);
              sendSafely();
            },
            wait,
            TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closed) {
        changePending.set(false);
      }
    }
  }

  /** What is being advertised now (also what {@code GET /advertisement} should serve). */
  public Advertisement current() {
    return current.get();
  }

  /** Datagrams handed to the network so far (one advertisement to one target = one). */
  public long datagramsSent() {
    return sent.get();
  }

  /** Datagrams that could not be sent (no route, interface gone, ...). */
  public long sendFailures() {
    return failures.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("The LAN announcer thread did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(v4);
    closeQuietly(v6);
  }

  private void sendSafely() {
    try {
      send();
    } catch (RuntimeException e) {
      log.warn("Sending the LAN advertisement failed", e);
    }
  }

  private void send() {
    lastSendNanos = System.nanoTime();
    List<byte[]> datagrams = AdvertisementCodec.encodeDatagrams(current.get());
    Set<InetAddress> broadcasts = new LinkedHashSet<>(settings.broadcast());
    if (settings.interfaceBroadcasts()) {
      broadcasts.addAll(LanInterfaces.broadcastAddresses());
    }
    List<NetworkInterface> interfaces = multicastInterfaces();
    for (byte[] d : datagrams) {
      for (InetAddress b : broadcasts) {
        sendTo(v4, null, b, d);
      }
      for (NetworkInterface ni : interfaces) {
        for (InetAddress g : settings.ipv4Groups()) {
          sendTo(v4, ni, g, d);
        }
        DatagramChannel six = settings.ipv6Groups().isEmpty() ? null : v6();
        for (InetAddress g : six == null ? List.<InetAddress>of() : settings.ipv6Groups()) {
          sendTo(six, ni, g, d);
        }
      }
    }
  }

  private List<NetworkInterface> multicastInterfaces() {
    if (settings.multicastGroups().isEmpty()) {
      return List.of();
    }
    try {
      return LanInterfaces.multicastInterfaces(settings.multicastInterface());
    } catch (IOException e) {
      warnOnce("interfaces", "No interface for LAN multicast: {}", e.getMessage());
      return List.of();
    }
  }

  private void sendTo(DatagramChannel ch, NetworkInterface ni, InetAddress to, byte[] datagram) {
    String target = to.getHostAddress() + (ni == null ? "" : "%" + ni.getName());
    try {
      if (ni != null) {
        ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, ni);
      }
      ch.send(ByteBuffer.wrap(datagram), new InetSocketAddress(to, settings.port()));
      sent.incrementAndGet();
      if (failing.remove(target)) {
        log.info("LAN advertisements reach {} again", target);
      }
    } catch (IOException | RuntimeException e) {
      failures.incrementAndGet();
      warnOnce(target, "Cannot send the LAN advertisement to {}: {}", target, e.toString());
    }
  }

  private DatagramChannel v6() {
    if (!v6Tried) {
      v6Tried = true;
      try {
        v6 = DatagramChannel.open(StandardProtocolFamily.INET6);
        v6.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
        v6.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
      } catch (IOException | RuntimeException e) {
        log.warn("No IPv6 socket for LAN multicast, sending over IPv4 only: {}", e.toString());
        closeQuietly(v6);
        v6 = null;
      }
    }
    return v6;
  }

  private void warnOnce(String key, String format, Object... args) {
    if (failing.add(key)) {
      log.warn(format, args);
    } else {
      log.debug(format, args);
    }
  }

  private static void closeQuietly(DatagramChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // nothing left to release
      }
    }
  }
}
