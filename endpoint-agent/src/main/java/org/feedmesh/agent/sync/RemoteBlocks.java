package org.feedmesh.agent.sync;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.feedmesh.agent.peer.BlockFetcher;
import org.feedmesh.agent.peer.FetchResult;
import org.feedmesh.agent.peer.PeerSource;
import org.feedmesh.agent.peer.WantedBlock;
import org.feedmesh.lookup.BatchAnswer;
import org.feedmesh.lookup.BatchQuery;
import org.feedmesh.lookup.BlockHash;
import org.feedmesh.lookup.BlockLocation;
import org.feedmesh.lookup.PeerInfo;
import org.feedmesh.lookup.client.LookupClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds who holds the blocks the agent lacks and downloads them from several peers at once: LAN
 * peers whose advertised cursor covers the entry first (a hint only), then the holders the blob
 * lookup names (asked in batches). Every block is hash-checked by the fetcher before it is written.
 */
public final class RemoteBlocks {
  private static final Logger log = LoggerFactory.getLogger(RemoteBlocks.class);
  static final int LOOKUP_BATCH = 1000;

  /** Peers on the LAN that say they have applied the namespace up to a cursor. */
  @FunctionalInterface
  public interface LanHints {
    List<PeerSource> candidates(String namespace, long cursor);
  }

  /** Hears each block as it lands, so the agent can serve it (and say so) while still downloading. */
  @FunctionalInterface
  public interface Landed {
    void landed(TempFile file, int blockIndex);
  }

  private final LookupClient lookup;
  private final BlockFetcher fetcher;
  private final String self;
  private final LanHints lan;
  private final boolean useLookup;

  public RemoteBlocks(LookupClient lookup, BlockFetcher fetcher, String self, LanHints lan, boolean useLookup) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.self = Objects.requireNonNull(self, "self");
    this.lan = Objects.requireNonNull(lan, "lan");
    this.useLookup = useLookup;
  }

  /**
   * Fills the missing blocks of {@code files} from peers. Returns bytes received per endpoint;
   * blocks nobody could give stay missing (the files then report incomplete).
   */
  /** What one fetch brought, per endpoint: bytes and blocks. */
  public record Received(Map<String, Long> bytes, Map<String, Long> blocks) {
    public static final Received NONE = new Received(Map.of(), Map.of());
  }

  public Received fetch(String namespace, long cursor, List<TempFile> files, Landed landed)
      throws IOException {
    Map<String, List<Target>> targets = new LinkedHashMap<>();
    Map<String, Integer> sizes = new HashMap<>();
    for (TempFile f : files) {
      var blocks = f.meta().blocks();
      for (int i = 0; i < blocks.size(); i++) {
        if (!f.has(i)) {
          targets.computeIfAbsent(blocks.get(i).hash(), h -> new ArrayList<>()).add(new Target(f, i));
          sizes.put(blocks.get(i).hash(), blocks.get(i).size());
        }
      }
    }
    if (targets.isEmpty()) {
      return Received.NONE;
    }
    Map<String, List<PeerSource>> candidates = new HashMap<>();
    List<PeerSource> lanPeers = lan.candidates(namespace, cursor).stream()
        .filter(p -> !p.endpointId().equals(self)).toList();
    for (String h : targets.keySet()) {
      candidates.put(h, new ArrayList<>(lanPeers));
    }
    if (useLookup) {
      addLookupHolders(new ArrayList<>(targets.keySet()), candidates);
    }
    List<WantedBlock> wanted = new ArrayList<>();
    targets.keySet().forEach(h -> wanted.add(new WantedBlock(h, sizes.get(h))));
    Map<String, Long> blocks = new java.util.concurrent.ConcurrentHashMap<>();
    FetchResult result =
        fetcher.fetch(
            wanted,
            candidates,
            (block, data, from) -> {
              blocks.merge(from.endpointId(), 1L, Long::sum);
              for (Target t : targets.get(block.hash())) {
                t.file.write(t.index, data, block.size());
                landed.landed(t.file, t.index);
              }
            });
    if (!result.missing().isEmpty()) {
      log.debug("{} blocks had no reachable holder", result.missing().size());
    }
    return new Received(result.bytesByEndpoint(), Map.copyOf(blocks));
  }

  private void addLookupHolders(List<String> hashes, Map<String, List<PeerSource>> candidates) {
    for (int from = 0; from < hashes.size(); from += LOOKUP_BATCH) {
      List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + LOOKUP_BATCH));
      BatchAnswer answer;
      try {
        answer = lookup.lookup(BatchQuery.ofBlocks(chunk.stream().map(BlockHash::new).toList()));
      } catch (IOException e) {
        log.warn("the blob lookup did not answer ({}); trying LAN peers only", e.getMessage());
        return;
      }
      Map<String, List<PeerSource>> byEndpoint = new HashMap<>();
      answer.endpoints().forEach((id, info) -> byEndpoint.put(id, sources(id, info)));
      answer.blocks().forEach((hash, locations) -> {
        Set<PeerSource> merged = new LinkedHashSet<>(candidates.getOrDefault(hash.hex(), List.of()));
        for (BlockLocation loc : locations) {
          for (String e : loc.endpointIds()) {
            if (!e.equals(self)) {
              merged.addAll(byEndpoint.getOrDefault(e, List.of()));
            }
          }
        }
        candidates.put(hash.hex(), new ArrayList<>(merged));
      });
    }
  }

  private static List<PeerSource> sources(String endpointId, PeerInfo info) {
    List<PeerSource> out = new ArrayList<>();
    if (info == null || info.contact() == null) {
      return out;
    }
    for (URI u : info.contact().peerUrls()) {
      out.add(new PeerSource(endpointId, u));
    }
    return out;
  }

  private record Target(TempFile file, int index) {}
}
