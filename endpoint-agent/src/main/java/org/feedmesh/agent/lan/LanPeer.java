package org.feedmesh.agent.lan;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One running agent seen on the LAN: its last advertisement, where it came from and when.
 *
 * @param advertisement what it advertised (cursors merged over the datagrams of this instance)
 * @param address the address it was heard from (the UDP source, or the host asked over TCP)
 * @param peerPort the peer port to ask for blocks (the advertised one; over TCP, the port that
 *     answered)
 * @param lastSeen when it was last heard from
 * @param via how it was last heard from
 */
public record LanPeer(
    Advertisement advertisement, InetAddress address, int peerPort, Instant lastSeen, Via via) {

  /** How an advertisement arrived. */
  public enum Via {
    UDP,
    TCP
  }

  public LanPeer {
    Objects.requireNonNull(advertisement, "advertisement");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(via, "via");
    if (peerPort < 1 || peerPort > 65_535) {
      throw new IllegalArgumentException("a peer port is 1-65535, got " + peerPort);
    }
  }

  public String endpointId() {
    return advertisement.endpointId();
  }

  public long instanceId() {
    return advertisement.instanceId();
  }

  public Map<String, Long> cursors() {
    return advertisement.cursors();
  }

  /**
   * False for an IPv6 link-local address (as IPv6 multicast usually arrives from): its URL needs a
   * zone ({@code %eth0}) that HTTP clients such as OkHttp do not accept, so it cannot be asked for
   * blocks. Such a peer is listed, but is no {@link LanCandidate} until heard from another address.
   */
  public boolean dialable() {
    return !(address instanceof Inet6Address && address.isLinkLocalAddress());
  }

  /**
   * {@code http://ADDRESS:PORT/} (IPv6 in brackets, with its scope if link-local); block paths
   * resolve against it ({@code baseUrl().resolve("blocks/" + hash)}).
   */
  public URI baseUrl() {
    String host = address.getHostAddress();
    if (address instanceof Inet6Address) {
      host = "[" + host.replace("%", "%25") + "]";
    }
    try {
      return new URI("http://" + host + ":" + peerPort + "/");
    } catch (URISyntaxException e) {
      throw new IllegalStateException("no URL for peer address " + host, e);
    }
  }
}
