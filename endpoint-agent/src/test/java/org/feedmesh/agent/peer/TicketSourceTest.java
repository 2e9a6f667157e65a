package org.feedmesh.agent.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.server.accounts.Grant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tickets and the key fetched from a real in-process feed server, with clocks the test moves. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PeerFixture.Shared.class)
class TicketSourceTest {
  private PeerFixture fixture;
  private final MutableClock agentClock = new MutableClock();

  @BeforeAll
  void start(PeerFixture fixture) throws IOException {
    this.fixture = fixture;
    fixture.namespace("photos");
    fixture.namespace("music");
  }

  @AfterEach
  void resetClocks() {
    fixture.serverClock.set(Duration.ZERO);
    agentClock.set(Duration.ZERO);
  }

  private TicketSource source(String id, URI... servers) {
    String token = Tokens.secure().newToken();
    fixture
        .server
        .accounts()
        .createEndpoint(
            id,
            null,
            java.util.Map.of("photos", Grant.readWrite(), "music", Grant.readOnly()),
            false,
            Tokens.hash(token));
    List<URI> urls = servers.length == 0 ? List.of(fixture.serverUri()) : List.of(servers);
    return new TicketSource(fixture.http, urls, token, agentClock);
  }

  @Test
  void theTicketItFetchesIsAcceptedByAVerifierWithTheServersKey() throws Exception {
    TicketSource source = source("erin");
    Ticket ticket = source.verifier().verify(source.ticket());
    assertEquals("erin", ticket.endpointId());
    assertEquals(Set.of("music", "photos"), ticket.namespaces());
  }

  @Test
  void theSameTicketIsReusedUntilTwoThirdsOfItsLifetimeHavePassed() throws Exception {
    TicketSource source = source("frank");
    String first = source.ticket();
    fixture.serverClock.advance(Duration.ofMinutes(6)); // a new ticket would differ
    agentClock.advance(Duration.ofMinutes(6));
    assertEquals(first, source.ticket());
  }

  @Test
  void aTicketIsRenewedOnceTwoThirdsOfItsLifetimeHavePassed() throws Exception {
    TicketSource source = source("grace");
    String first = source.ticket();
    fixture.serverClock.advance(Duration.ofMinutes(7));
    agentClock.advance(Duration.ofMinutes(7));
    String renewed = source.ticket();
    assertNotEquals(first, renewed);
    TicketVerifier verifier = new TicketVerifier(source.peerKey(), agentClock);
    assertTrue(verifier.verify(renewed).expires().isAfter(verifier.verify(first).expires()));
  }

  @Test
  void whenRenewingFailsTheCurrentTicketServesUntilItExpires() throws Exception {
    TicketSource source = source("heidi");
    String first = source.ticket();
    fixture.server.accounts().revokeEndpoint("heidi"); // the server now refuses to renew
    agentClock.advance(Duration.ofMinutes(8));
    assertEquals(first, source.ticket());
    agentClock.advance(Duration.ofMinutes(3));
    IOException e = assertThrows(IOException.class, source::ticket);
    assertTrue(e.getMessage().contains("401"), e.getMessage());
  }

  @Test
  void aServerThatIsDownIsSkippedForTheNextOne() throws Exception {
    URI dead;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = URI.create("http://127.0.0.1:" + s.getLocalPort());
    }
    TicketSource source = source("ivan", dead, fixture.serverUri());
    assertEquals("ivan", source.verifier().verify(source.ticket()).endpointId());
  }

  @Test
  void manyThreadsAskingAtOnceAllGetAValidTicket() throws Exception {
    TicketSource source = source("judy");
    TicketVerifier verifier = source.verifier();
    source.ticket();
    agentClock.advance(Duration.ofMinutes(7)); // every caller finds renewal due
    fixture.serverClock.advance(Duration.ofMinutes(7));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        answers.add(pool.submit(source::ticket));
      }
      for (Future<String> f : answers) {
        assertEquals("judy", verifier.verify(f.get()).endpointId());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anAdminTokenGetsNoTicket() throws Exception {
    String admin = org.feedmesh.server.accounts.AdminToken.read(fixture.server.adminTokenFile());
    TicketSource source =
        new TicketSource(fixture.http, List.of(fixture.serverUri()), admin, agentClock);
    IOException e = assertThrows(IOException.class, source::ticket);
    assertTrue(e.getMessage().contains("400"), e.getMessage());
  }
}
