package org.feedmesh.lookup;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * holders for the asker and counts the hand-outs (so the next asker gets a less busy holder).
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

  /** One endpoint's live locators of one blob, merged. */
  private record Merged(String endpointId, List<HolderRow> rows) {
    boolean holds(int index) {
      return rows.stream().anyMatch(r -> r.holds(index));
    }

    HeldBlocks held() {
      if (rows.size() == 1) {
        return rows.get(0).held();
      }
      if (rows.stream().anyMatch(r -> r.heldBitmap() == null)) {
        return HeldBlocks.all();
      }
      int length = rows.stream().mapToInt(r -> r.heldBitmap().length).max().orElse(0);
      byte[] union = new byte[length];
      for (HolderRow r : rows) {
        for (int i = 0; i < r.heldBitmap().length; i++) {
          union[i] |= r.heldBitmap()[i];
        }
      }
      return HeldBlocks.fromBitmap(union);
    }

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
      return rows.stream().map(HolderRow::refreshedAt).max(Instant::compareTo).orElseThrow();
    }

    Instant registeredAt() {
      return rows.stream().map(HolderRow::registeredAt).min(Instant::compareTo).orElseThrow();
    }

    Holder asHolder(int blockCount) {
      HolderRow r = latest();
      List<String> addresses = new ArrayList<>();
      for (URI u : r.contact().peerUrls()) {
        addresses.add(u.getHost());
      }
      r.seenAddress().ifPresent(addresses::add);
      return new Holder(endpointId, r.contact().lanId(), addresses, refreshedAt(),
          held().count(blockCount));
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
    rows.holdersByBlobKey().forEach((key, list) -> {
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
        note(endpoints, info);
      }
      blobs.put(id, new BlobAnswer(id, blob.size(), blob.blockCount(), List.of(), locators));
    }

    Map<BlockHash, List<BlockLocation>> blocks = new LinkedHashMap<>();
    for (BlockHash hash : query.blocks()) {
      List<BlockLocation> places = places(rows, byBlob, rows.sources().get(hash), tally, asker,
          endpoints);
      if (places.isEmpty()) {
        unknown.add(hash.hex());
      } else {
        blocks.put(hash, places);
      }
    }
    count(tally, now);
    return new BatchAnswer(blobs, blocks, endpoints, unknown);
  }

  private List<BlockLocation> places(H2LookupStore.BatchRows rows,
      Map<Long, Map<String, Merged>> byBlob, List<BlockSource> sources, HandoutTally tally,
      Asker asker, Map<String, PeerInfo> endpoints) {
    List<BlockLocation> places = new ArrayList<>();
    for (BlockSource s : sources == null ? List.<BlockSource>of() : sources) {
      StoredBlob blob = rows.blobsByKey().get(s.blobKey());
      Map<String, Merged> merged = byBlob.getOrDefault(s.blobKey(), Map.of());
      List<Merged> holding = merged.values().stream().filter(m -> m.holds(s.index())).toList();
      if (blob == null || holding.isEmpty()) {
        continue;
      }
      List<String> ids = new ArrayList<>();
      for (Holder h : tally.rankAndCount(holders(holding, blob.blockCount()))) {
        ids.add(h.endpointId());
        note(endpoints, info(merged.get(h.endpointId()), blob, asker, h));
      }
      places.add(new BlockLocation(blob.id(), s.index(), s.offset(), s.size(), ids));
    }
    return places;
  }

  private static void note(Map<String, PeerInfo> endpoints, LocatorInfo info) {
    PeerInfo known = endpoints.get(info.endpointId());
    if (known == null || info.expiresAt().isAfter(known.expiresAt())) {
      endpoints.put(info.endpointId(), new PeerInfo(info.endpointId(), info.contact(),
          info.refreshedAt(), info.expiresAt(), info.sameNetwork()));
    }
  }

  private static Map<String, Merged> merge(List<HolderRow> rows) {
    Map<String, List<HolderRow>> grouped = new LinkedHashMap<>();
    for (HolderRow r : rows) {
      grouped.computeIfAbsent(r.endpointId(), k -> new ArrayList<>()).add(r);
    }
    Map<String, Merged> out = new LinkedHashMap<>();
    grouped.forEach((id, list) -> out.put(id, new Merged(id, list)));
    return out;
  }

  private static List<Holder> holders(Collection<Merged> merged, int blockCount) {
    return merged.stream().map(m -> m.asHolder(blockCount)).toList();
  }

  private static LocatorInfo info(Merged m, StoredBlob blob, Asker asker, Holder h) {
    HolderRow latest = m.latest();
    List<String> namespaces = m.rows().stream().map(HolderRow::namespace).sorted().toList();
    HeldBlocks held = m.held();
    return new LocatorInfo(m.endpointId(), namespaces, latest.contact(), held,
        held.count(blob.blockCount()), m.registeredAt(), m.refreshedAt(), latest.expiresAt(),
        HolderRanking.sameNetwork(asker, h));
  }

  private HandoutTally tally(Collection<String> endpointIds, Asker asker, Instant now) {
    return new HandoutTally(ranking, asker, now,
        store.recentHandouts(endpointIds, now, settings.handoutWindow()));
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
