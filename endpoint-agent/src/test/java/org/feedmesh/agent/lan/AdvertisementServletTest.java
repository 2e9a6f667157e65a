package org.feedmesh.agent.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.feedmesh.agent.lan.DecodeException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TCP form, {@code GET /advertisement}, served by a real Jetty and asked by OkHttp. */
class AdvertisementServletTest {
  private static final Map<String, Set<String>> TICKETS =
      Map.of(
          "ticket-photos", Set.of("photos"),
          "ticket-all", Set.of("photos", "docs"),
          "ticket-music", Set.of("music"));

  private final AtomicReference<Advertisement> current =
      new AtomicReference<>(
          Advertisement.of("laptop", 77, 7000, Map.of("photos", 12L, "docs", 3L)));
  private final OkHttpClient http =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
  private final LanPeers peers = new LanPeers(Clock.systemUTC(), Duration.ofSeconds(90));
  private Server server;
  private URI base;

  @BeforeEach
  void startPeerServer() throws Exception {
    server =
        start(new AdvertisementServlet(current::get, t -> Optional.ofNullable(TICKETS.get(t))));
    base = baseOf(server);
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private static Server start(HttpServlet servlet) throws Exception {
    Server s = new Server(new InetSocketAddress("127.0.0.1", 0));
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(servlet), AdvertisementServlet.PATH);
    s.setHandler(context);
    s.start();
    return s;
  }

  private static URI baseOf(Server s) {
    return URI.create(
        "http://127.0.0.1:" + ((ServerConnector) s.getConnectors()[0]).getLocalPort() + "/");
  }

  private AdvertisementClient client(String ticket) {
    return new AdvertisementClient(http, () -> ticket);
  }

  @Test
  void aPeerKnownByAddressIsAskedOverTcpAndJoinsTheTable() throws IOException {
    LanPeer p = client("ticket-all").fetchInto(base, peers);

    assertEquals("laptop", p.endpointId());
    assertEquals(LanPeer.Via.TCP, p.via());
    assertEquals(Map.of("docs", 3L, "photos", 12L), p.cursors());
    assertEquals(
        List.of(new LanCandidate("laptop", base, 12)),
        peers.candidatesFor("photos", 12),
        "the candidate is the address and port that answered");
  }

  @Test
  void theAnswerIsTheCurrentAdvertisement() throws IOException {
    assertEquals(12L, client("ticket-all").fetch(base).cursors().get("photos"));
    current.set(current.get().withCursors(Map.of("photos", 13L, "docs", 3L)));
    assertEquals(13L, client("ticket-all").fetch(base).cursors().get("photos"));
  }

  @Test
  void theAnswerShowsOnlyTheNamespacesTheTicketGrants() throws IOException {
    assertEquals(Map.of("photos", 12L), client("ticket-photos").fetch(base).cursors());
  }

  @Test
  void theAnswerIsTheBinaryFormOfTheDatagram() throws IOException {
    Request r =
        new Request.Builder()
            .url(base.resolve("advertisement").toString())
            .header("Authorization", "Bearer ticket-all")
            .build();
    try (Response response = http.newCall(r).execute()) {
      assertEquals(200, response.code());
      assertEquals(AdvertisementServlet.MEDIA_TYPE, response.header("Content-Type"));
      assertEquals("no-store", response.header("Cache-Control"));
      byte[] expected =
          AdvertisementCodec.encode(current.get(), AdvertisementCodec.MAX_DATAGRAM_BYTES);
      assertEquals(
          HexFormat.of().formatHex(expected), HexFormat.of().formatHex(response.body().bytes()));
    }
  }

  @ParameterizedTest(name = "Authorization: {0}")
  @ValueSource(strings = {"", "Bearer", "Bearer nope", "Basic dGlja2V0LWFsbA==", "ticket-all"})
  void withoutAValidTicketTheAnswerIs401AndNothingIsShown(String authorization) throws IOException {
    Request.Builder b = new Request.Builder().url(base.resolve("advertisement").toString());
    if (!authorization.isEmpty()) {
      b.header("Authorization", authorization);
    }
    try (Response response = http.newCall(b.build()).execute()) {
      assertEquals(401, response.code());
      assertEquals("Bearer", response.header("WWW-Authenticate"));
      String body = response.body().string();
      assertTrue(body.startsWith("{\"error\": "), body);
      assertTrue(!body.contains("laptop") && !body.contains("photos"), body);
    }
  }

  @Test
  void aTicketSharingNoNamespaceGets403() {
    IOException e = assertThrows(IOException.class, () -> client("ticket-music").fetch(base));
    assertTrue(e.getMessage().contains("answered 403"), e.getMessage());
    assertEquals(List.of(), peers.peers());
  }

  @Test
  void anInvalidTicketIsRefusedAndNothingEntersTheTable() {
    IOException e = assertThrows(IOException.class, () -> client("forged").fetchInto(base, peers));
    assertTrue(e.getMessage().contains("answered 401"), e.getMessage());
    assertEquals(List.of(), peers.peers());
  }

  /** A peer that answers 200 with the given bytes. */
  private static final class Junk extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient byte[] body;

    Junk(byte[] body) {
      this.body = body;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setStatus(200);
      resp.getOutputStream().write(body);
    }
  }

  @Test
  void aPeerAnsweringGarbageIsRefusedAndNotRecorded() throws Exception {
    Server junk = start(new Junk("<html>hello</html>".getBytes(StandardCharsets.UTF_8)));
    try {
      DecodeException e =
          assertThrows(
              DecodeException.class, () -> client("ticket-all").fetchInto(baseOf(junk), peers));
      assertEquals(Reason.BAD_MAGIC, e.reason());
      assertEquals(List.of(), peers.peers());
    } finally {
      junk.stop();
    }
  }

  @Test
  void aPeerAnsweringMoreThan64KiBIsRefused() throws Exception {
    byte[] valid = AdvertisementCodec.encode(current.get(), 1200);
    byte[] huge = Arrays.copyOf(valid, 1 << 20);
    Server junk = start(new Junk(huge));
    try {
      DecodeException e =
          assertThrows(DecodeException.class, () -> client("ticket-all").fetch(baseOf(junk)));
      assertEquals(Reason.OVERSIZED, e.reason());
    } finally {
      junk.stop();
    }
  }
}
