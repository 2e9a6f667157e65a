package org.feedmesh.lookup.rank;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Network prefixes of IP address literals: two addresses are on the same network when they share
 * the /24 (IPv4) or the /64 (IPv6). Only literals are parsed; a host name is never resolved, so
 * ranking does no I/O.
 */
final class IpPrefix {
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  private IpPrefix() {}

  /** The network prefix of an address literal ({@code 10.0.0.7}, {@code [fe80::1]}), if any. */
  static Optional<byte[]> of(String literal) {
    if (literal == null || literal.isEmpty()) {
      return Optional.empty();
    }
    var v4 = IPV4.matcher(literal);
    if (v4.matches()) {
      byte[] prefix = new byte[3];
      for (int i = 0; i < 3; i++) {
        int octet = Integer.parseInt(v4.group(i + 1));
        if (octet > 255) {
          return Optional.empty();
        }
        prefix[i] = (byte) octet;
      }
      return Integer.parseInt(v4.group(4)) > 255 ? Optional.empty() : Optional.of(prefix);
    }
    String s =
        literal.startsWith("[") && literal.endsWith("]")
            ? literal.substring(1, literal.length() - 1)
            : literal;
    if (s.indexOf(':') < 0) {
      return Optional.empty();
    }
    try {
      // A string with ':' is parsed as an IPv6 literal, never looked up.
      InetAddress a = InetAddress.getByName(s);
      if (a instanceof Inet6Address) {
        return Optional.of(Arrays.copyOf(a.getAddress(), 8));
      }
      return Optional.of(Arrays.copyOf(a.getAddress(), 3));
    } catch (UnknownHostException | SecurityException e) {
      return Optional.empty();
    }
  }

  static boolean same(String a, String b) {
    Optional<byte[]> pa = of(a);
    Optional<byte[]> pb = of(b);
    return pa.isPresent() && pb.isPresent() && Arrays.equals(pa.get(), pb.get());
  }
}
