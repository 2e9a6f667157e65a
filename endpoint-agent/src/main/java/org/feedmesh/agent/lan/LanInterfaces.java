package org.feedmesh.agent.lan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The machine's network interfaces, as the announcer and listener need them. */
final class LanInterfaces {
  private LanInterfaces() {}

  /** The broadcast address of every IPv4 address of every interface that is up. */
  static Set<InetAddress> broadcastAddresses() {
    Set<InetAddress> out = new LinkedHashSet<>();
    for (NetworkInterface ni : upInterfaces()) {
      for (InterfaceAddress a : ni.getInterfaceAddresses()) {
        if (a.getBroadcast() != null) {
          out.add(a.getBroadcast());
        }
      }
    }
    return out;
  }

  /**
   * The named interface (which must exist; Java may call {@code lo} not multicast-capable, yet
   * multicast on it works on Linux), or else every interface that is up, not loopback and supports
   * multicast.
   */
  static List<NetworkInterface> multicastInterfaces(Optional<String> name) throws IOException {
    if (name.isPresent()) {
      NetworkInterface ni = NetworkInterface.getByName(name.get());
      if (ni == null) {
        throw new IOException("no network interface named " + name.get() + " for LAN multicast");
      }
      return List.of(ni);
    }
    List<NetworkInterface> out = new ArrayList<>();
    for (NetworkInterface ni : upInterfaces()) {
      try {
        if (!ni.isLoopback() && ni.supportsMulticast()) {
          out.add(ni);
        }
      } catch (SocketException e) {
        // the interface went away while we looked: skip it
      }
    }
    return out;
  }

  private static List<NetworkInterface> upInterfaces() {
    List<NetworkInterface> out = new ArrayList<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (ni.isUp()) {
          out.add(ni);
        }
      }
    } catch (SocketException e) {
      // no interfaces to report
    }
    return out;
  }
}
