package org.feedmesh.lookup.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.feedmesh.lookup.BatchQuery;
import org.feedmesh.lookup.BlobId;
import org.feedmesh.lookup.BlobLayout;
import org.feedmesh.lookup.Block;
import org.feedmesh.lookup.BlockHash;
import org.feedmesh.lookup.BlockRange;
import org.feedmesh.lookup.HeldBlocks;
import org.feedmesh.lookup.LocatorRequest;
import org.feedmesh.lookup.LookupException;
import org.feedmesh.lookup.Names;
import org.feedmesh.lookup.PeerContact;

/**
 * Request bodies between their JSON form and the domain. Reading (server side) refuses anything
 * malformed with {@link LookupException} INVALID and a message naming the field; writing (client
 * side) cannot fail.
 */
public final class WireRequests {
  private WireRequests() {}

  // ---- JSON → domain (server) ----

  public static LocatorRequest locatorRequest(BlobId blobId, LocatorPutJson json) {
    requireBody(json);
    String namespace = Names.requireNamespace(json.namespace());
    Optional<PeerContact> contact = contact(json.peerUrls(), json.lanId());
    Optional<BlobLayout> layout = layout(blobId, json.size(), json.blocks());
    HeldBlocks held = held(json.held());
    return new LocatorRequest(namespace, contact, layout, held, ttl(json.ttlSeconds()));
  }

  public static BatchQuery batchQuery(LookupJson json, Optional<String> remoteAddress) {
    requireBody(json);
    List<BlobId> blobs = new ArrayList<>();
    for (String id : orEmpty(json.blobs())) {
      blobs.add(Names.requireBlobId(id));
    }
    List<BlockHash> blocks = new ArrayList<>();
    for (String hash : orEmpty(json.blocks())) {
      blocks.add(Names.requireBlockHash(hash));
    }
    if (blobs.isEmpty() && blocks.isEmpty()) {
      throw LookupException.invalid("a batch lookup names at least one blob id or block hash");
    }
    List<String> addresses = new ArrayList<>();
    remoteAddress.ifPresent(addresses::add);
    for (String a : orEmpty(json.addresses())) {
      if (a == null || a.length() > 64) {
        throw LookupException.invalid("an address is an IP literal of at most 64 characters");
      }
      addresses.add(a);
    }
    return new BatchQuery(blobs, blocks, lanId(json.lanId()), addresses);
  }

  /** A contact is announced by sending {@code peerUrls} (with the optional {@code lanId}). */
  public static Optional<PeerContact> contact(List<String> peerUrls, String lanId) {
    if (peerUrls == null) {
      if (lanId != null) {
        throw LookupException.invalid(
            "lanId is part of the endpoint's contact: send peerUrls" + " with it");
      }
      return Optional.empty();
    }
    List<URI> urls = new ArrayList<>();
    for (String u : peerUrls) {
      try {
        urls.add(new URI(u));
      } catch (URISyntaxException | NullPointerException e) {
        throw LookupException.invalid("peer URL \"" + u + "\" is not a URL");
      }
    }
    try {
      return Optional.of(new PeerContact(urls, Optional.ofNullable(lanId)));
    } catch (IllegalArgumentException e) {
      throw LookupException.invalid(e.getMessage());
    }
  }

  /** The LAN id an asker announces, checked like a contact's. */
  public static Optional<String> lanId(String lanId) {
    if (lanId == null) {
      return Optional.empty();
    }
    try {
      return new PeerContact(List.of(), Optional.of(lanId)).lanId();
    } catch (IllegalArgumentException e) {
      throw LookupException.invalid(e.getMessage());
    }
  }

  public static Optional<Duration> ttl(Long seconds) {
    if (seconds == null) {
      return Optional.empty();
    }
    if (seconds <= 0) {
      throw LookupException.invalid("ttlSeconds must be positive, got " + seconds);
    }
    return Optional.of(Duration.ofSeconds(Math.min(seconds, Long.MAX_VALUE / 1_000_000_000L)));
  }

  static Optional<BlobLayout> layout(BlobId blobId, Long size, List<BlockJson> blocks) {
    if (size == null && blocks == null) {
      return Optional.empty();
    }
    if (size == null || blocks == null) {
      throw LookupException.invalid(
          "give both size and blocks (the blob's whole block list),"
              + " or neither for a blob the lookup already knows");
    }
    List<Block> list = new ArrayList<>(blocks.size());
    for (int i = 0; i < blocks.size(); i++) {
      list.add(block(i, blocks.get(i)));
    }
    try {
      return Optional.of(new BlobLayout(blobId, size, list));
    } catch (IllegalArgumentException e) {
      throw LookupException.invalid("invalid block list: " + e.getMessage());
    }
  }

  private static Block block(int position, BlockJson b) {
    if (b == null || b.offset() == null || b.size() == null || b.hash() == null) {
      throw LookupException.invalid("block " + position + " needs offset, size and hash");
    }
    if (b.index() != null && b.index() != position) {
      throw LookupException.invalid(
          "block at position "
              + position
              + " says index "
              + b.index()
              + ": blocks are listed in order");
    }
    BlockHash hash = Names.requireBlockHash(b.hash());
    try {
      return new Block(position, b.offset(), b.size(), hash);
    } catch (IllegalArgumentException e) {
      throw LookupException.invalid(e.getMessage());
    }
  }

  static HeldBlocks held(List<List<Integer>> ranges) {
    if (ranges == null) {
      return HeldBlocks.all();
    }
    List<BlockRange> list = new ArrayList<>(ranges.size());
    for (List<Integer> r : ranges) {
      if (r == null || r.size() != 2 || r.get(0) == null || r.get(1) == null) {
        throw LookupException.invalid(
            "held ranges are pairs [first, last] of block indexes," + " got " + r);
      }
      try {
        list.add(new BlockRange(r.get(0), r.get(1)));
      } catch (IllegalArgumentException e) {
        throw LookupException.invalid(e.getMessage());
      }
    }
    try {
      return HeldBlocks.ranges(list);
    } catch (IllegalArgumentException e) {
      throw LookupException.invalid(e.getMessage());
    }
  }

  private static void requireBody(Object json) {
    if (json == null) {
      throw LookupException.invalid("this request needs a JSON body");
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  // ---- domain → JSON (client) ----

  public static LocatorPutJson json(LocatorRequest r) {
    Long size = r.layout().map(BlobLayout::size).orElse(null);
    List<BlockJson> blocks = r.layout().map(WireRequests::blocks).orElse(null);
    return new LocatorPutJson(
        r.namespace(),
        r.contact().map(WireRequests::urls).orElse(null),
        r.contact().flatMap(PeerContact::lanId).orElse(null),
        size,
        blocks,
        ranges(r.held()),
        r.ttl().map(Duration::toSeconds).orElse(null));
  }

  public static LookupJson json(BatchQuery q) {
    return new LookupJson(
        q.blobs().stream().map(BlobId::hex).toList(),
        q.blocks().stream().map(BlockHash::hex).toList(),
        q.lanId().orElse(null),
        q.addresses().isEmpty() ? null : q.addresses());
  }

  public static HeartbeatJson heartbeat(Optional<PeerContact> contact, Optional<Duration> ttl) {
    return new HeartbeatJson(
        contact.map(WireRequests::urls).orElse(null),
        contact.flatMap(PeerContact::lanId).orElse(null),
        ttl.map(Duration::toSeconds).orElse(null));
  }

  static List<BlockJson> blocks(BlobLayout layout) {
    return layout.blocks().stream()
        .map(b -> new BlockJson(b.index(), b.offset(), b.size(), b.hash().hex()))
        .toList();
  }

  static List<String> urls(PeerContact c) {
    return c.peerUrls().stream().map(URI::toString).toList();
  }

  /** Held blocks as {@code [[first, last], ...]}; null for the whole blob. */
  static List<List<Integer>> ranges(HeldBlocks held) {
    return held.someRanges()
        .map(list -> list.stream().map(r -> List.of(r.first(), r.last())).toList())
        .orElse(null);
  }
}
