package org.feedmesh.webapp.endpoints;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.accounts.Endpoint;
import org.feedmesh.server.accounts.Grant;
import org.feedmesh.server.accounts.Namespace;
import org.feedmesh.server.registry.PeerReport;
import org.feedmesh.webapp.session.SignedIn;

/**
 * {@code GET /ui/api/endpoints}: the endpoints the signed-in caller may see (the admin: all active
 * ones; an endpoint: those sharing a namespace it reads), each with online state, last seen,
 * applied cursor and lag per visible namespace, addresses and reported LAN peers; and the recent
 * transfers among them (and from the server) for the graph.
 */
@Path("ui/api/endpoints")
@Produces(MediaType.APPLICATION_JSON)
public final class EndpointsResource {
  private final AccountStore accounts;
  private final LanPeerStore lanPeers;
  private final TransferTally transfers;
  private final Clock clock;
  private final Duration onlineWindow;

  public EndpointsResource(
      AccountStore accounts,
      LanPeerStore lanPeers,
      TransferTally transfers,
      Clock clock,
      Duration onlineWindow) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.lanPeers = Objects.requireNonNull(lanPeers, "lanPeers");
    this.transfers = Objects.requireNonNull(transfers, "transfers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onlineWindow = Objects.requireNonNull(onlineWindow, "onlineWindow");
  }

  public record Overview(
      String now,
      long onlineWindowSeconds,
      Map<String, Long> journal,
      List<EndpointView> endpoints,
      Graph transfers) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EndpointView(
      String id,
      String displayName,
      boolean online,
      String lastSeen,
      List<String> addresses,
      Map<String, Progress> namespaces,
      List<LanPeerView> lanPeers) {}

  public record Progress(long applied, long journal, long lag) {}

  public record LanPeerView(
      String endpoint, String address, Map<String, Long> cursors, String reported) {}

  public record Graph(long windowSeconds, List<String> nodes, List<EdgeView> edges) {}

  public record EdgeView(String from, String to, long bytes, long blocks, String last) {}

  @GET
  public Overview overview(@Context SecurityContext security) {
    Caller caller = SignedIn.require(security).caller();
    Map<String, Long> journal = new TreeMap<>();
    for (Namespace n : accounts.namespaces()) {
      if (caller.canRead(n.name())) {
        journal.put(n.name(), n.lastCursor());
      }
    }
    Map<String, Endpoint> visible = new TreeMap<>();
    for (String ns : journal.keySet()) {
      accounts.endpointsOf(ns).forEach(e -> visible.put(e.id(), e));
    }
    Map<String, List<LanPeerStore.Seen>> lan = lanPeers.all();
    Instant now = clock.instant();
    List<EndpointView> views = new ArrayList<>();
    for (Endpoint e : visible.values()) {
      views.add(view(e, journal, lan.getOrDefault(e.id(), List.of()), now));
    }
    return new Overview(
        now.toString(),
        onlineWindow.toSeconds(),
        journal,
        views,
        graph(visible.keySet()));
  }

  private EndpointView view(
      Endpoint e, Map<String, Long> journal, List<LanPeerStore.Seen> lan, Instant now) {
    Map<String, Progress> progress = new LinkedHashMap<>();
    e.grants()
        .forEach(
            (ns, grant) -> {
              Long last = journal.get(ns);
              if (last != null) {
                progress.put(ns, progress(grant, last));
              }
            });
    List<LanPeerView> peers = new ArrayList<>();
    for (LanPeerStore.Seen s : lan) {
      Map<String, Long> cursors = new TreeMap<>(s.cursors());
      cursors.keySet().retainAll(journal.keySet()); // only namespaces the viewer may read
      peers.add(new LanPeerView(s.peer(), s.address(), cursors, s.reported().toString()));
    }
    boolean online =
        e.lastSeen().map(seen -> !seen.plus(onlineWindow).isBefore(now)).orElse(false);
    return new EndpointView(
        e.id(),
        e.displayName(),
        online,
        e.lastSeen().map(Instant::toString).orElse(null),
        e.addresses(),
        progress,
        peers);
  }

  private static Progress progress(Grant grant, long last) {
    long applied = grant.appliedCursor();
    return new Progress(applied, last, Math.max(0, last - applied));
  }

  private Graph graph(Set<String> visible) {
    Set<String> nodes = new TreeSet<>();
    List<EdgeView> edges = new ArrayList<>();
    for (TransferTally.Edge edge : transfers.recent()) {
      boolean fromVisible =
          edge.from().equals(PeerReport.SERVER) || visible.contains(edge.from());
      if (fromVisible && visible.contains(edge.to())) {
        nodes.add(edge.from());
        nodes.add(edge.to());
        edges.add(
            new EdgeView(
                edge.from(), edge.to(), edge.bytes(), edge.blocks(), edge.last().toString()));
      }
    }
    List<String> ordered = new ArrayList<>();
    if (nodes.remove(PeerReport.SERVER)) {
      ordered.add(PeerReport.SERVER);
    }
    ordered.addAll(nodes);
    return new Graph(transfers.window().toSeconds(), ordered, edges);
  }
}
