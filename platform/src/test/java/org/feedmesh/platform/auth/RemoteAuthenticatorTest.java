package org.feedmesh.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.platform.http.HttpServer;
import org.feedmesh.platform.http.HttpSettings;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteAuthenticatorTest {
  private static final AtomicInteger ASKED = new AtomicInteger();

  private final Caller laptop =
      Caller.endpoint("laptop", Map.of("photos", EnumSet.of(Access.READ)), false);
  private HttpServer feedServer;

  @Path("whoami")
  public static final class Whoami {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Caller whoami(@Context Caller caller) {
      ASKED.incrementAndGet();
      return caller;
    }
  }

  @BeforeEach
  void start() throws IOException {
    ASKED.set(0);
    Authenticator local = t -> t.equals("fm_laptop") ? Optional.of(laptop) : Optional.empty();
    feedServer =
        new HttpServer(
            HttpSettings.loopback(),
            new ResourceConfig().register(new AuthFeature(local)).register(Whoami.class));
    feedServer.start();
  }

  @AfterEach
  void stop() {
    feedServer.close();
  }

  private RemoteAuthenticator remote(URI uri, Duration ttl) {
    return new RemoteAuthenticator(
        uri,
        new OkHttpClient(),
        ttl,
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void knownTokenBecomesTheSameCallerAsOnTheFeedServer() {
    assertEquals(
        Optional.of(laptop), remote(feedServer.baseUri(), Duration.ZERO).authenticate("fm_laptop"));
  }

  @Test
  void unknownTokenIsEmpty() {
    assertTrue(remote(feedServer.baseUri(), Duration.ZERO).authenticate("fm_nobody").isEmpty());
  }

  @Test
  void answersAreCachedForTheTtl() {
    RemoteAuthenticator auth = remote(feedServer.baseUri(), Duration.ofSeconds(30));
    auth.authenticate("fm_laptop");
    auth.authenticate("fm_laptop");
    assertEquals(1, ASKED.get());
  }

  @Test
  void unreachableFeedServerIsA503NotAnUnknownToken() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RemoteAuthenticator auth = remote(URI.create("http://127.0.0.1:" + port + "/"), Duration.ZERO);
    assertEquals(
        503, assertThrows(ApiException.class, () -> auth.authenticate("fm_laptop")).status());
  }
}
