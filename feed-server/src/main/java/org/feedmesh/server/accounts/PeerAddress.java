package org.feedmesh.server.accounts;

import java.net.URI;
import java.net.URISyntaxException;

/** Peer addresses endpoints announce: absolute {@code http} or {@code https} URLs with a host. */
public final class PeerAddress {
  private PeerAddress() {}

  /**
   * @throws IllegalArgumentException saying why the address is not acceptable
   */
  public static String validate(String address) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("peer address must not be blank");
    }
    if (address.length() > 300) {
      throw new IllegalArgumentException("peer address is longer than 300 characters");
    }
    URI uri;
    try {
      uri = new URI(address);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "peer address '" + Names.abbreviate(address) + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "peer address '"
              + Names.abbreviate(address)
              + "' must be an http(s) URL with a host, like http://192.168.1.20:7070");
    }
    return address;
  }
}
