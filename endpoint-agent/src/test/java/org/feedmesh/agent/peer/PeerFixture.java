package org.feedmesh.agent.peer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.accounts.Grant;

/**
 * A real feed server in-process (loopback, random port, H2 in a temp folder) that issues the
 * tickets, with a clock tests can move, and endpoints registered through the account store.
 */
final class PeerFixture implements AutoCloseable {
  final MutableClock serverClock = new MutableClock();
  final FeedServer server;
  final OkHttpClient http = new OkHttpClient();
  private final Tokens tokens = Tokens.secure();
  private final Map<String, String> tokenOf = new LinkedHashMap<>();

  PeerFixture(Path data) throws IOException {
    server = FeedServer.start(ServerConfig.loopback(data), serverClock, new SecureRandom());
  }

  void namespace(String name) {
    server.accounts().createNamespace(name);
  }

  /** Registers an endpoint that may read and write the namespaces; returns its token. */
  String endpoint(String id, String... namespaces) {
    Map<String, Grant> grants = new LinkedHashMap<>();
    for (String ns : namespaces) {
      grants.put(ns, Grant.readWrite());
    }
    String token = tokens.newToken();
    server.accounts().createEndpoint(id, null, grants, false, Tokens.hash(token));
    tokenOf.put(id, token);
    return token;
  }

  TicketSource tickets(String endpointId) {
    return new TicketSource(
        http, List.of(server.baseUri()), tokenOf.get(endpointId), java.time.Clock.systemUTC());
  }

  URI serverUri() {
    return server.baseUri();
  }

  @Override
  public void close() {
    server.close();
  }
}
