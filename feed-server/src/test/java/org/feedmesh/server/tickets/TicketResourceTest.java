package org.feedmesh.server.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.feedmesh.platform.auth.Access;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.accounts.AdminToken;
import org.feedmesh.server.accounts.Grant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Peer tickets and the peer key over real HTTP, on one server for the class whose clock stands
 * still; each test uses names of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketResourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir static Path data;
  private FeedServer server;
  private final OkHttpClient client = new OkHttpClient();
  private final Tokens tokens = Tokens.secure();

  @BeforeAll
  void start() throws IOException {
    server = startServer();
  }

  private FeedServer startServer() throws IOException {
    return FeedServer.start(
        ServerConfig.loopback(data).withTicketLifetime(Duration.ofMinutes(5)),
        Clock.fixed(NOW, ZoneOffset.UTC),
        new SecureRandom());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private String endpoint(String id, Map<String, Grant> grants) {
    String token = tokens.newToken();
    server.accounts().createEndpoint(id, null, grants, false, Tokens.hash(token));
    return token;
  }

  private Response call(String method, String path, String token) throws IOException {
    Request.Builder b =
        new Request.Builder()
            .url(server.baseUri() + path)
            .method(method, method.equals("POST") ? RequestBody.create(new byte[0]) : null);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.newCall(b.build()).execute();
  }

  private JsonNode ok(Response r) throws IOException {
    try (r) {
      String body = r.body().string();
      assertEquals(200, r.code(), body);
      return JSON.readTree(body);
    }
  }

  private PublicKey peerKey(String token) throws Exception {
    JsonNode key = ok(call("GET", "peer-key", token));
    assertEquals("Ed25519", key.get("algorithm").asText());
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(
            new X509EncodedKeySpec(Base64.getDecoder().decode(key.get("key").asText())));
  }

  @Test
  void anEndpointGetsASignedTicketNamingItAndTheNamespacesItMayRead() throws Exception {
    server.accounts().createNamespace("photos");
    server.accounts().createNamespace("music");
    server.accounts().createNamespace("inbox");
    Map<String, Grant> grants = new LinkedHashMap<>();
    grants.put("photos", Grant.readWrite());
    grants.put("music", Grant.readOnly());
    grants.put("inbox", new Grant(EnumSet.of(Access.WRITE), 0));
    String token = endpoint("laptop", grants);

    JsonNode answer = ok(call("POST", "endpoints/self/ticket", token));
    assertEquals("laptop", answer.get("endpoint").asText());
    assertEquals("[\"music\",\"photos\"]", answer.get("namespaces").toString());
    assertEquals("2026-03-01T10:05:00Z", answer.get("expires").asText());

    String[] parts = answer.get("ticket").asText().split("\\.");
    assertEquals(2, parts.length);
    Signature signature = Signature.getInstance("Ed25519");
    signature.initVerify(peerKey(token));
    signature.update(parts[0].getBytes(StandardCharsets.US_ASCII));
    assertTrue(signature.verify(Base64.getUrlDecoder().decode(parts[1])), "signature verifies");
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    assertEquals(1, claims.get("v").asInt());
    assertEquals("laptop", claims.get("sub").asText());
    assertEquals("[\"music\",\"photos\"]", claims.get("ns").toString());
    assertEquals(NOW.getEpochSecond(), claims.get("iat").asLong());
    assertEquals(NOW.plusSeconds(300).getEpochSecond(), claims.get("exp").asLong());
    assertEquals(answer.get("keyId").asText(), claims.get("kid").asText());
  }

  @Test
  void theSigningKeySurvivesARestartAndTravelsWithACopyOfTheDatabase(@TempDir Path copy)
      throws Exception {
    String token = endpoint("desktop", Map.of());
    String before = ok(call("GET", "peer-key", token)).get("keyId").asText();
    server.close();
    try (var files = Files.list(data)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    try (FeedServer standby =
        FeedServer.start(ServerConfig.loopback(copy), Clock.systemUTC(), new SecureRandom())) {
      Request request =
          new Request.Builder()
              .url(standby.baseUri() + "peer-key")
              .header("Authorization", "Bearer " + token)
              .build();
      assertEquals(before, ok(client.newCall(request).execute()).get("keyId").asText());
    }
    server = startServer();
    assertEquals(before, ok(call("GET", "peer-key", token)).get("keyId").asText());
  }

  @Test
  void theAdminMayReadThePeerKey() throws Exception {
    String admin = AdminToken.read(server.adminTokenFile());
    assertEquals(PeerKey.ALGORITHM, ok(call("GET", "peer-key", admin)).get("algorithm").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"no token", "a wrong token", "the admin token", "a revoked endpoint"})
  void noTicketIsIssuedTo(String who) throws Exception {
    String token =
        switch (who) {
          case "no token" -> null;
          case "a wrong token" -> tokens.newToken();
          case "the admin token" -> AdminToken.read(server.adminTokenFile());
          default -> {
            String t = endpoint("gone", Map.of());
            server.accounts().revokeEndpoint("gone");
            yield t;
          }
        };
    int expected = who.equals("the admin token") ? 400 : 401;
    try (Response r = call("POST", "endpoints/self/ticket", token)) {
      String body = r.body().string();
      assertEquals(expected, r.code(), body);
      assertTrue(JSON.readTree(body).has("error"), body);
      assertFalse(body.contains("ticket\""), body);
    }
  }

  @Test
  void theIssuerRefusesARevokedEndpointEvenWhenAskedDirectly() {
    endpoint("old", Map.of());
    server.accounts().revokeEndpoint("old");
    TicketIssuer issuer =
        new TicketIssuer(
            PeerKey.ensure(server.database(), new SecureRandom(), Clock.systemUTC()),
            server.accounts(),
            Clock.systemUTC(),
            Duration.ofMinutes(10));
    ApiException e = assertThrows(ApiException.class, () -> issuer.issue("old"));
    assertEquals(403, e.status());
  }

  @Test
  void thePeerKeyNeedsAValidToken() throws IOException {
    try (Response r = call("GET", "peer-key", null)) {
      assertEquals(401, r.code());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 59, 86_401})
  void aTicketLifetimeOutsideOneMinuteToOneDayIsRefused(long seconds) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.loopback(data).withTicketLifetime(Duration.ofSeconds(seconds)));
    assertTrue(e.getMessage().contains("lifetime"), e.getMessage());
  }
}
