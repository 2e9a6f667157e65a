package org.feedmesh.agent.lan;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How LAN advertisements are sent and received; frozen once the announcer and listener run.
 *
 * @param port the UDP port advertisements are sent to and received on (default {@value
 *     #DEFAULT_PORT})
 * @param interval how often the advertisement is sent even when nothing changed (default 30 s)
 * @param expiry how long a peer stays in the table after its last advertisement (default 3 ×
 *     interval; must exceed the interval)
 * @param changeGap the least time between two sends triggered by cursor changes: changes within it
 *     are coalesced into one datagram (default 250 ms)
 * @param broadcast IPv4 broadcast addresses to send to (default {@code 255.255.255.255}; tests use
 *     {@code 127.255.255.255} only)
 * @param interfaceBroadcasts also send to the broadcast address of every interface that is up
 *     (default true)
 * @param multicastGroups multicast groups (IPv4 and/or IPv6) to send to and join (default {@code
 *     ff12::464d}; {@code 239.255.70.77} is the IPv4 group)
 * @param multicastInterface the one interface to send multicast on and join groups on (e.g. {@code
 *     lo} in tests); empty: every interface that is up, not loopback and supports multicast
 */
public record LanSettings(
    int port,
    Duration interval,
    Duration expiry,
    Duration changeGap,
    List<InetAddress> broadcast,
    boolean interfaceBroadcasts,
    List<InetAddress> multicastGroups,
    Optional<String> multicastInterface) {

  /** "FM" in ASCII (0x464D), below the Linux ephemeral port range. */
  public static final int DEFAULT_PORT = 17_997;

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CHANGE_GAP = Duration.ofMillis(250);
  public static final InetAddress LIMITED_BROADCAST = literal("255.255.255.255");
  public static final InetAddress DEFAULT_IPV4_GROUP = literal("239.255.70.77");
  public static final InetAddress DEFAULT_IPV6_GROUP = literal("ff12::464d");

  public LanSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("the LAN port is 0-65535, got " + port);
    }
    requirePositive("interval", interval);
    requirePositive("expiry", expiry);
    requirePositive("changeGap", changeGap);
    if (expiry.compareTo(interval) <= 0) {
      throw new IllegalArgumentException(
          "the LAN peer expiry ("
              + expiry
              + ") must be longer than the interval ("
              + interval
              + ")");
    }
    broadcast = List.copyOf(broadcast);
    for (InetAddress a : broadcast) {
      if (!(a instanceof Inet4Address)) {
        throw new IllegalArgumentException("a broadcast address is IPv4, got " + a);
      }
    }
    multicastGroups = List.copyOf(multicastGroups);
    for (InetAddress g : multicastGroups) {
      if (!g.isMulticastAddress()) {
        throw new IllegalArgumentException("not a multicast group: " + g.getHostAddress());
      }
    }
    Objects.requireNonNull(multicastInterface, "multicastInterface");
  }

  /** The production defaults on {@link #DEFAULT_PORT}. */
  public static LanSettings defaults() {
    return builder().build();
  }

  /**
   * Settings that never leave the machine: broadcast to {@code 127.255.255.255} only, no interface
   * broadcasts, no multicast. For tests and single-host demos.
   */
  public static Builder loopback(int port) {
    return builder()
        .port(port)
        .broadcast(List.of(literal("127.255.255.255")))
        .interfaceBroadcasts(false)
        .multicastGroups(List.of());
  }

  public static Builder builder() {
    return new Builder();
  }

  List<InetAddress> ipv4Groups() {
    return multicastGroups.stream().filter(g -> g instanceof Inet4Address).toList();
  }

  List<InetAddress> ipv6Groups() {
    return multicastGroups.stream().filter(g -> g instanceof Inet6Address).toList();
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("LAN " + name + " must be positive, got " + d);
    }
  }

  static InetAddress literal(String ip) {
    try {
      return InetAddress.getByName(ip); // a literal: no name lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + ip, e);
    }
  }

  /** Builds {@link LanSettings}; unset values take the documented defaults. */
  public static final class Builder {
    private int port = DEFAULT_PORT;
    private Duration interval = DEFAULT_INTERVAL;
    private Duration expiry;
    private Duration changeGap = DEFAULT_CHANGE_GAP;
    private List<InetAddress> broadcast = List.of(LIMITED_BROADCAST);
    private boolean interfaceBroadcasts = true;
    private List<InetAddress> multicastGroups = List.of(DEFAULT_IPV6_GROUP);
    private Optional<String> multicastInterface = Optional.empty();

    private Builder() {}

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder interval(Duration interval) {
      this.interval = interval;
      return this;
    }

    /** Default: three times the interval. */
    public Builder expiry(Duration expiry) {
      this.expiry = expiry;
      return this;
    }

    public Builder changeGap(Duration changeGap) {
      this.changeGap = changeGap;
      return this;
    }

    public Builder broadcast(List<InetAddress> broadcast) {
      this.broadcast = broadcast;
      return this;
    }

    public Builder interfaceBroadcasts(boolean interfaceBroadcasts) {
      this.interfaceBroadcasts = interfaceBroadcasts;
      return this;
    }

    public Builder multicastGroups(List<InetAddress> multicastGroups) {
      this.multicastGroups = multicastGroups;
      return this;
    }

    public Builder multicastInterface(String name) {
      this.multicastInterface = Optional.ofNullable(name);
      return this;
    }

    public LanSettings build() {
      Duration e = expiry != null ? expiry : interval == null ? null : interval.multipliedBy(3);
      return new LanSettings(
          port,
          interval,
          e,
          changeGap,
          broadcast,
          interfaceBroadcasts,
          multicastGroups,
          multicastInterface);
    }
  }
}
