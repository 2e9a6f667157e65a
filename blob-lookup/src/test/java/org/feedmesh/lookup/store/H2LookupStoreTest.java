package org.feedmesh.lookup.store;

import static org.feedmesh.lookup.TestData.blockOf;
import static org.feedmesh.lookup.TestData.layout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.feedmesh.lookup.BlobLayout;
import org.feedmesh.lookup.BlockRange;
import org.feedmesh.lookup.HeldBlocks;
import org.feedmesh.lookup.LookupException;
import org.feedmesh.lookup.PeerContact;
import org.feedmesh.lookup.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2LookupStoreTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final PeerContact CONTACT =
      PeerContact.of(List.of(URI.create("http://192.168.1.5:7070")));

  @TempDir Path dir;
  private TestDatabase db;
  private H2LookupStore store;

  @BeforeEach
  void open() {
    db = new TestDatabase(dir);
    store = new H2LookupStore(db.database());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private LocatorRegistration registration(
      BlobLayout layout, String endpoint, String ns, HeldBlocks held, Instant expires) {
    return new LocatorRegistration(
        layout.id(),
        Optional.of(layout),
        endpoint,
        ns,
        held,
        Optional.of(CONTACT),
        Optional.empty(),
        expires,
        NamespaceScope.everything());
  }

  private LocatorRegistration whole(BlobLayout layout, String endpoint, String ns) {
    return registration(layout, endpoint, ns, HeldBlocks.all(), T0.plusSeconds(600));
  }

  @Test
  void registeredBlobShowsItsBlocksAndHolder() {
    BlobLayout layout = layout("a", 3, 100);
    H2LookupStore.Registered r = store.register(whole(layout, "ep1", "photos"), T0);

    assertTrue(r.created());
    H2LookupStore.BlobView view =
        store.blob(layout.id(), NamespaceScope.everything(), T0, true).orElseThrow();
    assertEquals(layout.blocks(), view.blocks());
    assertEquals(300, view.blob().size());
    assertEquals(1, view.holders().size());
    HolderRow holder = view.holders().get(0);
    assertEquals("ep1", holder.endpointId());
    assertEquals(CONTACT, holder.contact());
    assertTrue(holder.held().isAll());
  }

  @Test
  void reRegisteringRefreshesButKeepsTheFirstRegistrationTime() {
    BlobLayout layout = layout("a", 1, 10);
    store.register(whole(layout, "ep1", "photos"), T0);
    H2LookupStore.Registered again =
        store.register(
            registration(layout, "ep1", "photos", HeldBlocks.all(), T0.plusSeconds(900)),
            T0.plusSeconds(60));

    assertFalse(again.created());
    assertEquals(T0, again.registeredAt());
    HolderRow h =
        store
            .blob(layout.id(), NamespaceScope.everything(), T0, false)
            .orElseThrow()
            .holders()
            .get(0);
    assertEquals(T0.plusSeconds(60), h.refreshedAt());
    assertEquals(T0.plusSeconds(900), h.expiresAt());
  }

  @Test
  void unknownBlobWithoutLayoutIsRefusedAndNothingIsStored() {
    BlobLayout layout = layout("a", 2, 10);
    LocatorRegistration bare =
        new LocatorRegistration(
            layout.id(),
            Optional.empty(),
            "ep1",
            "photos",
            HeldBlocks.all(),
            Optional.of(CONTACT),
            Optional.empty(),
            T0.plusSeconds(60),
            NamespaceScope.everything());

    LookupException e = assertThrows(LookupException.class, () -> store.register(bare, T0));
    assertEquals(LookupException.Reason.NOT_FOUND, e.reason());
    assertEquals(0, db.count("lookup_endpoint"));
    assertEquals(0, db.count("lookup_locator"));
  }

  @Test
  void aDifferentLayoutForAKnownBlobIsAConflictAndNothingIsStored() {
    BlobLayout layout = layout("a", 2, 10);
    store.register(whole(layout, "ep1", "photos"), T0);
    BlobLayout other = new BlobLayout(layout.id(), 20, layout("b", 2, 10).blocks());

    LookupException e =
        assertThrows(
            LookupException.class, () -> store.register(whole(other, "ep2", "photos"), T0));
    assertEquals(LookupException.Reason.CONFLICT, e.reason());
    assertEquals(1, db.count("lookup_locator"));
    assertEquals(1, db.count("lookup_endpoint"));
    assertEquals(2, db.count("lookup_block"));
  }

  @Test
  void heldBlocksPastTheEndAreRefusedAndNothingIsStored() {
    BlobLayout layout = layout("a", 4, 10);
    LocatorRegistration tooFar =
        registration(
            layout,
            "ep1",
            "photos",
            HeldBlocks.ranges(List.of(new BlockRange(2, 4))),
            T0.plusSeconds(60));

    LookupException e = assertThrows(LookupException.class, () -> store.register(tooFar, T0));
    assertEquals(LookupException.Reason.INVALID, e.reason());
    assertEquals(0, db.count("lookup_blob"));
    assertEquals(0, db.count("lookup_block"));
  }

  @Test
  void aKnownBlobCanBeRegisteredWithoutItsLayout() {
    BlobLayout layout = layout("a", 2, 10);
    store.register(whole(layout, "ep1", "photos"), T0);
    store.register(
        new LocatorRegistration(
            layout.id(),
            Optional.empty(),
            "ep2",
            "photos",
            HeldBlocks.all(),
            Optional.empty(),
            Optional.empty(),
            T0.plusSeconds(60),
            NamespaceScope.everything()),
        T0);

    assertEquals(
        2,
        store
            .blob(layout.id(), NamespaceScope.everything(), T0, false)
            .orElseThrow()
            .holders()
            .size());
  }

  @Test
  void expiredLocatorsNeverAppearInAnswers() {
    BlobLayout layout = layout("a", 2, 10);
    store.register(registration(layout, "ep1", "photos", HeldBlocks.all(), T0.plusSeconds(60)), T0);

    Instant later = T0.plusSeconds(60);
    assertTrue(
        store
            .blob(layout.id(), NamespaceScope.everything(), later, false)
            .orElseThrow()
            .holders()
            .isEmpty());
    assertTrue(
        store
            .batch(List.of(), List.of(blockOf("a", 0)), NamespaceScope.everything(), later, 8)
            .sources()
            .get(blockOf("a", 0))
            .isEmpty());
  }

  @Test
  void aHeartbeatLeaseKeepsEveryLocatorOfTheEndpointLive() {
    store.register(
        registration(layout("a", 1, 10), "ep1", "photos", HeldBlocks.all(), T0.plusSeconds(60)),
        T0);
    store.register(
        registration(layout("b", 1, 10), "ep1", "photos", HeldBlocks.all(), T0.plusSeconds(60)),
        T0);

    int count =
        store.heartbeat(
            "ep1", Optional.empty(), Optional.empty(), T0.plusSeconds(50), T0.plusSeconds(200));

    assertEquals(2, count);
    Instant afterOwnExpiry = T0.plusSeconds(150);
    HolderRow h =
        store
            .blob(TestData.blobId("b"), NamespaceScope.everything(), afterOwnExpiry, false)
            .orElseThrow()
            .holders()
            .get(0);
    assertEquals(T0.plusSeconds(200), h.expiresAt());
    assertEquals(T0.plusSeconds(50), h.refreshedAt());
    assertTrue(
        store
            .blob(TestData.blobId("a"), NamespaceScope.everything(), T0.plusSeconds(200), false)
            .orElseThrow()
            .holders()
            .isEmpty());
  }

  @Test
  void sweepPurgesLapsedLocatorsAndLaterTheBlobsNobodyHolds() {
    BlobLayout layout = layout("a", 3, 10);
    store.register(registration(layout, "ep1", "photos", HeldBlocks.all(), T0.plusSeconds(60)), T0);
    store.register(
        registration(layout("b", 1, 10), "ep2", "photos", HeldBlocks.all(), T0.plusSeconds(600)),
        T0);

    Instant t1 = T0.plusSeconds(61);
    H2LookupStore.Swept first = store.sweep(t1, T0, T0);
    assertEquals(1, first.locators());
    assertEquals(0, first.blobs());
    assertEquals(1, db.count("lookup_locator"));
    assertEquals(4, db.count("lookup_block"));

    H2LookupStore.Swept second = store.sweep(t1.plusSeconds(10), t1.plusSeconds(1), T0);
    assertEquals(1, second.blobs());
    assertEquals(1, db.count("lookup_blob"));
    assertEquals(1, db.count("lookup_block"));
    assertTrue(store.blob(layout.id(), NamespaceScope.everything(), t1, false).isEmpty());
  }

  @Test
  void reRegisteringAnUnheldBlobSavesItFromThePurge() {
    BlobLayout layout = layout("a", 1, 10);
    store.register(registration(layout, "ep1", "photos", HeldBlocks.all(), T0.plusSeconds(60)), T0);
    store.sweep(T0.plusSeconds(61), T0, T0);
    store.register(whole(layout, "ep2", "photos"), T0.plusSeconds(70));

    store.sweep(T0.plusSeconds(80), T0.plusSeconds(79), T0);
    assertEquals(1, db.count("lookup_blob"));
  }

  @Test
  void removingAnEndpointDropsAllItsLocatorsInChunks() {
    List<LocatorRegistration> many = new java.util.ArrayList<>();
    for (int i = 0; i < 1_100; i++) {
      many.add(whole(layout("f" + i, 1, 10), "ep1", "photos"));
    }
    store.registerAll(many, T0);
    store.register(whole(layout("f0", 1, 10), "ep2", "photos"), T0);

    assertEquals(1_100, store.removeEndpoint("ep1", T0));
    assertEquals(1, db.count("lookup_locator"));
    assertFalse(store.knowsEndpoint("ep1"));
    assertTrue(store.knowsEndpoint("ep2"));
    assertEquals(0, store.removeEndpoint("ep1", T0));
  }

  @Test
  void aBatchWithOneRefusedRegistrationStoresNothing() {
    BlobLayout good = layout("good", 1, 10);
    BlobLayout bad = layout("bad", 2, 10);
    LocatorRegistration pastEnd =
        registration(
            bad,
            "ep1",
            "photos",
            HeldBlocks.ranges(List.of(new BlockRange(5, 5))),
            T0.plusSeconds(60));

    assertThrows(
        LookupException.class,
        () -> store.registerAll(List.of(whole(good, "ep1", "photos"), pastEnd), T0));
    assertEquals(0, db.count("lookup_blob"));
    assertEquals(0, db.count("lookup_locator"));
  }

  @Test
  void removingOneLocatorLeavesTheOthers() {
    BlobLayout layout = layout("a", 1, 10);
    store.register(whole(layout, "ep1", "photos"), T0);
    store.register(whole(layout, "ep1", "music"), T0);
    store.register(whole(layout, "ep2", "photos"), T0);

    assertTrue(store.removeLocator(layout.id(), "ep1", Optional.of("music"), T0));
    assertEquals(2, db.count("lookup_locator"));
    assertTrue(store.removeLocator(layout.id(), "ep1", Optional.empty(), T0));
    assertFalse(store.removeLocator(layout.id(), "ep1", Optional.empty(), T0));
    assertEquals(1, db.count("lookup_locator"));
  }

  @Test
  void aBlobOutsideTheCallersNamespacesIsNotFound() {
    BlobLayout layout = layout("a", 1, 10);
    store.register(whole(layout, "ep1", "photos"), T0);

    assertTrue(store.blob(layout.id(), NamespaceScope.of(Set.of("music")), T0, false).isEmpty());
    assertTrue(store.blob(layout.id(), NamespaceScope.of(Set.of("photos")), T0, false).isPresent());
  }

  @Test
  void onlyLocatorsOfReadableNamespacesAreShown() {
    BlobLayout layout = layout("a", 1, 10);
    store.register(whole(layout, "ep1", "photos"), T0);
    store.register(whole(layout, "ep2", "music"), T0);

    List<HolderRow> holders =
        store
            .blob(layout.id(), NamespaceScope.of(Set.of("music")), T0, false)
            .orElseThrow()
            .holders();
    assertEquals(List.of("ep2"), holders.stream().map(HolderRow::endpointId).toList());
  }

  @Test
  void aBlockSharedByManyBlobsStillFindsTheOneTheCallerMaySee() {
    BlobLayout visible = layout("shared-visible", 1, 10);
    for (int i = 0; i < 30; i++) {
      BlobLayout hidden = new BlobLayout(TestData.blobId("hidden" + i), 10, visible.blocks());
      store.register(whole(hidden, "ep1", "secret"), T0);
    }
    store.register(whole(visible, "ep2", "photos"), T0.minusSeconds(10));

    var rows =
        store.batch(
            List.of(),
            List.of(visible.blocks().get(0).hash()),
            NamespaceScope.of(Set.of("photos")),
            T0,
            4);
    List<BlockSource> sources = rows.sources().get(visible.blocks().get(0).hash());
    assertEquals(1, sources.size());
    assertEquals(visible.id(), rows.blobsByKey().get(sources.get(0).blobKey()).id());
    assertEquals(
        4,
        store
            .batch(
                List.of(),
                List.of(visible.blocks().get(0).hash()),
                NamespaceScope.everything(),
                T0,
                4)
            .sources()
            .get(visible.blocks().get(0).hash())
            .size());
  }

  @Test
  void aPartialHolderKeepsExactlyItsBlocks() {
    BlobLayout layout = layout("a", 20, 10);
    HeldBlocks some = HeldBlocks.ranges(List.of(new BlockRange(0, 2), new BlockRange(9, 9)));
    store.register(registration(layout, "ep1", "photos", some, T0.plusSeconds(60)), T0);

    HolderRow h =
        store
            .blob(layout.id(), NamespaceScope.everything(), T0, false)
            .orElseThrow()
            .holders()
            .get(0);
    assertEquals(some, h.held());
    assertEquals(4, h.heldCount());
    assertTrue(h.holds(9));
    assertFalse(h.holds(3));
  }

  @Test
  void batchFindsBlobsAndBlocksWithTheirPositions() {
    BlobLayout a = layout("a", 5, 100);
    store.register(whole(a, "ep1", "photos"), T0);

    var rows =
        store.batch(
            List.of(a.id(), TestData.blobId("unknown")),
            List.of(blockOf("a", 3), TestData.blockHash("nowhere")),
            NamespaceScope.everything(),
            T0,
            8);
    assertEquals(Set.of(a.id()), rows.blobs().keySet());
    BlockSource s = rows.sources().get(blockOf("a", 3)).get(0);
    assertEquals(3, s.index());
    assertEquals(300, s.offset());
    assertEquals(100, s.size());
    assertTrue(rows.sources().get(TestData.blockHash("nowhere")).isEmpty());
    assertEquals(1, rows.holdersByBlobKey().get(s.blobKey()).size());
  }

  @Test
  void handOutsFadeAfterTwoWindows() {
    store.register(whole(layout("a", 1, 10), "ep1", "photos"), T0);
    Duration w = Duration.ofMinutes(5);
    store.countHandouts(Map.of("ep1", 3L), T0, w);
    store.countHandouts(Map.of("ep1", 2L), T0.plusSeconds(1), w);

    assertEquals(5L, store.recentHandouts(List.of("ep1"), T0.plusSeconds(2), w).get("ep1"));
    store.countHandouts(Map.of("ep1", 1L), T0.plus(w), w);
    assertEquals(6L, store.recentHandouts(List.of("ep1"), T0.plus(w), w).get("ep1"));
    assertEquals(
        1L, store.recentHandouts(List.of("ep1"), T0.plus(w.multipliedBy(2)), w).get("ep1"));
    assertEquals(
        0L, store.recentHandouts(List.of("ep1"), T0.plus(w.multipliedBy(3)), w).get("ep1"));
  }
}
