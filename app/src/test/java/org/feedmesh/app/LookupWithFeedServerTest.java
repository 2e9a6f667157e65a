package org.feedmesh.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.feedmesh.lookup.BlobId;
import org.feedmesh.lookup.BlobLayout;
import org.feedmesh.lookup.Block;
import org.feedmesh.lookup.BlockHash;
import org.feedmesh.lookup.HeldBlocks;
import org.feedmesh.lookup.LocatorRequest;
import org.feedmesh.lookup.LookupSettings;
import org.feedmesh.lookup.PeerContact;
import org.feedmesh.lookup.client.LookupClient;
import org.feedmesh.lookup.client.LookupClientException;
import org.feedmesh.lookup.standalone.LookupConfig;
import org.feedmesh.lookup.standalone.StandaloneLookup;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.platform.http.HttpSettings;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.accounts.Grant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone blob lookup next to a real feed server: the feed server's accounts decide who may
 * do what, through its {@code GET /whoami}.
 */
class LookupWithFeedServerTest {
  @TempDir Path dir;
  private final OkHttpClient http = new OkHttpClient();
  private final Tokens tokens = Tokens.secure();
  private FeedServer server;
  private StandaloneLookup lookup;

  @BeforeEach
  void start() throws Exception {
    server = FeedServer.start(ServerConfig.loopback(dir.resolve("server")));
    server.accounts().createNamespace("photos");
    lookup =
        StandaloneLookup.start(
            new LookupConfig(
                HttpSettings.loopback(),
                dir.resolve("lookup"),
                Optional.of(server.baseUri()),
                Duration.ZERO,
                LookupSettings.defaults()),
            Clock.systemUTC(),
            http);
  }

  @AfterEach
  void stop() {
    lookup.close();
    server.close();
  }

  private LookupClient endpoint(String id, Map<String, Grant> grants) {
    String token = tokens.newToken();
    server.accounts().createEndpoint(id, null, grants, false, Tokens.hash(token));
    return new LookupClient(http, lookup.baseUri(), token);
  }

  private static BlobLayout blob(String content) {
    byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    BlockHash hash = BlockHash.of(sha256(bytes));
    return new BlobLayout(
        BlobId.of(sha256(bytes)), bytes.length, List.of(new Block(0, 0, bytes.length, hash)));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void endpointsOfTheFeedServerRegisterAndFindBlobsAndOthersSeeNothing() throws Exception {
    LookupClient laptop = endpoint("laptop", Map.of("photos", Grant.readWrite()));
    LookupClient phone = endpoint("phone", Map.of("photos", Grant.readOnly()));
    LookupClient stranger = endpoint("stranger", Map.of());
    BlobLayout b = blob("hello, world");

    laptop.register(
        b.id(),
        "laptop",
        new LocatorRequest(
            "photos",
            Optional.of(PeerContact.of(List.of(URI.create("http://192.168.1.5:7070")))),
            Optional.of(b),
            HeldBlocks.all(),
            Optional.empty()));

    assertEquals(
        "laptop",
        phone.blob(b.id(), Optional.empty()).orElseThrow().locators().get(0).endpointId());
    assertTrue(stranger.blob(b.id(), Optional.empty()).isEmpty());
    assertTrue(
        assertThrows(
                LookupClientException.class,
                () -> phone.register(b.id(), "phone", LocatorRequest.wholeBlob("photos", b)))
            .isForbidden());
  }

  @Test
  void anEndpointRevokedOnTheFeedServerIsRefusedByTheLookup() throws Exception {
    LookupClient laptop = endpoint("laptop", Map.of("photos", Grant.readWrite()));
    laptop.heartbeat("laptop", Optional.empty(), Optional.empty());

    server.accounts().revokeEndpoint("laptop");

    assertTrue(
        assertThrows(
                LookupClientException.class,
                () -> laptop.heartbeat("laptop", Optional.empty(), Optional.empty()))
            .isUnauthorized());
  }

  @Test
  void theFeedServersAdminTokenIsTheAdminHere() throws Exception {
    LookupClient admin =
        new LookupClient(
            http,
            lookup.baseUri(),
            java.nio.file.Files.readString(server.adminTokenFile()).strip());
    BlobLayout b = blob("registered on the laptop's behalf");
    endpoint("laptop", Map.of("photos", Grant.readWrite()))
        .heartbeat("laptop", Optional.empty(), Optional.empty());

    admin.register(b.id(), "laptop", LocatorRequest.wholeBlob("photos", b));

    assertEquals(1, admin.blob(b.id(), Optional.empty()).orElseThrow().locators().size());
  }
}
