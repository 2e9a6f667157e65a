package org.feedmesh.server.locators;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.lookup.BlobLayout;
import org.feedmesh.lookup.LookupService;
import org.feedmesh.lookup.PeerContact;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.accounts.Endpoint;
import org.feedmesh.server.journal.JournalEntry;
import org.feedmesh.server.journal.JournalListener;
import org.feedmesh.server.status.StatusEvent;
import org.feedmesh.server.status.StatusListener;
import org.feedmesh.server.status.StatusReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded blob lookup in step with what the feed server accepts (seed 003: "updating a
 * blob lookup service with blob locators"):
 *
 * <ul>
 *   <li>an accepted item version that names a blob makes its publishing endpoint a locator of the
 *       whole blob — when that endpoint wrote the version (its {@code by} is the topmost one); a
 *       relay that republishes another endpoint's version may not hold the bytes, so it is not;
 *   <li>an endpoint that reports the current version of an item {@code applied} holds its blob;
 *   <li>a revoked endpoint's locators go at once;
 *   <li>an endpoint's announcement of its peer addresses is a heartbeat carrying them.
 * </ul>
 *
 * <p>Every hook runs after the change committed, on the changing request's thread, so a locator is
 * registered by the time a publish is answered. The lookup is a hint: a failure here is logged and
 * never undoes or fails the publish, the report or the revocation that caused it.
 */
public final class BlobLocators implements JournalListener, StatusListener, AccountStore.Listener {
  private static final Logger log = LoggerFactory.getLogger(BlobLocators.class);

  private final LookupService lookup;

  public BlobLocators(LookupService lookup) {
    this.lookup = lookup;
  }

  @Override
  public void journaled(String namespace, List<JournalEntry> entries) {
    Map<String, List<BlobLayout>> byPublisher = new LinkedHashMap<>();
    for (JournalEntry e : entries) {
      if (e.publisher().equals(e.item().topmost().by())) {
        blobOf(e.item()).ifPresent(
            layout -> byPublisher.computeIfAbsent(e.publisher(), p -> new ArrayList<>()).add(layout));
      }
    }
    byPublisher.forEach((endpoint, layouts) -> register(endpoint, namespace, layouts));
  }

  /**
   * Registers {@code endpoint} as a holder of {@code layouts}, in one transaction. The lookup
   * takes such a batch whole or not at all, so when it refuses one blob (say, a block list that
   * differs from the one it knows for that blob id) each blob is registered on its own: the
   * others keep their locator.
   */
  private void register(String endpoint, String namespace, List<BlobLayout> layouts) {
    try {
      lookup.itemsPublished(endpoint, namespace, layouts);
    } catch (RuntimeException e) {
      for (BlobLayout layout : layouts) {
        guarded("register blob " + layout.id() + " of " + endpoint,
            () -> lookup.itemPublished(endpoint, namespace, layout));
      }
    }
  }

  @Override
  public void reported(String namespace, List<StatusEvent> events, Map<String, Item> current) {
    List<StatusEvent> applied =
        events.stream().filter(e -> e.result() == StatusReport.Result.APPLIED).toList();
    if (applied.isEmpty()) {
      return;
    }
    Map<String, List<BlobLayout>> byEndpoint = new LinkedHashMap<>();
    for (StatusEvent e : applied) {
      Optional.ofNullable(current.get(e.id()))
          .filter(c -> c.updates() == e.updates())
          .flatMap(BlobLocators::blobOf)
          .ifPresent(layout -> byEndpoint.computeIfAbsent(e.endpoint(), k -> new ArrayList<>()).add(layout));
    }
    byEndpoint.forEach((endpoint, layouts) -> register(endpoint, namespace, layouts));
  }

  @Override
  public void revoked(String endpointId) {
    guarded("drop the locators of revoked " + endpointId, () -> lookup.endpointRevoked(endpointId));
  }

  @Override
  public void announced(Endpoint endpoint) {
    List<URI> urls = new ArrayList<>();
    for (String address : endpoint.addresses()) {
      try {
        URI url = URI.create(address);
        PeerContact.of(List.of(url)); // the lookup's own rules for a peer URL
        urls.add(url);
      } catch (IllegalArgumentException e) {
        // One unusable address must not cost the endpoint its heartbeat: skip it, keep the rest.
        log.debug("endpoint {} announced an address the lookup cannot use: {}", endpoint.id(),
            address);
      }
    }
    guarded(
        "heartbeat of " + endpoint.id(),
        () ->
            lookup.heartbeat(
                endpoint.id(),
                urls.isEmpty() ? Optional.empty() : Optional.of(PeerContact.of(urls)),
                Optional.empty()));
  }

  /** The blob a live file version names; none for tombstones, directories and symlinks. */
  static Optional<BlobLayout> blobOf(Item item) {
    FileMeta file = item.payload().file();
    if (item.isDeleted() || file == null || file.kind() != FileKind.FILE) {
      return Optional.empty();
    }
    return Optional.of(BlobLayout.of(file));
  }

  private static void guarded(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("blob lookup: could not {}; the change itself is stored", what, e);
    }
  }
}
