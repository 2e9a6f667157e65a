package org.feedmesh.lookup.http;

import static org.feedmesh.lookup.TestData.blockOf;
import static org.feedmesh.lookup.TestData.layout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Request;
import okhttp3.Response;
import org.feedmesh.lookup.BatchAnswer;
import org.feedmesh.lookup.BatchQuery;
import org.feedmesh.lookup.BlobAnswer;
import org.feedmesh.lookup.BlobLayout;
import org.feedmesh.lookup.BlockHash;
import org.feedmesh.lookup.BlockLocation;
import org.feedmesh.lookup.BlockRange;
import org.feedmesh.lookup.HeldBlocks;
import org.feedmesh.lookup.Lease;
import org.feedmesh.lookup.LocatorInfo;
import org.feedmesh.lookup.LocatorRequest;
import org.feedmesh.lookup.LookupSettings;
import org.feedmesh.lookup.PeerContact;
import org.feedmesh.lookup.Registration;
import org.feedmesh.lookup.TestData;
import org.feedmesh.lookup.client.LookupClient;
import org.feedmesh.lookup.client.LookupClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobResourceTest {
  private static final LookupSettings SETTINGS =
      LookupSettings.builder()
          .defaultTtl(Duration.ofMinutes(10))
          .maxTtl(Duration.ofMinutes(30))
          .maxBatchIds(6_000)
          .build();

  @TempDir Path dir;
  private EmbeddedLookupServer server;
  private String adminToken;
  private LookupClient laptop;
  private LookupClient desktop;
  private LookupClient phone;
  private LookupClient stranger;

  @BeforeEach
  void start() {
    server = new EmbeddedLookupServer(dir, SETTINGS);
    adminToken = server.tokens.admin();
    laptop = server.client(server.tokens.endpoint("laptop", Map.of("photos", "rw")));
    desktop = server.client(server.tokens.endpoint("desktop", Map.of("photos", "rw")));
    phone = server.client(server.tokens.endpoint("phone", Map.of("photos", "r")));
    stranger = server.client(server.tokens.endpoint("stranger", Map.of("music", "rw")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static PeerContact contact(String url, String lan) {
    return new PeerContact(List.of(URI.create(url)), Optional.ofNullable(lan));
  }

  private static LocatorRequest whole(BlobLayout layout, PeerContact contact) {
    return new LocatorRequest(
        "photos", Optional.of(contact), Optional.of(layout), HeldBlocks.all(), Optional.empty());
  }

  @Test
  void aRegisteredBlobIsFoundWithItsBlocksAndLocator() throws Exception {
    BlobLayout a = layout("a", 3, 1000);
    Registration r =
        laptop.register(a.id(), "laptop", whole(a, contact("http://192.168.1.5:7070", "home")));

    assertTrue(r.created());
    assertEquals(EmbeddedLookupServer.START.plus(Duration.ofMinutes(10)), r.expiresAt());
    BlobAnswer answer = phone.blob(a.id(), Optional.empty()).orElseThrow();
    assertEquals(3000, answer.size());
    assertEquals(a.blocks(), answer.blocks());
    LocatorInfo l = answer.locators().get(0);
    assertEquals("laptop", l.endpointId());
    assertEquals(List.of(URI.create("http://192.168.1.5:7070")), l.contact().peerUrls());
    assertEquals(Optional.of("home"), l.contact().lanId());
    assertTrue(l.held().isAll());
    assertEquals(3, l.heldCount());
  }

  @Test
  void refreshingAnswers200AndKeepsTheFirstRegistrationTime() throws Exception {
    BlobLayout a = layout("a", 1, 10);
    laptop.register(a.id(), "laptop", whole(a, contact("http://10.0.0.1:1", null)));
    server.clock.advance(Duration.ofMinutes(1));
    Registration again =
        laptop.register(
            a.id(),
            "laptop",
            new LocatorRequest(
                "photos", Optional.empty(), Optional.empty(), HeldBlocks.all(), Optional.empty()));

    assertFalse(again.created());
    assertEquals(EmbeddedLookupServer.START, again.registeredAt());
    assertEquals(EmbeddedLookupServer.START.plus(Duration.ofMinutes(11)), again.expiresAt());
  }

  @Test
  void aLocatorLeavesAnswersWhenItExpiresAndAHeartbeatKeepsItLive() throws Exception {
    BlobLayout a = layout("a", 1, 10);
    BlobLayout b = layout("b", 1, 10);
    laptop.register(a.id(), "laptop", whole(a, contact("http://10.0.0.1:1", null)));
    desktop.register(b.id(), "desktop", whole(b, contact("http://10.0.0.2:1", null)));

    server.clock.advance(Duration.ofMinutes(9));
    Lease lease = laptop.heartbeat("laptop", Optional.empty(), Optional.of(Duration.ofMinutes(5)));
    assertEquals(1, lease.locators());
    server.clock.advance(Duration.ofMinutes(2));

    assertEquals(1, phone.blob(a.id(), Optional.empty()).orElseThrow().locators().size());
    assertTrue(phone.blob(b.id(), Optional.empty()).orElseThrow().locators().isEmpty());
    server.clock.advance(Duration.ofMinutes(3));
    assertTrue(phone.blob(a.id(), Optional.empty()).orElseThrow().locators().isEmpty());
  }

  @Test
  void aTtlOverTheMaximumIsCutToIt() throws Exception {
    BlobLayout a = layout("a", 1, 10);
    Registration r =
        laptop.register(
            a.id(),
            "laptop",
            new LocatorRequest(
                "photos",
                Optional.empty(),
                Optional.of(a),
                HeldBlocks.all(),
                Optional.of(Duration.ofDays(30))));

    assertEquals(EmbeddedLookupServer.START.plus(SETTINGS.maxTtl()), r.expiresAt());
    Lease lease = laptop.heartbeat("laptop", Optional.empty(), Optional.of(Duration.ofDays(9)));
    assertEquals(EmbeddedLookupServer.START.plus(SETTINGS.maxTtl()), lease.expiresAt());
  }

  @Test
  void removingALocatorTakesItOutOfAnswers() throws Exception {
    BlobLayout a = layout("a", 1, 10);
    laptop.register(a.id(), "laptop", whole(a, contact("http://10.0.0.1:1", null)));

    assertTrue(laptop.remove(a.id(), "laptop", Optional.empty()));
    assertFalse(laptop.remove(a.id(), "laptop", Optional.empty()));
    assertTrue(phone.blob(a.id(), Optional.empty()).orElseThrow().locators().isEmpty());
  }

  @Test
  void aRevokedEndpointsLocatorsDisappear() throws Exception {
    BlobLayout a = layout("a", 1, 10);
    laptop.register(a.id(), "laptop", whole(a, contact("http://10.0.0.1:1", null)));
    desktop.register(a.id(), "desktop", whole(a, contact("http://10.0.0.2:1", null)));

    assertEquals(1, server.lookup().service().endpointRevoked("laptop"));
    List<LocatorInfo> left = phone.blob(a.id(), Optional.empty()).orElseThrow().locators();
    assertEquals(List.of("desktop"), left.stream().map(LocatorInfo::endpointId).toList());
  }

  @Test
  void holdersOnTheAskersLanComeFirst() throws Exception {
    BlobLayout a = layout("a", 1, 10);
    laptop.register(a.id(), "laptop", whole(a, contact("http://198.51.100.7:1", "office")));
    desktop.register(a.id(), "desktop", whole(a, contact("http://203.0.113.9:1", "home")));

    assertEquals(List.of("desktop", "laptop"), holders(phone.blob(a.id(), Optional.of("home"))));
    assertEquals(List.of("laptop", "desktop"), holders(phone.blob(a.id(), Optional.of("office"))));
  }

  @Test
  void successiveAskersAreSpreadOverEqualHolders() throws Exception {
    BlobLayout a = layout("a", 1, 10);
    laptop.register(a.id(), "laptop", whole(a, contact("http://198.51.100.7:1", null)));
    desktop.register(a.id(), "desktop", whole(a, contact("http://198.51.100.8:1", null)));

    List<String> firsts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      firsts.add(holders(phone.blob(a.id(), Optional.empty())).get(0));
    }
    assertEquals(List.of("desktop", "laptop", "desktop", "laptop"), firsts);
  }

  @Test
  void fresherHoldersComeBeforeStaleOnes() throws Exception {
    BlobLayout a = layout("a", 1, 10);
    laptop.register(a.id(), "laptop", whole(a, contact("http://198.51.100.7:1", null)));
    server.clock.advance(Duration.ofMinutes(3));
    desktop.register(a.id(), "desktop", whole(a, contact("http://198.51.100.8:1", null)));
    phone.blob(a.id(), Optional.empty());

    assertEquals(List.of("desktop", "laptop"), holders(phone.blob(a.id(), Optional.empty())));
  }

  @Test
  void aBlobOfANamespaceTheCallerCannotReadIsNotFound() throws Exception {
    BlobLayout a = layout("a", 1, 10);
    laptop.register(a.id(), "laptop", whole(a, contact("http://10.0.0.1:1", null)));

    assertTrue(stranger.blob(a.id(), Optional.empty()).isEmpty());
    assertTrue(stranger.blob(TestData.blobId("never"), Optional.empty()).isEmpty());
    BatchAnswer batch =
        stranger.lookup(
            new BatchQuery(List.of(a.id()), List.of(blockOf("a", 0)), Optional.empty(), List.of()));
    assertTrue(batch.blobs().isEmpty());
    assertTrue(batch.blocks().isEmpty());
    assertEquals(List.of(a.id().hex(), blockOf("a", 0).hex()), batch.unknown());
    assertTrue(server.client(adminToken).blob(a.id(), Optional.empty()).isPresent());
  }

  @Test
  void locatorsRegisteredUnderAnotherNamespaceAreHidden() throws Exception {
    BlobLayout a = layout("a", 1, 10);
    laptop.register(a.id(), "laptop", whole(a, contact("http://10.0.0.1:1", null)));
    stranger.register(
        a.id(),
        "stranger",
        new LocatorRequest(
            "music", Optional.empty(), Optional.of(a), HeldBlocks.all(), Optional.empty()));

    assertEquals(List.of("laptop"), holders(phone.blob(a.id(), Optional.empty())));
    assertEquals(List.of("stranger"), holders(stranger.blob(a.id(), Optional.empty())));
    assertEquals(
        2,
        server.client(adminToken).blob(a.id(), Optional.empty()).orElseThrow().locators().size());
  }

  @Test
  void registeringCannotProbeForABlobOfANamespaceTheCallerCannotRead() throws Exception {
    BlobLayout a = layout("a", 2, 100);
    laptop.register(a.id(), "laptop", whole(a, contact("http://10.0.0.1:1", null)));
    BlobLayout wrong = new BlobLayout(a.id(), 100, layout("b", 1, 100).blocks());

    LookupClientException bare =
        assertThrows(
            LookupClientException.class,
            () ->
                stranger.register(
                    a.id(),
                    "stranger",
                    new LocatorRequest(
                        "music",
                        Optional.empty(),
                        Optional.empty(),
                        HeldBlocks.all(),
                        Optional.empty())));
    LookupClientException mismatch =
        assertThrows(
            LookupClientException.class,
            () -> stranger.register(a.id(), "stranger", LocatorRequest.wholeBlob("music", wrong)));

    assertTrue(bare.isNotFound());
    assertTrue(bare.getMessage().contains("is not known here yet"), bare.getMessage());
    assertEquals(409, mismatch.status());
    assertFalse(mismatch.getMessage().contains("200"), mismatch.getMessage());
    assertTrue(
        stranger.register(a.id(), "stranger", LocatorRequest.wholeBlob("music", a)).created());
  }

  @Test
  void anEndpointMayNotRegisterAnotherOrIntoANamespaceItCannotWrite() throws Exception {
    BlobLayout a = layout("a", 1, 10);
    LookupClientException asOther =
        assertThrows(
            LookupClientException.class,
            () -> laptop.register(a.id(), "desktop", whole(a, contact("http://10.0.0.1:1", null))));
    LookupClientException readOnly =
        assertThrows(
            LookupClientException.class,
            () -> phone.register(a.id(), "phone", whole(a, contact("http://10.0.0.1:1", null))));

    assertTrue(asOther.isForbidden());
    assertTrue(readOnly.isForbidden());
    assertTrue(
        assertThrows(
                LookupClientException.class,
                () -> laptop.remove(a.id(), "desktop", Optional.empty()))
            .isForbidden());
    assertTrue(
        assertThrows(
                LookupClientException.class,
                () -> laptop.heartbeat("desktop", Optional.empty(), Optional.empty()))
            .isForbidden());
    assertEquals("blobs=0 blocks=0 namespaces=0 endpoints=0 locators=0", server.allRows());
  }

  @Test
  void theAdminRegistersOnBehalfOfAKnownEndpointButNotAnUnknownOne() throws Exception {
    BlobLayout a = layout("a", 1, 10);
    LookupClient admin = server.client(adminToken);
    admin.register(a.id(), "laptop", whole(a, contact("http://10.0.0.1:1", null)));

    LookupClientException unknown =
        assertThrows(
            LookupClientException.class,
            () ->
                admin.register(
                    layout("b", 1, 10).id(),
                    "ghost",
                    whole(layout("b", 1, 10), contact("http://10.0.0.1:1", null))));
    assertTrue(unknown.isNotFound());
    assertTrue(unknown.getMessage().contains("unknown endpoint 'ghost'"), unknown.getMessage());
    assertEquals("blobs=1 blocks=1 namespaces=1 endpoints=1 locators=1", server.allRows());
  }

  @Test
  void aBatchOf5000BlockHashesIsAnsweredInOneRequest() throws Exception {
    List<BlockHash> wanted = new ArrayList<>();
    for (int f = 0; f < 5; f++) {
      BlobLayout file = layout("f" + f, 1000, 4096);
      laptop.register(file.id(), "laptop", whole(file, contact("http://10.0.0.1:1", null)));
      desktop.register(file.id(), "desktop", whole(file, contact("http://10.0.0.2:1", null)));
      file.blocks().forEach(b -> wanted.add(b.hash()));
    }

    BatchAnswer answer = phone.lookup(BatchQuery.ofBlocks(wanted));

    assertEquals(5000, answer.blocks().size());
    assertTrue(answer.unknown().isEmpty());
    BlockLocation third = answer.blocks().get(blockOf("f2", 7)).get(0);
    assertEquals(TestData.blobId("f2"), third.blobId());
    assertEquals(7, third.index());
    assertEquals(7L * 4096, third.offset());
    assertEquals(Map.of("laptop", 2500L, "desktop", 2500L), firstHolderCounts(answer));
    assertEquals(
        URI.create("http://10.0.0.2:1"),
        answer.endpoints().get("desktop").contact().peerUrls().get(0));
  }

  @Test
  void aBatchAnswersBlobsAndOnlyTheHoldersOfEachBlock() throws Exception {
    BlobLayout a = layout("a", 10, 100);
    laptop.register(a.id(), "laptop", whole(a, contact("http://10.0.0.1:1", null)));
    desktop.register(
        a.id(),
        "desktop",
        new LocatorRequest(
            "photos",
            Optional.of(contact("http://10.0.0.2:1", null)),
            Optional.empty(),
            HeldBlocks.ranges(List.of(new BlockRange(0, 4))),
            Optional.empty()));

    BatchAnswer answer =
        phone.lookup(
            new BatchQuery(
                List.of(a.id(), TestData.blobId("nope")),
                List.of(blockOf("a", 2), blockOf("a", 8)),
                Optional.empty(),
                List.of()));

    BlobAnswer blob = answer.blobs().get(a.id());
    assertEquals(10, blob.blockCount());
    LocatorInfo partial =
        blob.locators().stream()
            .filter(l -> l.endpointId().equals("desktop"))
            .findFirst()
            .orElseThrow();
    assertEquals(HeldBlocks.ranges(List.of(new BlockRange(0, 4))), partial.held());
    assertEquals(5, partial.heldCount());
    assertEquals(2, answer.blocks().get(blockOf("a", 2)).get(0).endpointIds().size());
    assertEquals(List.of("laptop"), answer.blocks().get(blockOf("a", 8)).get(0).endpointIds());
    assertEquals(List.of(TestData.blobId("nope").hex()), answer.unknown());
  }

  @Test
  void aBlockThatOccursInTwoBlobsNamesBoth() throws Exception {
    BlobLayout a = layout("a", 2, 100);
    BlobLayout copy = new BlobLayout(TestData.blobId("copy"), 100, List.of(a.blocks().get(0)));
    laptop.register(a.id(), "laptop", whole(a, contact("http://10.0.0.1:1", null)));
    desktop.register(copy.id(), "desktop", whole(copy, contact("http://10.0.0.2:1", null)));

    List<BlockLocation> places =
        phone.lookup(BatchQuery.ofBlocks(List.of(blockOf("a", 0)))).blocks().get(blockOf("a", 0));
    assertEquals(2, places.size());
  }

  @Test
  void requestsWithoutATokenAreRefused() throws Exception {
    Request r =
        new Request.Builder()
            .url(server.baseUri().resolve("blobs/" + TestData.blobId("a").hex()).toString())
            .build();
    try (Response response = server.http.newCall(r).execute()) {
      assertEquals(401, response.code());
    }
  }

  private static List<String> holders(Optional<BlobAnswer> answer) {
    return answer.orElseThrow().locators().stream().map(LocatorInfo::endpointId).toList();
  }

  private static Map<String, Long> firstHolderCounts(BatchAnswer answer) {
    Map<String, Long> counts = new java.util.HashMap<>();
    answer
        .blocks()
        .values()
        .forEach(places -> counts.merge(places.get(0).endpointIds().get(0), 1L, Long::sum));
    return counts;
  }
}
