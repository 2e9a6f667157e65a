package org.feedmesh.server.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.feedmesh.server.accounts.Names;

/**
 * What an endpoint tells the server about its peers in {@code PUT /endpoints/self}, besides its
 * addresses and cursors: the block transfers it made since its previous announcement and the LAN
 * peers it currently sees. Validated here, so a bad report is refused (400) before anything of the
 * announcement is stored.
 *
 * @param transfers bytes and blocks this endpoint pulled, per source, since its last announcement
 * @param lanPeers the peers its LAN discovery sees now (null: not reported, keep the last list)
 */
public record PeerReport(List<Transfer> transfers, List<LanPeer> lanPeers) {
  /** Most transfer entries one announcement may carry. */
  public static final int MAX_TRANSFERS = 256;

  /** Most LAN peers one announcement may carry. */
  public static final int MAX_LAN_PEERS = 256;

  /** The {@code from} of bytes that came from the feed server itself. */
  public static final String SERVER = "server";

  public PeerReport {
    transfers = transfers == null ? List.of() : List.copyOf(transfers);
    if (transfers.size() > MAX_TRANSFERS) {
      throw new IllegalArgumentException(
          "at most " + MAX_TRANSFERS + " transfers per announcement, got " + transfers.size());
    }
    if (lanPeers != null) {
      if (lanPeers.size() > MAX_LAN_PEERS) {
        throw new IllegalArgumentException(
            "at most " + MAX_LAN_PEERS + " LAN peers per announcement, got " + lanPeers.size());
      }
      lanPeers = List.copyOf(lanPeers);
    }
  }

  /** Nothing reported. */
  public static final PeerReport NONE = new PeerReport(List.of(), null);

  public boolean isEmpty() {
    return transfers.isEmpty() && lanPeers == null;
  }

  /**
   * Bytes this endpoint pulled from one source.
   *
   * @param from an endpoint id, or {@value PeerReport#SERVER}
   * @param bytes at most {@value #MAX_BYTES} (1 TiB) per announcement
   * @param blocks at most {@value #MAX_BLOCKS}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Transfer(String from, long bytes, long blocks) {
    public static final long MAX_BYTES = 1L << 40;
    public static final long MAX_BLOCKS = 100_000_000L;

    public Transfer {
      if (from == null) {
        throw new IllegalArgumentException("a transfer needs \"from\": an endpoint id or \"server\"");
      }
      if (!from.equals(SERVER)) {
        validId("transfer \"from\"", from);
      }
      if (bytes < 0 || bytes > MAX_BYTES) {
        throw new IllegalArgumentException(
            "transfer bytes must be in 0.." + MAX_BYTES + ", got " + bytes + " (from " + from + ")");
      }
      if (blocks < 0 || blocks > MAX_BLOCKS) {
        throw new IllegalArgumentException(
            "transfer blocks must be in 0.." + MAX_BLOCKS + ", got " + blocks + " (from " + from
                + ")");
      }
    }
  }

  /**
   * A peer seen on the LAN.
   *
   * @param endpoint its endpoint id
   * @param address where it says it listens, e.g. {@code 192.168.1.20:7070} or a URL (at most 300
   *     characters, no spaces or control characters)
   * @param cursors the journal cursor it advertises per namespace
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LanPeer(String endpoint, String address, Map<String, Long> cursors) {
    public static final int MAX_ADDRESS = 300;
    public static final int MAX_CURSORS = 256;

    public LanPeer {
      validId("LAN peer \"endpoint\"", endpoint);
      if (address == null
          || address.isEmpty()
          || address.length() > MAX_ADDRESS
          || !address.matches("[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=%-]+")) {
        throw new IllegalArgumentException(
            "LAN peer "
                + endpoint
                + ": \"address\" must be 1-"
                + MAX_ADDRESS
                + " URL characters, like 192.168.1.20:7070");
      }
      cursors = cursors == null ? Map.of() : new TreeMap<>(cursors);
      if (cursors.size() > MAX_CURSORS) {
        throw new IllegalArgumentException(
            "LAN peer " + endpoint + ": at most " + MAX_CURSORS + " cursors");
      }
      for (Map.Entry<String, Long> c : cursors.entrySet()) {
        Names.namespace(c.getKey());
        if (c.getValue() == null || c.getValue() < 0) {
          throw new IllegalArgumentException(
              "LAN peer " + endpoint + ": cursor for '" + c.getKey() + "' must be >= 0");
        }
      }
      cursors = Collections.unmodifiableMap(cursors);
    }
  }

  private static void validId(String what, String id) {
    try {
      Names.endpointId(id);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
  }
}
