package org.feedmesh.lookup.api;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedmesh.lookup.BatchAnswer;
import org.feedmesh.lookup.BlobAnswer;
import org.feedmesh.lookup.BlobId;
import org.feedmesh.lookup.Block;
import org.feedmesh.lookup.BlockHash;
import org.feedmesh.lookup.BlockLocation;
import org.feedmesh.lookup.Lease;
import org.feedmesh.lookup.LocatorInfo;
import org.feedmesh.lookup.PeerContact;
import org.feedmesh.lookup.PeerInfo;
import org.feedmesh.lookup.Registration;

/**
 * Answers between the domain and their JSON form: written by the resources, read back by {@link
 * org.feedmesh.lookup.client.LookupClient}. Reading throws {@link IllegalArgumentException} (or
 * {@link java.time.format.DateTimeParseException}) for an answer that breaks the format.
 */
public final class WireAnswers {
  private WireAnswers() {}

  // ---- domain → JSON (server) ----

  public static BlobJson json(BlobAnswer a, boolean withBlocks) {
    return new BlobJson(
        a.id().hex(),
        a.size(),
        a.blockCount(),
        withBlocks ? a.blocks().stream().map(WireAnswers::json).toList() : null,
        a.locators().stream().map(WireAnswers::json).toList());
  }

  static BlockJson json(Block b) {
    return new BlockJson(b.index(), b.offset(), b.size(), b.hash().hex());
  }

  static LocatorJson json(LocatorInfo l) {
    return new LocatorJson(
        l.endpointId(),
        l.namespaces(),
        WireRequests.urls(l.contact()),
        l.contact().lanId().orElse(null),
        WireRequests.ranges(l.held()),
        l.heldCount(),
        l.registeredAt().toString(),
        l.refreshedAt().toString(),
        l.expiresAt().toString(),
        l.sameNetwork());
  }

  public static RegistrationJson json(Registration r) {
    return new RegistrationJson(
        r.blobId().hex(),
        r.endpointId(),
        r.namespace(),
        WireRequests.ranges(r.held()),
        r.heldCount(),
        r.registeredAt().toString(),
        r.refreshedAt().toString(),
        r.expiresAt().toString(),
        r.created());
  }

  public static LeaseJson json(Lease l) {
    return new LeaseJson(l.endpointId(), l.expiresAt().toString(), l.locators());
  }

  public static LookupAnswerJson json(BatchAnswer a) {
    Map<String, BlobJson> blobs = new LinkedHashMap<>();
    a.blobs().forEach((id, blob) -> blobs.put(id.hex(), json(blob, false)));
    Map<String, List<BlockLocationJson>> blocks = new LinkedHashMap<>();
    a.blocks()
        .forEach(
            (hash, places) ->
                blocks.put(
                    hash.hex(),
                    places.stream()
                        .map(
                            p ->
                                new BlockLocationJson(
                                    p.blobId().hex(),
                                    p.index(),
                                    p.offset(),
                                    p.size(),
                                    p.endpointIds()))
                        .toList()));
    Map<String, PeerJson> endpoints = new LinkedHashMap<>();
    a.endpoints()
        .forEach(
            (id, p) ->
                endpoints.put(
                    id,
                    new PeerJson(
                        WireRequests.urls(p.contact()),
                        p.contact().lanId().orElse(null),
                        p.refreshedAt().toString(),
                        p.expiresAt().toString(),
                        p.sameNetwork())));
    return new LookupAnswerJson(blobs, blocks, endpoints, a.unknown());
  }

  // ---- JSON → domain (client) ----

  public static BlobAnswer blob(BlobJson j) {
    BlobId id = new BlobId(j.blobId());
    List<Block> blocks = new ArrayList<>();
    for (BlockJson b : j.blocks() == null ? List.<BlockJson>of() : j.blocks()) {
      blocks.add(new Block(b.index(), b.offset(), b.size(), new BlockHash(b.hash())));
    }
    List<LocatorInfo> locators = new ArrayList<>();
    for (LocatorJson l : j.locators()) {
      locators.add(
          new LocatorInfo(
              l.endpointId(),
              l.namespaces(),
              contact(l.peerUrls(), l.lanId()),
              WireRequests.held(l.held()),
              l.heldCount(),
              Instant.parse(l.registeredAt()),
              Instant.parse(l.refreshedAt()),
              Instant.parse(l.expiresAt()),
              l.sameNetwork()));
    }
    return new BlobAnswer(id, j.size(), j.blockCount(), blocks, locators);
  }

  public static Registration registration(RegistrationJson j) {
    return new Registration(
        new BlobId(j.blobId()),
        j.endpointId(),
        j.namespace(),
        WireRequests.held(j.held()),
        j.heldCount(),
        Instant.parse(j.registeredAt()),
        Instant.parse(j.refreshedAt()),
        Instant.parse(j.expiresAt()),
        j.created());
  }

  public static Lease lease(LeaseJson j) {
    return new Lease(j.endpointId(), Instant.parse(j.expiresAt()), j.locators());
  }

  public static BatchAnswer batch(LookupAnswerJson j) {
    Map<BlobId, BlobAnswer> blobs = new LinkedHashMap<>();
    j.blobs().forEach((id, b) -> blobs.put(new BlobId(id), blob(b)));
    Map<BlockHash, List<BlockLocation>> blocks = new LinkedHashMap<>();
    j.blocks()
        .forEach(
            (hash, places) ->
                blocks.put(
                    new BlockHash(hash),
                    places.stream()
                        .map(
                            p ->
                                new BlockLocation(
                                    new BlobId(p.blobId()),
                                    p.index(),
                                    p.offset(),
                                    p.size(),
                                    p.endpoints()))
                        .toList()));
    Map<String, PeerInfo> endpoints = new LinkedHashMap<>();
    j.endpoints()
        .forEach(
            (id, p) ->
                endpoints.put(
                    id,
                    new PeerInfo(
                        id,
                        contact(p.peerUrls(), p.lanId()),
                        Instant.parse(p.refreshedAt()),
                        Instant.parse(p.expiresAt()),
                        p.sameNetwork())));
    return new BatchAnswer(blobs, blocks, endpoints, j.unknown());
  }

  private static PeerContact contact(List<String> urls, String lanId) {
    return new PeerContact(urls.stream().map(URI::create).toList(), Optional.ofNullable(lanId));
  }
}
