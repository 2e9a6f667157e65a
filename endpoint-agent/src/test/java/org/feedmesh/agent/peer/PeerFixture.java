package org.feedmesh.agent.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
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
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real feed server in-process (loopback, random port, H2 in a temp folder) that issues the
 * tickets, with a clock tests can move, and endpoints registered through the account store.
 *
 * <p>Starting a feed server takes seconds, so the test classes share one ({@link #shared}), closed
 * when the test run ends; namespaces and endpoints are created once and reused by name. Tests that
 * move {@link #serverClock} put it back.
 */
final class PeerFixture implements AutoCloseable, ExtensionContext.Store.CloseableResource {
  final MutableClock serverClock = new MutableClock();
  final FeedServer server;
  final OkHttpClient http = new OkHttpClient();
  private final Tokens tokens = Tokens.secure();
  private final Map<String, String> tokenOf = new LinkedHashMap<>();

  private final Path data;

  private PeerFixture(Path data) throws IOException {
    this.data = data;
    server = FeedServer.start(ServerConfig.loopback(data), serverClock, new SecureRandom());
  }

  /** Gives test methods a {@code PeerFixture} parameter: the one of this test run. */
  static final class Shared implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == PeerFixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return shared(context);
    }
  }

  /** The feed server of this test run. */
  static PeerFixture shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(
            PeerFixture.class,
            k -> {
              try {
                return new PeerFixture(Files.createTempDirectory("feedmesh-peer-test"));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            PeerFixture.class);
  }

  synchronized void namespace(String name) {
    if (server.accounts().namespace(name).isEmpty()) {
      server.accounts().createNamespace(name);
    }
  }

  /** An endpoint that may read and write the namespaces (created on first use); its token. */
  synchronized String endpoint(String id, String... namespaces) {
    if (tokenOf.containsKey(id)) {
      for (String ns : namespaces) {
        server.accounts().grant(id, ns, Grant.readWrite().access());
      }
      return tokenOf.get(id);
    }
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
    try (var files = Files.walk(data)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }
}
