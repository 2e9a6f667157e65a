package org.feedmesh.lookup.standalone;

import static org.feedmesh.lookup.TestData.layout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.feedmesh.lookup.BlobLayout;
import org.feedmesh.lookup.HeldBlocks;
import org.feedmesh.lookup.LocatorRequest;
import org.feedmesh.lookup.MutableClock;
import org.feedmesh.lookup.PeerContact;
import org.feedmesh.lookup.client.LookupClient;
import org.feedmesh.lookup.client.LookupClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The standalone lookup (the {@code feedmesh lookup} composition root) on a random port, with a
 * real HTTP {@code /whoami} vouching for tokens.
 */
class StandaloneLookupTest {
  private static final PeerContact CONTACT =
      PeerContact.of(List.of(URI.create("http://10.0.0.1:7070")));

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final OkHttpClient http = new OkHttpClient();
  private WhoamiServer feedServer;
  private StandaloneLookup lookup;

  @BeforeEach
  void start() throws Exception {
    feedServer = new WhoamiServer();
    lookup =
        StandaloneLookup.start(
            LookupConfig.loopback(dir, Optional.of(feedServer.baseUri())), clock, http);
  }

  @AfterEach
  void stop() {
    lookup.close();
    feedServer.close();
  }

  private LookupClient client(String token) {
    return new LookupClient(http, lookup.baseUri(), token);
  }

  private static LocatorRequest whole(BlobLayout layout) {
    return new LocatorRequest(
        "photos", Optional.of(CONTACT), Optional.of(layout), HeldBlocks.all(), Optional.empty());
  }

  @Test
  void endpointsVouchedForByTheFeedServerRegisterAndLookUp() throws Exception {
    LookupClient laptop = client(feedServer.tokens.endpoint("laptop", Map.of("photos", "rw")));
    LookupClient phone = client(feedServer.tokens.endpoint("phone", Map.of("photos", "r")));
    BlobLayout a = layout("a", 2, 100);

    laptop.register(a.id(), "laptop", whole(a));

    assertEquals(
        "laptop",
        phone.blob(a.id(), Optional.empty()).orElseThrow().locators().get(0).endpointId());
  }

  @Test
  void aRevokedTokenStopsWorkingWithinTheCacheTime() throws Exception {
    String token = feedServer.tokens.endpoint("laptop", Map.of("photos", "rw"));
    LookupClient laptop = client(token);
    BlobLayout a = layout("a", 1, 100);
    laptop.register(a.id(), "laptop", whole(a));
    feedServer.tokens.revoke(token);

    clock.advance(Duration.ofSeconds(29));
    assertTrue(laptop.blob(a.id(), Optional.empty()).isPresent());
    clock.advance(Duration.ofSeconds(2));
    LookupClientException e =
        assertThrows(LookupClientException.class, () -> laptop.blob(a.id(), Optional.empty()));
    assertTrue(e.isUnauthorized());
  }

  @Test
  void tokenAnswersAreCachedSoTheFeedServerIsAskedOncePerToken() throws Exception {
    LookupClient laptop = client(feedServer.tokens.endpoint("laptop", Map.of("photos", "rw")));
    for (int i = 0; i < 5; i++) {
      laptop.blob(layout("a", 1, 1).id(), Optional.empty());
    }
    assertEquals(1, feedServer.asked.get());
  }

  @Test
  void unknownTokensAndMissingTokensAreRefusedButHealthIsOpen() throws Exception {
    assertTrue(
        assertThrows(
                LookupClientException.class,
                () -> client("fm_nobody").blob(layout("a", 1, 1).id(), Optional.empty()))
            .isUnauthorized());
    assertEquals(401, status("blobs/" + layout("a", 1, 1).id().hex()));
    assertEquals(200, status("health"));
  }

  @Test
  void whenTheFeedServerIsDownTokensCannotBeCheckedAndTheAnswerSaysSo() throws Exception {
    String token = feedServer.tokens.endpoint("laptop", Map.of("photos", "rw"));
    feedServer.close();

    LookupClientException e =
        assertThrows(
            LookupClientException.class,
            () -> client(token).blob(layout("a", 1, 1).id(), Optional.empty()));
    assertEquals(503, e.status());
  }

  @Test
  void theLookupsOwnAdminTokenWorksAndIsReadableByItsOwnerOnly() throws Exception {
    Path file = lookup.adminTokenFile();
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    LookupClient admin = client(Files.readString(file, StandardCharsets.UTF_8).strip());
    BlobLayout a = layout("a", 1, 100);

    assertTrue(
        assertThrows(LookupClientException.class, () -> admin.register(a.id(), "laptop", whole(a)))
            .isNotFound());
    client(feedServer.tokens.endpoint("laptop", Map.of("photos", "rw")))
        .heartbeat("laptop", Optional.of(CONTACT), Optional.empty());
    admin.register(a.id(), "laptop", whole(a));
    assertEquals(1, admin.blob(a.id(), Optional.empty()).orElseThrow().locators().size());
  }

  @Test
  void locatorsSurviveARestart() throws Exception {
    LookupClient laptop = client(feedServer.tokens.endpoint("laptop", Map.of("photos", "rw")));
    BlobLayout a = layout("a", 3, 100);
    laptop.register(a.id(), "laptop", whole(a));
    lookup.close();

    lookup =
        StandaloneLookup.start(
            LookupConfig.loopback(dir, Optional.of(feedServer.baseUri())), clock, http);
    assertEquals(
        a.blocks(),
        client(Files.readString(lookup.adminTokenFile()).strip())
            .blob(a.id(), Optional.empty())
            .orElseThrow()
            .blocks());
  }

  @Test
  void theCommandBuildsItsConfigurationFromOptionsAndRefusesAMissingDataDirectory() {
    LookupCommand command = new LookupCommand();
    new CommandLine(command)
        .parseArgs(
            "--port",
            "0",
            "--data",
            dir.toString(),
            "--server",
            "http://127.0.0.1:8080/",
            "--max-ttl-seconds",
            "120",
            "--default-ttl-seconds",
            "60");
    LookupConfig cfg = command.lookupConfig();
    assertEquals(Duration.ofSeconds(120), cfg.settings().maxTtl());
    assertEquals(Optional.of(URI.create("http://127.0.0.1:8080/")), cfg.feedServer());
    assertEquals(Duration.ofSeconds(30), cfg.tokenCacheTtl());

    LookupCommand bad = new LookupCommand();
    new CommandLine(bad)
        .parseArgs("--port", "0", "--data", dir.toString(), "--default-ttl-seconds", "7200");
    CommandLine.ParameterException e =
        assertThrows(CommandLine.ParameterException.class, bad::lookupConfig);
    assertTrue(e.getMessage().contains("defaultTtl"), e.getMessage());
    LookupCommand noData = new LookupCommand();
    new CommandLine(noData).parseArgs("--port", "0");
    assertTrue(
        assertThrows(CommandLine.ParameterException.class, noData::lookupConfig)
            .getMessage()
            .contains("--data DIR is required"));
  }

  private int status(String path) throws Exception {
    Request r = new Request.Builder().url(lookup.baseUri().resolve(path).toString()).build();
    try (Response response = http.newCall(r).execute()) {
      return response.code();
    }
  }
}
