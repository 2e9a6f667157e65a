package org.feedmesh.agent;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.feedmesh.agent.lan.Advertisement;
import org.feedmesh.agent.lan.AdvertisementClient;
import org.feedmesh.agent.lan.AdvertisementServlet;
import org.feedmesh.agent.lan.LanAnnouncer;
import org.feedmesh.agent.lan.LanListener;
import org.feedmesh.agent.lan.LanPeer;
import org.feedmesh.agent.lan.LanPeers;
import org.feedmesh.agent.lan.LanSettings;
import org.feedmesh.agent.lan.PeerAddress;
import org.feedmesh.agent.peer.InvalidTicketException;
import org.feedmesh.agent.peer.PeerSource;
import org.feedmesh.agent.peer.TicketVerifier;
import org.feedmesh.agent.sync.RemoteBlocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This agent on the LAN (seed 004): announces which journal cursor it has applied, hears the
 * others' announcements (UDP, and over TCP from peers named with {@code --peer}), and offers LAN
 * peers whose cursor covers an entry as download candidates. A hint only: blocks are still
 * requested with a ticket and verified by hash.
 */
final class LanNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LanNode.class);

  private final String namespace;
  private final long instanceId = new SecureRandom().nextLong();
  private final LanPeers peers;
  private final LanSettings settings;
  private final List<PeerAddress> staticPeers;
  private final AdvertisementClient client;
  private volatile Advertisement current;
  private LanAnnouncer announcer;
  private LanListener listener;

  LanNode(String me, String namespace, LanSettings settings, List<PeerAddress> staticPeers,
      OkHttpClient http, java.util.function.Supplier<String> ticket, Clock clock) {
    this.namespace = namespace;
    this.settings = settings;
    this.staticPeers = List.copyOf(staticPeers);
    this.peers = new LanPeers(clock, settings == null ? LanSettings.defaults().expiry() : settings.expiry());
    this.client = new AdvertisementClient(http, ticket);
    this.current = Advertisement.of(me, instanceId, 1, Map.of(namespace, 0L));
  }

  /** The TCP form of the advertisement, for the peer port. */
  AdvertisementServlet servlet(TicketVerifier verifier) {
    return new AdvertisementServlet(() -> current, ticket -> {
      try {
        return Optional.of(verifier.verify(ticket).namespaces());
      } catch (InvalidTicketException e) {
        return Optional.<Set<String>>empty();
      }
    });
  }

  /** Starts sending and listening, once the peer port is known. */
  void start(int peerPort, long cursor) throws IOException {
    current = Advertisement.of(current.endpointId(), instanceId, peerPort, Map.of(namespace, cursor));
    if (settings == null) {
      return;
    }
    listener = LanListener.start(settings, instanceId, peers);
    announcer = LanAnnouncer.start(settings, current);
    log.info("LAN advertisements on UDP port {} (instance {})", settings.port(), Long.toHexString(instanceId));
  }

  /** The applied cursor moved: tell the LAN promptly. */
  void cursor(long cursor) {
    current = current.withCursors(Map.of(namespace, cursor));
    if (announcer != null) {
      announcer.update(Map.of(namespace, cursor));
    }
  }

  /** Asks the peers named with {@code --peer} for their advertisement (TCP form). */
  void pollStaticPeers() {
    for (PeerAddress p : staticPeers) {
      try {
        client.fetchInto(p.baseUrl(), peers);
      } catch (IOException | RuntimeException e) {
        log.debug("peer {} did not give its advertisement: {}", p, e.getMessage());
      }
    }
  }

  RemoteBlocks.LanHints hints() {
    return (ns, cursor) -> {
      peers.expire();
      var found = peers.candidatesFor(ns, cursor);
      if (found.isEmpty() && !staticPeers.isEmpty()) {
        // nobody known covers this entry yet: ask the named peers now rather than at the next poll
        pollStaticPeers();
        found = peers.candidatesFor(ns, cursor);
      }
      List<PeerSource> out = new ArrayList<>();
      found.forEach(c -> out.add(new PeerSource(c.endpointId(), c.baseUrl())));
      return out;
    };
  }

  /** The LAN peers seen, as {@code PUT /endpoints/self} reports them. */
  List<Map<String, Object>> report() {
    peers.expire();
    List<Map<String, Object>> out = new ArrayList<>();
    for (LanPeer p : peers.peers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("endpoint", p.endpointId());
      m.put("address", p.baseUrl().toString());
      m.put("cursors", p.cursors());
      out.add(m);
      if (out.size() >= 64) {
        break;
      }
    }
    return out;
  }

  LanPeers peers() {
    return peers;
  }


  @Override
  public void close() {
    if (announcer != null) {
      announcer.close();
    }
    if (listener != null) {
      listener.close();
    }
  }
}
