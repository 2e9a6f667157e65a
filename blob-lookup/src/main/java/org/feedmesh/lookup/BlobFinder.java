package org.feedmesh.lookup;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.feedmesh.lookup.rank.Asker;
import org.feedmesh.lookup.rank.HandoutTally;
import org.feedmesh.lookup.rank.Holder;
import org.feedmesh.lookup.rank.HolderRanking;
import org.feedmesh.lookup.store.BlockSource;
import org.feedmesh.lookup.store.H2LookupStore;
import org.feedmesh.lookup.store.HolderRow;
import org.feedmesh.lookup.store.StoredBlob;
import org.feedmesh.platform.db.DatabaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the store found into answers: merges an endpoint's locators of one blob, ranks the
 * holders for the asker and counts the hand-outs (so the next asker gets a less busy holder). Per
 * batch, each blob's holders are merged once, however many of its blocks were asked for.
 */
final class BlobFinder {
  private static final Logger log = LoggerFactory.getLogger(BlobFinder.class);

  private final H2LookupStore store;
  private final HolderRanking ranking;
  private final LookupSettings settings;

  BlobFinder(H2LookupStore store, HolderRanking ranking, LookupSettings settings) {
    this.store = store;
    this.ranking = ranking;
    this.settings = settings;
  }

  /** One endpoint's live locators of one blob, merged, and the endpoint as ranking sees it. */
  private static final class Merged {
    final String endpointId;
    final List<HolderRow> rows = new ArrayList<>(1);
    private Holder holder;

    Merged(String endpointId) {
      this.endpointId = endpointId;
    }

    boolean holds(int index) {
      for (HolderRow r : rows) {
        if (r.holds(index)) {
          return true;
        }
      }
      return false;
    }

    HeldBlocks held() {
      if (rows.size() == 1) {
        return rows.get(0).held();
      }
      int length = 0;
      for (HolderRow r : rows) {
        if (r.heldBitmap() == null) {
          return HeldBlocks.all();
        }
        length = Math.max(length, r.heldBitmap().length);
      }
      byte[] union = new byte[length];
      for (HolderRow r : rows) {
        for (int i = 0; i < r.heldBitmap().length; i++) {
          union[i] |= r.heldBitmap()[i];
        }
      }
      return HeldBlocks.fromBitmap(union);
    }

    int heldCount(int blockCount) {
      return rows.size() == 1 ? rows.get(0).heldCount() : held().count(blockCount);
    }

    /** The row that lives longest: its contact and expiry stand for the endpoint. */
    HolderRow latest() {
      HolderRow best = rows.get(0);
      for (HolderRow r : rows) {
        if (r.expiresAt().isAfter(best.expiresAt())) {
          best = r;
        }
      }
      return best;
    }

    Instant refreshedAt() {
      Instant t = rows.get(0).refreshedAt();
      for (HolderRow r : rows) {
        t = r.refreshedAt().isAfter(t) ? r.refreshedAt() : t;
      }
      return t;
    }

    Instant registeredAt() {
      Instant t = rows.get(0).registeredAt();
      for (HolderRow r : rows) {
        t = r.registeredAt().isBefore(t) ? r.registeredAt() : t;
      }
      return t;
    }

    Holder holder(int blockCount) {
      if (holder == null) {
        HolderRow r = latest();
        List<String> addresses = new ArrayList<>();
        for (URI u : r.contact().peerUrls()) {
          addresses.add(u.getHost());
        }
        r.seenAddress().ifPresent(addresses::add);
        holder =
            new Holder(
                endpointId, r.contact().lanId(), addresses, refreshedAt(), heldCount(blockCount));
      }
      return holder;
    }
  }

  BlobAnswer blob(H2LookupStore.BlobView view, Asker asker, Instant now) {
    StoredBlob blob = view.blob();
    Map<String, Merged> merged = merge(view.holders());
    HandoutTally tally = tally(merged.keySet(), asker, now);
    List<LocatorInfo> locators = new ArrayList<>();
    for (Holder h : tally.rankAndCount(holders(merged.values(), blob.blockCount()))) {
      locators.add(info(merged.get(h.endpointId()), blob, asker, h));
    }
    count(tally, now);
    return new BlobAnswer(blob.id(), blob.size(), blob.blockCount(), view.blocks(), locators);
  }

  BatchAnswer batch(H2LookupStore.BatchRows rows, BatchQuery query, Asker asker, Instant now) {
    Map<Long, Map<String, Merged>> byBlob = new HashMap<>();
    TreeSet<String> endpointIds = new TreeSet<>();
    rows.holdersByBlobKey()
        .forEach(
            (key, list) -> {
              Map<String, Merged> m = merge(list);
              byBlob.put(key, m);
              endpointIds.addAll(m.keySet());
            });
    HandoutTally tally = tally(endpointIds, asker, now);
    Map<String, PeerInfo> endpoints = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();

    Map<BlobId, BlobAnswer> blobs = new LinkedHashMap<>();
    for (BlobId id : query.blobs()) {
      StoredBlob blob = rows.blobs().get(id);
      if (blob == null) {
        unknown.add(id.hex());
        continue;
      }
      Map<String, Merged> merged = byBlob.getOrDefault(blob.key(), Map.of());
      List<LocatorInfo> locators = new ArrayList<>();
      for (Holder h : tally.rankAndCount(holders(merged.values(), blob.blockCount()))) {
        LocatorInfo info = info(merged.get(h.endpointId()), blob, asker, h);
        locators.add(info);
        note(endpoints, merged.get(h.endpointId()), info.sameNetwork());
      }
      blobs.put(id, new BlobAnswer(id, blob.size(), blob.blockCount(), List.of(), locators));
    }

    Map<BlockHash, List<BlockLocation>> blocks = new LinkedHashMap<>();
    for (BlockHash hash : query.blocks()) {
      List<BlockLocation> places = new ArrayList<>(1);
      for (BlockSource s : rows.sources().getOrDefault(hash, List.of())) {
        StoredBlob blob = rows.blobsByKey().get(s.blobKey());
        Map<String, Merged> merged = byBlob.get(s.blobKey());
        if (blob != null && merged != null) {
          place(s, blob, merged, tally, asker, endpoints).ifPresent(places::add);
        }
      }
      if (places.isEmpty()) {
        unknown.add(hash.hex());
      } else {
        blocks.put(hash, places);
      }
    }
    count(tally, now);
    return new BatchAnswer(blobs, blocks, endpoints, unknown);
  }

  /** The block at {@code s}, with the holders of that very block ranked; empty if none. */
  private static Optional<BlockLocation> place(
      BlockSource s,
      StoredBlob blob,
      Map<String, Merged> merged,
      HandoutTally tally,
      Asker asker,
      Map<String, PeerInfo> endpoints) {
    List<Holder> holding = new ArrayList<>(merged.size());
    for (Merged m : merged.values()) {
      if (m.holds(s.index())) {
        holding.add(m.holder(blob.blockCount()));
      }
    }
    if (holding.isEmpty()) {
      return Optional.empty();
    }
    List<String> ids = new ArrayList<>(holding.size());
    for (Holder h : tally.rankAndCount(holding)) {
      ids.add(h.endpointId());
      if (!endpoints.containsKey(h.endpointId())) {
        note(endpoints, merged.get(h.endpointId()), HolderRanking.sameNetwork(asker, h));
      }
    }
    return Optional.of(new BlockLocation(blob.id(), s.index(), s.offset(), s.size(), ids));
  }

  /** Adds the endpoint to a batch answer's endpoint map, keeping its freshest contact. */
  private static void note(Map<String, PeerInfo> endpoints, Merged m, boolean sameNetwork) {
    HolderRow latest = m.latest();
    PeerInfo known = endpoints.get(m.endpointId);
    if (known == null || latest.expiresAt().isAfter(known.expiresAt())) {
      endpoints.put(
          m.endpointId,
          new PeerInfo(
              m.endpointId, latest.contact(), m.refreshedAt(), latest.expiresAt(), sameNetwork));
    }
  }

  private static Map<String, Merged> merge(List<HolderRow> rows) {
    Map<String, Merged> out = new LinkedHashMap<>();
    for (HolderRow r : rows) {
      out.computeIfAbsent(r.endpointId(), Merged::new).rows.add(r);
    }
    return out;
  }

  private static List<Holder> holders(Collection<Merged> merged, int blockCount) {
    List<Holder> out = new ArrayList<>(merged.size());
    for (Merged m : merged) {
      out.add(m.holder(blockCount));
    }
    return out;
  }

  private static LocatorInfo info(Merged m, StoredBlob blob, Asker asker, Holder h) {
    HolderRow latest = m.latest();
    List<String> namespaces = m.rows.stream().map(HolderRow::namespace).sorted().toList();
    HeldBlocks held = m.held();
    return new LocatorInfo(
        m.endpointId,
        namespaces,
        latest.contact(),
        held,
        held.count(blob.blockCount()),
        m.registeredAt(),
        m.refreshedAt(),
        latest.expiresAt(),
        HolderRanking.sameNetwork(asker, h));
  }

  private HandoutTally tally(Collection<String> endpointIds, Asker asker, Instant now) {
    return new HandoutTally(
        ranking, asker, now, store.recentHandouts(endpointIds, now, settings.handoutWindow()));
  }

  /** Hand-out counts steer later answers; failing to store them must not fail this one. */
  private void count(HandoutTally tally, Instant now) {
    try {
      store.countHandouts(tally.handedOut(), now, settings.handoutWindow());
    } catch (DatabaseException e) {
      log.warn("could not count {} hand-outs: {}", tally.handedOut().size(), e.getMessage());
    }
  }
}
