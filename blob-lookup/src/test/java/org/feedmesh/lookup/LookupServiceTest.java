package org.feedmesh.lookup;

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
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.lookup.store.H2LookupStore;
import org.feedmesh.lookup.store.TestDatabase;
import org.feedmesh.platform.auth.Access;
import org.feedmesh.platform.auth.Caller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process calls the feed server makes, on a real H2 file. */
class LookupServiceTest {
  private static final LookupSettings SETTINGS =
      LookupSettings.builder()
          .defaultTtl(Duration.ofMinutes(10))
          .maxTtl(Duration.ofHours(1))
          .blobRetention(Duration.ofDays(1))
          .build();

  @TempDir Path dir;
  private TestDatabase db;
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private LookupService service;
  private final Caller reader =
      Caller.endpoint("phone", Map.of("photos", Set.of(Access.READ)), false);

  @BeforeEach
  void open() {
    db = new TestDatabase(dir);
    service = new LookupService(new H2LookupStore(db.database()), SETTINGS, clock, id -> true);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private List<String> holders(BlobId id) {
    return service.blob(reader, id, Optional.empty(), List.of(), false).locators().stream()
        .map(LocatorInfo::endpointId)
        .toList();
  }

  @Test
  void aPublishedAndAnAppliedItemMakeTheirEndpointsHolders() {
    BlobLayout a = layout("a", 2, 100);
    Registration published = service.itemPublished("laptop", "photos", a);
    service.itemApplied("desktop", "photos", a);

    assertTrue(published.created());
    assertEquals(clock.instant().plus(SETTINGS.defaultTtl()), published.expiresAt());
    assertEquals(List.of("desktop", "laptop"), holders(a.id()).stream().sorted().toList());
  }

  @Test
  void allBlobsOfOneFeedAreRegisteredTogether() {
    List<BlobLayout> feed = List.of(layout("a", 1, 10), layout("b", 3, 10), layout("c", 2, 10));
    assertEquals(3, service.itemsPublished("laptop", "photos", feed).size());
    feed.forEach(l -> assertEquals(List.of("laptop"), holders(l.id())));
  }

  @Test
  void aFileMetaGivesTheLayoutOfItsBlob() {
    BlobLayout a = layout("a", 2, 100);
    FileMeta file =
        FileMeta.file(
            "pics/a.jpg",
            200,
            clock.instant(),
            0644,
            a.id().hex(),
            a.blocks().stream()
                .map(b -> new org.feedmesh.feedsync.fm.Block(b.offset(), b.size(), b.hash().hex()))
                .toList());

    assertEquals(a, BlobLayout.of(file));
    assertThrows(
        IllegalArgumentException.class,
        () -> BlobLayout.of(FileMeta.dir("pics", clock.instant(), 0755)));
  }

  @Test
  void aHeartbeatKeepsAllLocatorsOfTheEndpointAndUpdatesItsContact() {
    BlobLayout a = layout("a", 1, 10);
    service.itemPublished("laptop", "photos", a);
    clock.advance(Duration.ofMinutes(9));
    PeerContact contact =
        new PeerContact(List.of(URI.create("http://192.168.1.9:7070")), Optional.of("home"));

    Lease lease = service.heartbeat("laptop", Optional.of(contact), Optional.empty());
    clock.advance(Duration.ofMinutes(5));

    assertEquals(1, lease.locators());
    LocatorInfo l =
        service.blob(reader, a.id(), Optional.empty(), List.of(), false).locators().get(0);
    assertEquals(contact, l.contact());
    assertEquals(lease.expiresAt(), l.expiresAt());
  }

  @Test
  void aDroppedBlobAndARevokedEndpointLeaveTheAnswers() {
    BlobLayout a = layout("a", 1, 10);
    BlobLayout b = layout("b", 1, 10);
    service.itemPublished("laptop", "photos", a);
    service.itemPublished("laptop", "photos", b);
    service.itemPublished("desktop", "photos", b);

    assertTrue(service.blobDropped("laptop", a.id()));
    assertFalse(service.blobDropped("laptop", a.id()));
    assertEquals(1, service.endpointRevoked("laptop"));

    assertEquals(List.of(), holders(a.id()));
    assertEquals(List.of("desktop"), holders(b.id()));
  }

  @Test
  void sweepingPurgesExpiredLocatorsAndLaterTheBlobsNobodyHolds() {
    BlobLayout a = layout("a", 4, 10);
    service.itemPublished("laptop", "photos", a);
    clock.advance(Duration.ofMinutes(11));

    assertEquals(1, service.sweep().locators());
    assertEquals(4, db.count("lookup_block"));
    clock.advance(Duration.ofDays(1).plusMinutes(1));
    assertEquals(1, service.sweep().blobs());
    assertEquals(0, db.count("lookup_block"));
    assertThrows(
        LookupException.class,
        () -> service.blob(reader, a.id(), Optional.empty(), List.of(), false));
  }

  @Test
  void inProcessCallsStillRefuseBadNames() {
    LookupException e =
        assertThrows(
            LookupException.class,
            () -> service.itemPublished("Laptop!", "photos", layout("a", 1, 10)));
    assertEquals(LookupException.Reason.INVALID, e.reason());
    assertEquals(0, db.count("lookup_blob"));
  }
}
