package org.feedmesh.agent.lan;

import java.util.Objects;

/** A change of the {@link LanPeers} table, as its listeners receive it. */
public record LanPeerChange(Kind kind, LanPeer peer) {
  public enum Kind {
    /** An endpoint not in the table advertised itself. */
    DISCOVERED,
    /** A known instance advertised other cursors, address or port. */
    UPDATED,
    /** An endpoint advertised a new instance id: its agent restarted; the entry was replaced. */
    RESTARTED,
    /** Not heard from for the expiry time; removed. */
    EXPIRED
  }

  public LanPeerChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(peer, "peer");
  }
}
