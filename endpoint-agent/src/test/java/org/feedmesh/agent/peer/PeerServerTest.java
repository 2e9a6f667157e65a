package org.feedmesh.agent.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;
import org.feedmesh.agent.lan.Advertisement;
import org.feedmesh.agent.lan.AdvertisementServlet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A peer server over a real folder of blocks, checking real tickets issued by an in-process feed
 * server, over real HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PeerFixture.Shared.class)
class PeerServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BIG = 5 * 1024 * 1024; // above BlockReader.BUFFER_LIMIT: streamed

  @TempDir static Path temp;
  private PeerFixture fixture;
  private BlockFolder folder;
  private PeerServer peer;
  private String bobTicket;
  private String outsiderTicket;

  @BeforeAll
  void start(PeerFixture fixture) throws IOException {
    this.fixture = fixture;
    fixture.namespace("photos");
    fixture.namespace("music");
    fixture.endpoint("alice", "photos");
    fixture.endpoint("bob", "photos");
    fixture.endpoint("outsider", "music");
    fixture.endpoint("peggy", "photos");
    fixture.endpoint("trent", "photos");
    folder = new BlockFolder(temp.resolve("alice"), "blocks.bin", 1, 1000, 70_000, BIG, 3000, BIG);
    TicketSource alice = fixture.tickets("alice");
    peer = PeerServer.start(PeerSettings.loopback(), alice.verifier(), "photos", folder);
    bobTicket = fixture.tickets("bob").ticket();
    outsiderTicket = fixture.tickets("outsider").ticket();
  }

  @AfterAll
  void stop() {
    peer.close();
  }

  private Response call(String method, String path, String ticket) throws IOException {
    Request.Builder b = new Request.Builder().url(peer.baseUri() + path).method(method, null);
    if (ticket != null) {
      b.header("Authorization", "Bearer " + ticket);
    }
    return fixture.http.newCall(b.build()).execute();
  }

  @Test
  void anEndpointWithATicketForTheNamespaceGetsTheBlockAndIsCounted() throws IOException {
    WantedBlock b = folder.block(1);
    try (Response r = call("GET", "blocks/" + b.hash(), fixture.tickets("peggy").ticket())) {
      assertEquals(200, r.code());
      assertEquals("application/octet-stream", r.header("Content-Type"));
      assertArrayEquals(folder.content.get(b.hash()), r.body().bytes());
    }
    // Counted once the last byte is written, which may be just after the client read it.
    Await.until("peggy's bytes counted", () -> peer.bytesServedTo("peggy") == b.size());
  }

  @Test
  void aBlockLargerThanTheBufferIsStreamedWhole() throws IOException {
    WantedBlock b = folder.block(2);
    try (Response r = call("GET", "blocks/" + b.hash(), fixture.tickets("trent").ticket())) {
      assertEquals(200, r.code());
      assertArrayEquals(folder.content.get(b.hash()), r.body().bytes());
    }
  }

  @Test
  void headSaysTheBlockIsHeldWithoutSendingIt() throws IOException {
    WantedBlock b = folder.block(0);
    try (Response r = call("HEAD", "blocks/" + b.hash(), bobTicket)) {
      assertEquals(200, r.code());
      assertEquals(Integer.toString(b.size()), r.header("Content-Length"));
      assertEquals(0, r.body().bytes().length);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "no ticket",
        "not a ticket",
        "tampered",
        "expired",
        "another namespace",
        "unknown hash",
        "uppercase hash",
        "short hash",
        "not hex",
        "changed on disk",
        "big block changed on disk"
      })
  void refuses(String what) throws IOException {
    String hash = folder.block(0).hash();
    String ticket = bobTicket;
    int expected = 401;
    switch (what) {
      case "no ticket" -> ticket = null;
      case "not a ticket" -> ticket = "fm_notaticket";
      case "tampered" -> ticket = impersonating(bobTicket, "alice");
      case "expired" -> ticket = expiredTicket();
      case "another namespace" -> {
        ticket = outsiderTicket;
        expected = 403;
      }
      case "unknown hash" -> {
        hash = "0".repeat(64);
        expected = 404;
      }
      case "uppercase hash" -> {
        hash = hash.toUpperCase();
        expected = 400;
      }
      case "short hash" -> {
        hash = hash.substring(1);
        expected = 400;
      }
      case "not hex" -> {
        hash = "z".repeat(64);
        expected = 400;
      }
      case "changed on disk" -> {
        hash = folder.block(3).hash();
        folder.pointAt(hash, folder.block(1).hash());
        expected = 404;
      }
      default -> {
        hash = folder.block(4).hash();
        folder.pointAt(hash, folder.block(2).hash());
        expected = 404;
      }
    }
    try (Response r = call("GET", "blocks/" + hash, ticket)) {
      String body = r.body().string();
      assertEquals(expected, r.code(), body);
      assertTrue(JSON.readTree(body).get("error").asText().length() > 0, body);
      if (expected == 401) {
        assertTrue(r.header("WWW-Authenticate").startsWith("Bearer"));
      }
    }
    assertEquals(0, peer.bytesServedTo("bob"), "bob's refused requests sent no block bytes");
  }

  /** The ticket with its endpoint replaced, signature kept. */
  private static String impersonating(String ticket, String endpoint) {
    String[] parts = ticket.split("\\.");
    String claims =
        new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
            .replace("\"sub\":\"bob\"", "\"sub\":\"" + endpoint + "\"");
    assertTrue(claims.contains(endpoint), claims);
    return Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(claims.getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[1];
  }

  /** A real ticket issued an hour ago by the server, so it expired 50 minutes ago. */
  private String expiredTicket() throws IOException {
    fixture.serverClock.set(Duration.ofHours(-1));
    try {
      return fixture.tickets("bob").ticket();
    } finally {
      fixture.serverClock.set(Duration.ZERO);
    }
  }

  @Test
  void unknownPathsGetAJson404() throws IOException {
    try (Response r = call("GET", "nothing/here", bobTicket)) {
      assertEquals(404, r.code());
      assertTrue(JSON.readTree(r.body().string()).has("error"));
    }
  }

  @Test
  void routesAddedBeforeStartAreServed() throws IOException {
    HttpServlet advertisement =
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest req, HttpServletResponse resp)
              throws IOException {
            resp.setContentType("application/json");
            resp.getOutputStream().write("{\"v\":1}".getBytes(StandardCharsets.UTF_8));
          }
        };
    try (PeerServer withRoute =
        PeerServer.builder(
                PeerSettings.loopback(), fixture.tickets("alice").verifier(), "photos", folder)
            .route("/advertisement", advertisement)
            .start()) {
      Request request = new Request.Builder().url(withRoute.baseUri() + "advertisement").build();
      try (Response r = fixture.http.newCall(request).execute()) {
        assertEquals(200, r.code());
        assertEquals("{\"v\":1}", r.body().string());
      }
    }
  }

  @Test
  void theLanAdvertisementMountsOnThePeerPortAndAnswersTicketHolders() throws IOException {
    TicketVerifier verifier = newVerifier();
    Advertisement ad = Advertisement.of("alice", 42, 7070, Map.of("photos", 5L));
    try (PeerServer withAd =
        PeerServer.builder(PeerSettings.loopback(), verifier, "photos", folder)
            .route(
                AdvertisementServlet.PATH,
                new AdvertisementServlet(() -> ad, t -> verifier.check(t).map(Ticket::namespaces)))
            .start()) {
      String url = withAd.baseUri() + AdvertisementServlet.PATH.substring(1);
      Request withTicket =
          new Request.Builder().url(url).header("Authorization", "Bearer " + bobTicket).build();
      try (Response r = fixture.http.newCall(withTicket).execute()) {
        assertEquals(200, r.code());
      }
      try (Response r = fixture.http.newCall(new Request.Builder().url(url).build()).execute()) {
        assertEquals(401, r.code());
      }
    }
  }

  @Test
  void routesCannotTakeOverTheBlocks() {
    var builder = PeerServer.builder(PeerSettings.loopback(), newVerifier(), "photos", folder);
    assertThrows(
        IllegalArgumentException.class, () -> builder.route("/blocks/*", new HttpServlet() {}));
  }

  private TicketVerifier newVerifier() {
    try {
      return fixture.tickets("alice").verifier();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aboveTheUploadLimitRequestersGet503WithRetryAfter() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    BlockProvider slow =
        hash -> {
          entered.countDown();
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return folder.locate(hash);
        };
    WantedBlock b = folder.block(0);
    try (PeerServer limited =
        PeerServer.start(
            PeerSettings.loopback().withMaxUploads(1), newVerifier(), "photos", slow)) {
      Request request =
          new Request.Builder()
              .url(limited.baseUri() + "blocks/" + b.hash())
              .header("Authorization", "Bearer " + bobTicket)
              .build();
      Call first = fixture.http.newCall(request);
      var firstAnswer = new java.util.concurrent.CompletableFuture<Integer>();
      Thread t =
          new Thread(
              () -> {
                try (Response r = first.execute()) {
                  r.body().bytes();
                  firstAnswer.complete(r.code());
                } catch (IOException e) {
                  firstAnswer.completeExceptionally(e);
                }
              });
      t.start();
      assertTrue(entered.await(20, TimeUnit.SECONDS), "the first upload started");
      assertEquals(1, limited.uploadsInFlight());
      try (Response second = fixture.http.newCall(request).execute()) {
        assertEquals(503, second.code());
        assertEquals("1", second.header("Retry-After"));
      }
      release.countDown();
      assertEquals(200, firstAnswer.get(20, TimeUnit.SECONDS));
      try (Response third = fixture.http.newCall(request).execute()) {
        assertEquals(200, third.code());
      }
    }
  }

  @Test
  void theProviderIsNotAskedWithoutAValidTicket() throws IOException {
    int[] asked = {0};
    BlockProvider counting =
        hash -> {
          asked[0]++;
          return Optional.empty();
        };
    try (PeerServer p =
        PeerServer.start(PeerSettings.loopback(), newVerifier(), "photos", counting)) {
      Request request =
          new Request.Builder()
              .url(p.baseUri() + "blocks/" + folder.block(0).hash())
              .header("Authorization", "Bearer " + outsiderTicket)
              .build();
      try (Response r = fixture.http.newCall(request).execute()) {
        assertEquals(403, r.code());
      }
    }
    assertEquals(0, asked[0]);
  }
}
