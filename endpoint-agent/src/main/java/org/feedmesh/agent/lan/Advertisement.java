package org.feedmesh.agent.lan;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A peer download advertisement (seed 004): "endpoint {@code endpointId}, running as instance
 * {@code instanceId}, serves blocks on peer port {@code peerPort} and has applied namespace N up to
 * journal cursor C" for each entry of {@code cursors}.
 *
 * <p>A hint, never a credential: it says where blocks may be found, and nothing in it grants or
 * proves access. The block requests it leads to are still authenticated, and every block is still
 * verified by hash.
 *
 * @param version protocol version; only {@link #CURRENT_VERSION} exists
 * @param endpointId the advertising endpoint, spelled as the feed server spells endpoint ids
 * @param instanceId random, new at each start of the agent: a new value means a restart
 * @param peerPort the TCP port of the agent's peer server (1-65535)
 * @param cursors namespace name → the journal cursor the agent has applied (≥ 0); iterated in name
 *     order
 */
public record Advertisement(
    int version, String endpointId, long instanceId, int peerPort, Map<String, Long> cursors) {
  public static final int CURRENT_VERSION = 1;

  /** Namespace names and endpoint ids (DESIGN section 3): ASCII, at most 64 bytes. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public Advertisement {
    if (version != CURRENT_VERSION) {
      throw new IllegalArgumentException(
          "advertisement version " + version + " is not supported (only " + CURRENT_VERSION + ")");
    }
    requireName("endpoint id", endpointId);
    if (peerPort < 1 || peerPort > 65_535) {
      throw new IllegalArgumentException("a peer port is 1-65535, got " + peerPort);
    }
    Objects.requireNonNull(cursors, "cursors");
    TreeMap<String, Long> sorted = new TreeMap<>();
    cursors.forEach(
        (ns, cursor) -> {
          requireName("namespace name", ns);
          if (cursor == null || cursor < 0) {
            throw new IllegalArgumentException(
                "the cursor of namespace " + ns + " must be >= 0, got " + cursor);
          }
          sorted.put(ns, cursor);
        });
    cursors = Collections.unmodifiableMap(sorted);
  }

  /** An advertisement of the current protocol version. */
  public static Advertisement of(
      String endpointId, long instanceId, int peerPort, Map<String, Long> cursors) {
    return new Advertisement(CURRENT_VERSION, endpointId, instanceId, peerPort, cursors);
  }

  /** The same advertisement with other cursors. */
  public Advertisement withCursors(Map<String, Long> newCursors) {
    return new Advertisement(version, endpointId, instanceId, peerPort, newCursors);
  }

  /** True if {@code s} is a valid namespace name or endpoint id. */
  static boolean isName(String s) {
    return s != null && NAME.matcher(s).matches();
  }

  private static void requireName(String what, String s) {
    if (!isName(s)) {
      throw new IllegalArgumentException(
          "a "
              + what
              + " is 1-64 characters of [a-z0-9._-] starting with a letter or digit, got "
              + (s == null ? "null" : "\"" + s + "\""));
    }
  }
}
