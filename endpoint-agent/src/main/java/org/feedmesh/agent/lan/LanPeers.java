package org.feedmesh.agent.lan;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents seen on the LAN, one entry per running instance, each dropped {@code expiry} after it
 * was last heard from.
 *
 * <p>Advertisements of a known instance merge into its entry (an advertisement too large for one
 * datagram arrives as several, each with a share of the namespaces). A new instance of an endpoint
 * that shares a namespace with, or has the same address and peer port as, an entry of that endpoint
 * is that agent restarted: it replaces the old entry. Two agents of one endpoint serving different
 * namespaces (one per folder) keep an entry each.
 *
 * <p>Thread-safe. Listeners run on the thread that made the change, after the table's lock is
 * released; they must be quick and must not throw (a throwing listener is logged).
 */
public final class LanPeers {
  public static final int DEFAULT_MAX_PEERS = 1024;

  private static final Logger log = LoggerFactory.getLogger(LanPeers.class);
  private static final Comparator<LanPeer> FRESHEST_FIRST =
      Comparator.comparing(LanPeer::lastSeen).reversed().thenComparing(LanPeer::endpointId);

  private final Clock clock;
  private final Duration expiry;
  private final int maxPeers;
  private final List<Consumer<LanPeerChange>> listeners = new CopyOnWriteArrayList<>();

  /** Key: endpoint id + "/" + instance id. Guarded by {@code this}. */
  private final Map<String, LanPeer> entries = new LinkedHashMap<>();

  private long refused;

  public LanPeers(Clock clock, Duration expiry) {
    this(clock, expiry, DEFAULT_MAX_PEERS);
  }

  /**
   * @param maxPeers the most instances kept; advertisements of further ones are refused (counted in
   *     {@link #refused()}) until entries expire, so a flood of invented endpoints cannot grow the
   *     table without bound
   */
  public LanPeers(Clock clock, Duration expiry, int maxPeers) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.expiry = Objects.requireNonNull(expiry, "expiry");
    if (expiry.isNegative() || expiry.isZero() || maxPeers < 1) {
      throw new IllegalArgumentException(
          "LAN peers need a positive expiry and maxPeers, got " + expiry + " and " + maxPeers);
    }
    this.maxPeers = maxPeers;
  }

  /** Calls {@code listener} on every later change of the table. */
  public void addListener(Consumer<LanPeerChange> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Records that {@code ad} was heard from {@code address}, whose peer server is on {@code
   * peerPort}.
   *
   * @return the change it made, if any (a repeat of a known advertisement only refreshes the entry)
   */
  public Optional<LanPeerChange> seen(
      Advertisement ad, InetAddress address, int peerPort, LanPeer.Via via) {
    List<LanPeerChange> changes = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      expireLocked(now, changes);
      recordLocked(new LanPeer(ad, address, peerPort, now, via), changes);
    }
    fire(changes);
    return changes.stream().filter(c -> c.kind() != LanPeerChange.Kind.EXPIRED).findFirst();
  }

  /** The live entries, freshest first. */
  public List<LanPeer> peers() {
    Instant now = clock.instant();
    List<LanPeer> out;
    synchronized (this) {
      out = new ArrayList<>(entries.values());
    }
    out.removeIf(p -> expired(p, now));
    out.sort(FRESHEST_FIRST);
    return out;
  }

  /** The live entries of one endpoint (usually one; more if it runs one agent per folder). */
  public List<LanPeer> peers(String endpointId) {
    return peers().stream().filter(p -> p.endpointId().equals(endpointId)).toList();
  }

  /**
   * Live peers that advertised {@code namespace} at a cursor ≥ {@code cursor}: candidate sources
   * for the blocks of the journal entry with that cursor. Freshest first. Peers heard only from an
   * IPv6 link-local address are left out (see {@link LanPeer#dialable()}).
   */
  public List<LanCandidate> candidatesFor(String namespace, long cursor) {
    List<LanCandidate> out = new ArrayList<>();
    for (LanPeer p : peers()) {
      Long advertised = p.cursors().get(namespace);
      if (advertised != null && advertised >= cursor && p.dialable()) {
        out.add(new LanCandidate(p.endpointId(), p.baseUrl(), advertised));
      }
    }
    return out;
  }

  /**
   * Drops the entries not heard from for the expiry time and tells the listeners.
   *
   * @return how many were dropped
   */
  public int expire() {
    List<LanPeerChange> changes = new ArrayList<>();
    synchronized (this) {
      expireLocked(clock.instant(), changes);
    }
    fire(changes);
    return changes.size();
  }

  /** Advertisements of new instances refused because the table was full. */
  public synchronized long refused() {
    return refused;
  }

  private void recordLocked(LanPeer fresh, List<LanPeerChange> changes) {
    String key = fresh.endpointId() + "/" + fresh.instanceId();
    LanPeer known = entries.get(key);
    if (known != null) {
      Map<String, Long> merged = new HashMap<>(known.cursors());
      merged.putAll(fresh.cursors());
      // An agent heard by IPv4 broadcast and by IPv6 multicast keeps the address that can be
      // dialled.
      LanPeer from = fresh.dialable() || !known.dialable() ? fresh : known;
      LanPeer updated =
          new LanPeer(
              fresh.advertisement().withCursors(merged),
              from.address(),
              from.peerPort(),
              fresh.lastSeen(),
              from.via());
      entries.put(key, updated);
      if (!updated.cursors().equals(known.cursors())
          || !updated.address().equals(known.address())
          || updated.peerPort() != known.peerPort()) {
        changes.add(new LanPeerChange(LanPeerChange.Kind.UPDATED, updated));
      }
      return;
    }
    List<LanPeer> previous = previousInstancesLocked(fresh);
    previous.forEach(p -> entries.remove(p.endpointId() + "/" + p.instanceId()));
    if (previous.isEmpty() && entries.size() >= maxPeers) {
      refused++;
      log.debug("LAN peer table full ({} entries): ignoring {}", entries.size(), fresh);
      return;
    }
    entries.put(key, fresh);
    if (previous.isEmpty()) {
      log.info("LAN peer {} found at {}", fresh.endpointId(), fresh.baseUrl());
      changes.add(new LanPeerChange(LanPeerChange.Kind.DISCOVERED, fresh));
    } else {
      log.info(
          "LAN peer {} restarted (instance {} replaces {}), now at {}",
          fresh.endpointId(),
          Long.toHexString(fresh.instanceId()),
          Long.toHexString(previous.get(0).instanceId()),
          fresh.baseUrl());
      changes.add(new LanPeerChange(LanPeerChange.Kind.RESTARTED, fresh));
    }
  }

  private List<LanPeer> previousInstancesLocked(LanPeer fresh) {
    List<LanPeer> out = new ArrayList<>();
    for (LanPeer p : entries.values()) {
      boolean sameEndpoint = p.endpointId().equals(fresh.endpointId());
      boolean samePlace = p.address().equals(fresh.address()) && p.peerPort() == fresh.peerPort();
      boolean sharesNamespace =
          !Collections.disjoint(p.cursors().keySet(), fresh.cursors().keySet());
      if (sameEndpoint && (samePlace || sharesNamespace)) {
        out.add(p);
      }
    }
    return out;
  }

  private void expireLocked(Instant now, List<LanPeerChange> changes) {
    for (Iterator<LanPeer> it = entries.values().iterator(); it.hasNext(); ) {
      LanPeer p = it.next();
      if (expired(p, now)) {
        it.remove();
        log.info(
            "LAN peer {} at {} expired (last seen {})", p.endpointId(), p.baseUrl(), p.lastSeen());
        changes.add(new LanPeerChange(LanPeerChange.Kind.EXPIRED, p));
      }
    }
  }

  private boolean expired(LanPeer p, Instant now) {
    return !now.isBefore(p.lastSeen().plus(expiry));
  }

  private void fire(List<LanPeerChange> changes) {
    for (LanPeerChange c : changes) {
      for (Consumer<LanPeerChange> l : listeners) {
        try {
          l.accept(c);
        } catch (RuntimeException e) {
          log.warn("A LAN peer listener failed on {}", c, e);
        }
      }
    }
  }
}
