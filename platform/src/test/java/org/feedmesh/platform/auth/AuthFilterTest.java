package org.feedmesh.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.feedmesh.platform.http.HttpServer;
import org.feedmesh.platform.http.HttpSettings;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthFilterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Tokens tokens = Tokens.secure();
  private final String laptopToken = tokens.newToken();
  private final String adminToken = tokens.newToken();
  private final OkHttpClient client = new OkHttpClient();
  private HttpServer server;

  @Path("/")
  public static final class Resources {
    @GET
    @Path("health")
    @Produces(MediaType.APPLICATION_JSON)
    public String health() {
      return "{\"status\":\"ok\"}";
    }

    @GET
    @Path("feeds/{ns}")
    @Produces(MediaType.TEXT_PLAIN)
    public String read(@PathParam("ns") String ns, @Context Caller caller) {
      caller.requireRead(ns);
      return caller.id() + " reads " + ns;
    }

    @GET
    @Path("me")
    @Produces(MediaType.TEXT_PLAIN)
    public String me(@Context SecurityContext security) {
      return AuthFilter.caller(security).id() + " admin=" + security.isUserInRole("admin");
    }
  }

  @BeforeAll
  void start() throws IOException {
    Map<String, Caller> known =
        Map.of(
            Tokens.hash(laptopToken),
            Caller.endpoint("laptop", Map.of("photos", EnumSet.of(Access.READ)), false),
            Tokens.hash(adminToken),
            Caller.admin());
    Authenticator auth = token -> Optional.ofNullable(known.get(Tokens.hash(token)));
    ResourceConfig app =
        new ResourceConfig().register(new AuthFeature(auth)).register(Resources.class);
    server = new HttpServer(HttpSettings.loopback(), app);
    server.start();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private Response get(String path, String authorization) throws IOException {
    Request.Builder b = new Request.Builder().url(server.baseUri() + path);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return client.newCall(b.build()).execute();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void healthNeedsNoToken() throws IOException {
    try (Response r = get("health", null)) {
      assertEquals(200, r.code());
    }
  }

  @Test
  void missingTokenIs401WithChallengeAndJson() throws IOException {
    try (Response r = get("feeds/photos", null)) {
      assertEquals(401, r.code());
      assertEquals(AuthFilter.CHALLENGE, r.header("WWW-Authenticate"));
      JsonNode body = JSON.readTree(r.body().string());
      assertEquals(401, body.get("status").asInt());
      assertTrue(body.get("error").asText().startsWith("missing token"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer fm_unknown",
        "Bearer ",
        "Basic !!!notbase64",
        "Basic Og==",
        "Digest abc",
        "fm_token"
      })
  void unusableOrUnknownTokenIs401(String authorization) throws IOException {
    try (Response r = get("feeds/photos", authorization)) {
      assertEquals(401, r.code());
      assertEquals(AuthFilter.CHALLENGE, r.header("WWW-Authenticate"));
    }
  }

  @Test
  void unknownPathIs401Not404ForStrangers() throws IOException {
    try (Response r = get("no/such/thing", null)) {
      assertEquals(401, r.code());
    }
  }

  @Test
  void bearerTokenReachesTheResourceAsCaller() throws IOException {
    try (Response r = get("feeds/photos", "Bearer " + laptopToken)) {
      assertEquals(200, r.code());
      assertEquals("laptop reads photos", r.body().string());
    }
  }

  @Test
  void basicWithTokenAsPasswordIsAccepted() throws IOException {
    try (Response r = get("feeds/photos", basic("anyone", laptopToken))) {
      assertEquals(200, r.code());
    }
  }

  @Test
  void basicWithTokenAsUserNameAndNoPasswordIsAccepted() throws IOException {
    try (Response r = get("feeds/photos", basic(laptopToken, ""))) {
      assertEquals(200, r.code());
    }
  }

  @Test
  void tokenWithoutRightsOnTheNamespaceIs403() throws IOException {
    try (Response r = get("feeds/music", "Bearer " + laptopToken)) {
      assertEquals(403, r.code());
      JsonNode body = JSON.readTree(r.body().string());
      assertEquals("music", body.get("namespace").asText());
    }
  }

  @Test
  void callerIsThePrincipalOfTheSecurityContext() throws IOException {
    try (Response r = get("me", "Bearer " + adminToken)) {
      assertEquals("admin admin=true", r.body().string());
    }
  }
}
