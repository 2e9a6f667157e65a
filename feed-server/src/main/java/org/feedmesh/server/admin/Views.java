package org.feedmesh.server.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.feedmesh.platform.auth.Access;
import org.feedmesh.server.accounts.Endpoint;
import org.feedmesh.server.accounts.Grant;
import org.feedmesh.server.accounts.Namespace;

/** The JSON shapes of the admin and registry API. Times are RFC 3339 strings in UTC. */
public final class Views {
  private Views() {}

  public record NamespaceView(String name, String created, long cursor) {
    public static NamespaceView of(Namespace n) {
      return new NamespaceView(n.name(), n.created().toString(), n.lastCursor());
    }
  }

  public record GrantView(Set<Access> access, long appliedCursor) {
    static GrantView of(Grant g) {
      return new GrantView(g.access(), g.appliedCursor());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EndpointView(
      String id,
      String displayName,
      String created,
      String revoked,
      boolean active,
      boolean relay,
      String lastSeen,
      Map<String, GrantView> namespaces,
      List<String> addresses) {
    public static EndpointView of(Endpoint e) {
      Map<String, GrantView> grants = new TreeMap<>();
      e.grants().forEach((ns, g) -> grants.put(ns, GrantView.of(g)));
      return new EndpointView(
          e.id(),
          e.displayName(),
          e.created().toString(),
          e.revoked().map(Instant::toString).orElse(null),
          e.isActive(),
          e.relay(),
          e.lastSeen().map(Instant::toString).orElse(null),
          grants,
          e.addresses());
    }
  }

  /** What create-endpoint answers: the token, shown this once, and the endpoint. */
  public record CreatedEndpoint(String token, EndpointView endpoint) {}

  /** A peer of a namespace as other endpoints see it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PeerView(
      String id, String displayName, String lastSeen, long appliedCursor, List<String> addresses) {
    public static PeerView of(Endpoint e, String namespace) {
      Grant g = e.grants().get(namespace);
      return new PeerView(
          e.id(),
          e.displayName(),
          e.lastSeen().map(Instant::toString).orElse(null),
          g == null ? 0 : g.appliedCursor(),
          e.addresses());
    }
  }

  public record CreateNamespace(String name) {}

  /**
   * @param namespaces namespaces with read and write access
   * @param readOnly namespaces with read access only
   */
  public record CreateEndpoint(
      String name,
      String displayName,
      List<String> namespaces,
      List<String> readOnly,
      Boolean relay) {}

  public record SetAccess(Set<Access> access) {}

  /**
   * An endpoint's announcement: peer addresses (replace; omit to keep), applied cursors, and what
   * it reports about its peers (transfers since the last announcement, LAN peers it sees). Unknown
   * fields are ignored, so older servers accept newer agents.
   */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  public record Announcement(
      List<String> addresses,
      Map<String, Long> cursors,
      List<org.feedmesh.server.registry.PeerReport.Transfer> transfers,
      List<org.feedmesh.server.registry.PeerReport.LanPeer> lanPeers) {
    public Announcement(List<String> addresses, Map<String, Long> cursors) {
      this(addresses, cursors, null, null);
    }

    /** The peer part, validated (throws IllegalArgumentException saying what is wrong). */
    public org.feedmesh.server.registry.PeerReport peerReport() {
      return new org.feedmesh.server.registry.PeerReport(transfers, lanPeers);
    }
  }
}
