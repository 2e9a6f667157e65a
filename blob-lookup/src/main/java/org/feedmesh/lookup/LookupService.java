package org.feedmesh.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.feedmesh.lookup.rank.Asker;
import org.feedmesh.lookup.rank.HolderRanking;
import org.feedmesh.lookup.store.H2LookupStore;
import org.feedmesh.lookup.store.LocatorRegistration;
import org.feedmesh.lookup.store.NamespaceScope;
import org.feedmesh.platform.auth.Access;
import org.feedmesh.platform.auth.Caller;

/**
 * The blob lookup: who holds which blob and which of its blocks. The one entry point for the feed
 * server (in-process, trusted calls: {@link #itemPublished}, {@link #itemApplied}, {@link
 * #endpointRevoked}, {@link #heartbeat(String, Optional, Optional)}) and for the HTTP resources
 * (calls that take the {@link Caller} and check what it may do).
 *
 * <p>Access: a blob exists for a caller only if the caller can read a namespace the blob appears in
 * (else NOT_FOUND, the same answer as for an unknown blob); of its locators, the caller sees those
 * registered under namespaces it can read. The admin sees everything. Only an endpoint itself, or
 * the admin (the feed server on an endpoint's behalf), registers, refreshes or removes an
 * endpoint's locators; an endpoint registers only into namespaces it can write.
 *
 * <p>Thread-safe. Failures are {@link LookupException}s (or the platform's DatabaseException).
 */
public final class LookupService {
  private final H2LookupStore store;
  private final LookupSettings settings;
  private final Clock clock;
  private final EndpointDirectory directory;
  private final BlobFinder finder;

  public LookupService(
      H2LookupStore store, LookupSettings settings, Clock clock, EndpointDirectory directory) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.finder = new BlobFinder(store, new HolderRanking(settings.freshnessStep()), settings);
  }

  public LookupSettings settings() {
    return settings;
  }

  // ---- In-process calls from the feed server (already authorized there) ----

  /**
   * The feed server accepted an item version published by {@code endpointId} whose payload names
   * this blob: the publisher holds the whole blob. Contact and ttl are the endpoint's last ones
   * (default ttl).
   */
  public Registration itemPublished(String endpointId, String namespace, BlobLayout layout) {
    return itemsPublished(endpointId, namespace, List.of(layout)).get(0);
  }

  /** {@link #itemPublished} for all blobs of one accepted feed, in one transaction. */
  public List<Registration> itemsPublished(
      String endpointId, String namespace, List<BlobLayout> layouts) {
    Names.requireEndpointId(endpointId);
    Names.requireNamespace(namespace);
    Instant now = clock.instant();
    List<LocatorRegistration> registrations = new ArrayList<>(layouts.size());
    for (BlobLayout layout : layouts) {
      LocatorRequest request = LocatorRequest.wholeBlob(namespace, layout);
      registrations.add(
          toRegistration(
              layout.id(),
              endpointId,
              request,
              Optional.empty(),
              now,
              NamespaceScope.everything()));
    }
    List<H2LookupStore.Registered> stored = store.registerAll(registrations, now);
    List<Registration> out = new ArrayList<>(stored.size());
    for (int i = 0; i < stored.size(); i++) {
      out.add(registration(registrations.get(i), stored.get(i), now));
    }
    return out;
  }

  /** An endpoint reported an item version applied: it now holds the whole blob. */
  public Registration itemApplied(String endpointId, String namespace, BlobLayout layout) {
    return itemPublished(endpointId, namespace, layout);
  }

  /**
   * The endpoint no longer holds this blob (say it deleted or replaced the only file with this
   * content): its locators of the blob go, in every namespace. Returns whether there were any.
   */
  public boolean blobDropped(String endpointId, BlobId blobId) {
    return store.removeLocator(blobId, endpointId, Optional.empty(), clock.instant());
  }

  /** The endpoint was revoked: all its locators go. Returns how many. */
  public int endpointRevoked(String endpointId) {
    return store.removeEndpoint(endpointId, clock.instant());
  }

  /**
   * The endpoint is alive (and, when given, reachable at {@code contact}): all its locators stay
   * live for {@code ttl} (default ttl when empty, cut to the maximum).
   */
  public Lease heartbeat(String endpointId, Optional<PeerContact> contact, Optional<Duration> ttl) {
    Names.requireEndpointId(endpointId);
    return lease(endpointId, contact, ttl, Optional.empty());
  }

  /** Purges what is no longer live (the sweeper calls this periodically). */
  public H2LookupStore.Swept sweep() {
    Instant now = clock.instant();
    return store.sweep(
        now,
        now.minus(settings.blobRetention()),
        now.minus(settings.handoutWindow().multipliedBy(2)));
  }

  // ---- Calls made for an authenticated caller (the HTTP resources) ----

  /**
   * Registers or refreshes {@code endpointId}'s locator of {@code blobId}.
   *
   * @param seenAddress the address the request came from, kept as a network hint when the endpoint
   *     itself registers
   * @throws LookupException FORBIDDEN when the caller may not act for the endpoint or write the
   *     namespace; NOT_FOUND for an unknown endpoint, or an unknown blob without a layout; INVALID
   *     for a request over the limits; CONFLICT for a layout that differs from the known one
   */
  public Registration register(
      Caller caller,
      BlobId blobId,
      String endpointId,
      LocatorRequest request,
      Optional<String> seenAddress) {
    Names.requireEndpointId(endpointId);
    Names.requireNamespace(request.namespace());
    requireMayActFor(caller, endpointId);
    if (!caller.canWrite(request.namespace())) {
      throw LookupException.forbidden(
          "endpoint '"
              + caller.id()
              + "' may not write namespace '"
              + request.namespace()
              + "', so it may not register blobs in it");
    }
    requireExists(caller, endpointId);
    Instant now = clock.instant();
    LocatorRegistration r =
        toRegistration(
            blobId,
            endpointId,
            request,
            caller.isAdmin() ? Optional.empty() : seenAddress,
            now,
            scope(caller));
    return registration(r, store.register(r, now), now);
  }

  /**
   * Removes {@code endpointId}'s locator of {@code blobId} (under one namespace, or all).
   *
   * @throws LookupException NOT_FOUND when there was none
   */
  public void remove(Caller caller, BlobId blobId, String endpointId, Optional<String> namespace) {
    Names.requireEndpointId(endpointId);
    namespace.ifPresent(Names::requireNamespace);
    requireMayActFor(caller, endpointId);
    if (!store.removeLocator(blobId, endpointId, namespace, clock.instant())) {
      throw LookupException.notFound(
          "endpoint '"
              + endpointId
              + "' has no locator of blob "
              + blobId
              + namespace.map(ns -> " in namespace '" + ns + "'").orElse(""));
    }
  }

  /** The caller's heartbeat for {@code endpointId} (itself, or any endpoint for the admin). */
  public Lease heartbeat(
      Caller caller,
      String endpointId,
      Optional<PeerContact> contact,
      Optional<Duration> ttl,
      Optional<String> seenAddress) {
    Names.requireEndpointId(endpointId);
    requireMayActFor(caller, endpointId);
    requireExists(caller, endpointId);
    return lease(endpointId, contact, ttl, caller.isAdmin() ? Optional.empty() : seenAddress);
  }

  /**
   * The blob's size, block list (when {@code withBlocks}) and live locators the caller may see,
   * best first; counts a hand-out for the first.
   *
   * @param lanId the LAN id the asker announces
   * @param addresses the asker's addresses (where the request came from, and any it declared)
   * @throws LookupException NOT_FOUND when the blob is unknown or in no namespace the caller reads
   */
  public BlobAnswer blob(
      Caller caller,
      BlobId blobId,
      Optional<String> lanId,
      List<String> addresses,
      boolean withBlocks) {
    Instant now = clock.instant();
    return store
        .blob(blobId, scope(caller), now, withBlocks)
        .map(view -> finder.blob(view, asker(caller, lanId, addresses), now))
        .orElseThrow(() -> LookupException.notFound("no blob " + blobId + " here"));
  }

  /**
   * Answers many blob ids and block hashes at once (at most {@code maxBatchIds} in all).
   *
   * @throws LookupException INVALID for a batch over the limit
   */
  public BatchAnswer lookup(Caller caller, BatchQuery query) {
    int asked = query.blobs().size() + query.blocks().size();
    if (asked > settings.maxBatchIds()) {
      throw new LookupException(
          LookupException.Reason.INVALID,
          "a batch lookup asks for at most "
              + settings.maxBatchIds()
              + " blob ids and block hashes, this one for "
              + asked,
          Map.of("limit", settings.maxBatchIds()));
    }
    List<BlobId> blobs = query.blobs().stream().distinct().toList();
    List<BlockHash> blocks = query.blocks().stream().distinct().toList();
    BatchQuery distinct = new BatchQuery(blobs, blocks, query.lanId(), query.addresses());
    Instant now = clock.instant();
    var rows = store.batch(blobs, blocks, scope(caller), now, settings.maxSourcesPerBlock());
    return finder.batch(rows, distinct, asker(caller, query.lanId(), query.addresses()), now);
  }

  // ---- Rules ----

  private static void requireMayActFor(Caller caller, String endpointId) {
    if (!caller.isAdmin() && !caller.id().equals(endpointId)) {
      throw LookupException.forbidden(
          "endpoint '"
              + caller.id()
              + "' may only manage its own locators, not those of '"
              + endpointId
              + "'");
    }
  }

  /** The endpoint a caller acts for must exist; an endpoint acting for itself evidently does. */
  private void requireExists(Caller caller, String endpointId) {
    if (caller.isAdmin() && !directory.exists(endpointId)) {
      throw new LookupException(
          LookupException.Reason.NOT_FOUND,
          "unknown endpoint '" + endpointId + "'",
          Map.of("endpoint", endpointId));
    }
  }

  static NamespaceScope scope(Caller caller) {
    if (caller.isAdmin()) {
      return NamespaceScope.everything();
    }
    Set<String> readable =
        caller.namespaces().entrySet().stream()
            .filter(e -> e.getValue().contains(Access.READ))
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    return NamespaceScope.of(readable);
  }

  private static Asker asker(Caller caller, Optional<String> lanId, List<String> addresses) {
    Optional<String> self = caller.isAdmin() ? Optional.empty() : Optional.of(caller.id());
    return new Asker(self, lanId, addresses);
  }

  private Lease lease(
      String endpointId,
      Optional<PeerContact> contact,
      Optional<Duration> ttl,
      Optional<String> seenAddress) {
    checkContact(contact);
    Instant now = clock.instant();
    Instant until = now.plus(grantedTtl(ttl));
    int count = store.heartbeat(endpointId, contact, seenAddress, now, until);
    return new Lease(endpointId, until, count);
  }

  private LocatorRegistration toRegistration(
      BlobId blobId,
      String endpointId,
      LocatorRequest request,
      Optional<String> seenAddress,
      Instant now,
      NamespaceScope registrantScope) {
    checkContact(request.contact());
    request.layout().ifPresent(this::checkLayout);
    if (request.held().highestIndex() >= settings.maxBlocksPerBlob()) {
      throw LookupException.invalid(
          "held block "
              + request.held().highestIndex()
              + " is past the most blocks a blob may have ("
              + settings.maxBlocksPerBlob()
              + ")");
    }
    return new LocatorRegistration(
        blobId,
        request.layout(),
        endpointId,
        request.namespace(),
        request.held(),
        request.contact(),
        seenAddress,
        now.plus(grantedTtl(request.ttl())),
        registrantScope);
  }

  private static Registration registration(
      LocatorRegistration r, H2LookupStore.Registered s, Instant now) {
    int blockCount = s.blob().blockCount();
    HeldBlocks held = r.held().count(blockCount) == blockCount ? HeldBlocks.all() : r.held();
    return new Registration(
        r.blobId(),
        r.endpointId(),
        r.namespace(),
        held,
        held.count(blockCount),
        s.registeredAt(),
        now,
        r.expiresAt(),
        s.created());
  }

  /** The ttl to grant: the default when none was asked for, never more than the maximum. */
  Duration grantedTtl(Optional<Duration> asked) {
    Duration ttl = asked.orElse(settings.defaultTtl());
    if (ttl.isNegative() || ttl.isZero()) {
      throw LookupException.invalid("a ttl must be positive, got " + ttl.toSeconds() + " s");
    }
    return ttl.compareTo(settings.maxTtl()) > 0 ? settings.maxTtl() : ttl;
  }

  private void checkLayout(BlobLayout layout) {
    if (layout.blockCount() > settings.maxBlocksPerBlob()) {
      throw LookupException.invalid(
          "blob "
              + layout.id()
              + " lists "
              + layout.blockCount()
              + " blocks, more than the "
              + settings.maxBlocksPerBlob()
              + " allowed");
    }
    for (Block b : layout.blocks()) {
      if (b.size() > settings.maxBlockSize()) {
        throw LookupException.invalid(
            "block "
                + b.index()
                + " of blob "
                + layout.id()
                + " has "
                + b.size()
                + " bytes, more than the "
                + settings.maxBlockSize()
                + " allowed");
      }
    }
  }

  private void checkContact(Optional<PeerContact> contact) {
    if (contact.isPresent() && contact.get().peerUrls().size() > settings.maxPeerUrls()) {
      throw LookupException.invalid(
          "an endpoint announces at most "
              + settings.maxPeerUrls()
              + " peer URLs, got "
              + contact.get().peerUrls().size());
    }
  }
}
