package org.feedmesh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.feedmesh.server.accounts.AdminToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole server on a random loopback port with its data in a temporary directory; one server for
 * the class, so each test uses names of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path data;
  private FeedServer server;
  private String admin;
  private final OkHttpClient client = new OkHttpClient();

  @BeforeAll
  void start() throws IOException {
    server = FeedServer.start(ServerConfig.loopback(data));
    admin = AdminToken.read(data.resolve("admin.token"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private Response call(String method, String path, String token, String json) throws IOException {
    Request.Builder b =
        new Request.Builder()
            .url(server.baseUri() + path)
            .method(
                method,
                json == null ? null : RequestBody.create(json, MediaType.get("application/json")));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.newCall(b.build()).execute();
  }

  private JsonNode ok(Response r, int status) throws IOException {
    try (r) {
      String body = r.body().string();
      assertEquals(status, r.code(), body);
      return JSON.readTree(body);
    }
  }

  private String newEndpoint(String name, String namespace) throws IOException {
    ok(call("POST", "admin/namespaces", admin, "{\"name\":\"" + namespace + "\"}"), 201);
    return ok(
            call(
                "POST",
                "admin/endpoints",
                admin,
                "{\"name\":\"" + name + "\",\"namespaces\":[\"" + namespace + "\"]}"),
            201)
        .get("token")
        .asText();
  }

  @Test
  void firstStartWritesAnAdminTokenOnlyItsOwnerCanRead() throws IOException {
    Path file = data.resolve("admin.token");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertTrue(admin.startsWith("fm_"), admin);
  }

  @Test
  void healthIsOpenToEveryone() throws IOException {
    assertEquals("ok", ok(call("GET", "health", null, null), 200).get("status").asText());
  }

  @Test
  void everythingElseNeedsAToken() throws IOException {
    try (Response r = call("GET", "admin/namespaces", null, null)) {
      assertEquals(401, r.code());
      assertTrue(r.header("WWW-Authenticate").contains("Bearer"));
    }
    try (Response r = call("GET", "metrics", null, null)) {
      assertEquals(401, r.code());
    }
  }

  @Test
  void adminCreatesAnEndpointWhoseTokenWorks() throws IOException {
    String token = newEndpoint("laptop", "photos");
    JsonNode me = ok(call("GET", "whoami", token, null), 200);
    assertEquals("endpoint", me.get("kind").asText());
    assertEquals("laptop", me.get("id").asText());
    assertEquals("[\"read\",\"write\"]", me.get("namespaces").get("photos").toString());
  }

  @Test
  void endpointTokenCannotUseTheAdminApi() throws IOException {
    String token = newEndpoint("desktop", "docs");
    try (Response r = call("GET", "admin/endpoints", token, null)) {
      assertEquals(403, r.code());
    }
  }

  @Test
  void revokedTokenGets401AtOnce() throws IOException {
    String token = newEndpoint("tablet", "music");
    ok(call("DELETE", "admin/endpoints/tablet", admin, null), 200);
    try (Response r = call("GET", "whoami", token, null)) {
      assertEquals(401, r.code());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"name\":\"Bad Name\"}",
        "{\"name\":",
        "[]",
        "{\"name\":\"x\",\"extra\":1}"
      })
  void badNamespaceRequestsAreA400AndStoreNothing(String body) throws IOException {
    int before = ok(call("GET", "admin/namespaces", admin, null), 200).size();
    JsonNode error = ok(call("POST", "admin/namespaces", admin, body), 400);
    assertFalse(error.get("error").asText().isBlank());
    assertEquals(before, ok(call("GET", "admin/namespaces", admin, null), 200).size());
  }

  @Test
  void duplicateNamespaceIsA409() throws IOException {
    ok(call("POST", "admin/namespaces", admin, "{\"name\":\"twice\"}"), 201);
    ok(call("POST", "admin/namespaces", admin, "{\"name\":\"twice\"}"), 409);
  }

  @Test
  void endpointAnnouncesAddressesThatItsPeersCanRead() throws IOException {
    String nas = newEndpoint("nas", "backup");
    ok(
        call("POST", "admin/endpoints", admin, "{\"name\":\"phone\",\"readOnly\":[\"backup\"]}"),
        201);
    ok(
        call(
            "PUT",
            "endpoints/self",
            nas,
            "{\"addresses\":[\"http://10.0.0.5:7070\"],\"cursors\":{\"backup\":3}}"),
        200);
    JsonNode peers = ok(call("GET", "namespaces/backup/endpoints", nas, null), 200);
    assertEquals(2, peers.size());
    JsonNode me = peers.get(0);
    assertEquals("nas", me.get("id").asText());
    assertEquals("http://10.0.0.5:7070", me.get("addresses").get(0).asText());
    assertEquals(3, me.get("appliedCursor").asLong());
  }

  @Test
  void metricsShowRequestsPerRoute() throws IOException {
    ok(call("GET", "admin/namespaces", admin, null), 200);
    try (Response r = call("GET", "metrics", admin, null)) {
      assertEquals(200, r.code());
      String text = r.body().string();
      assertTrue(
          text.contains(
              "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\","
                  + "route=\"/admin/namespaces\",status=\"200\"}"),
          text);
      assertTrue(text.contains("feedmesh_namespaces"), text);
    }
  }
}
