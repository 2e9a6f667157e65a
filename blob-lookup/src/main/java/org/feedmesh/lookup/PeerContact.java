package org.feedmesh.lookup;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach an endpoint's peer port: the URLs it announces and, optionally, the id of the LAN it
 * announces itself on (endpoints announcing the same LAN id are offered to each other first).
 */
public record PeerContact(List<URI> peerUrls, Optional<String> lanId) {
  private static final Pattern LAN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final int MAX_URL_CHARS = 512;

  public PeerContact {
    peerUrls = List.copyOf(peerUrls);
    for (URI u : peerUrls) {
      requirePeerUrl(u);
    }
    if (peerUrls.stream().distinct().count() != peerUrls.size()) {
      throw new IllegalArgumentException("peer URLs repeat: " + peerUrls);
    }
    Objects.requireNonNull(lanId, "lanId");
    lanId.ifPresent(
        id -> {
          if (!LAN_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                "a LAN id is 1-128 characters of [A-Za-z0-9._:-], got \"" + id + "\"");
          }
        });
  }

  public static PeerContact of(List<URI> peerUrls) {
    return new PeerContact(peerUrls, Optional.empty());
  }

  private static void requirePeerUrl(URI u) {
    Objects.requireNonNull(u, "peer URL");
    String s = u.toString();
    if (s.length() > MAX_URL_CHARS) {
      throw new IllegalArgumentException("a peer URL has at most " + MAX_URL_CHARS + " characters");
    }
    String scheme = u.getScheme();
    if (!u.isAbsolute()
        || !("http".equals(scheme) || "https".equals(scheme))
        || u.getHost() == null
        || u.getRawUserInfo() != null
        || u.getRawQuery() != null
        || u.getRawFragment() != null
        || s.contains("\n")) {
      throw new IllegalArgumentException(
          "a peer URL is an absolute http(s) URL with a host and no user info, query or fragment,"
              + " got \""
              + s
              + "\"");
    }
  }
}
