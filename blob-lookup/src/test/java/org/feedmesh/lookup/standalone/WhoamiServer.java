package org.feedmesh.lookup.standalone;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedmesh.lookup.TokenTable;
import org.feedmesh.platform.auth.AuthFeature;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.http.HttpServer;
import org.feedmesh.platform.http.HttpSettings;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * A tiny real feed server stand-in: {@code GET /whoami} over HTTP on loopback, answering for the
 * tokens of a {@link TokenTable} exactly as the feed server does, and counting the questions.
 */
final class WhoamiServer implements AutoCloseable {
  final TokenTable tokens = new TokenTable();
  final AtomicInteger asked = new AtomicInteger();
  private final HttpServer server;

  @Path("whoami")
  public static final class Whoami {
    private final AtomicInteger asked;

    public Whoami(AtomicInteger asked) {
      this.asked = asked;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Caller whoami(@Context Caller caller) {
      asked.incrementAndGet();
      return caller;
    }
  }

  WhoamiServer() throws IOException {
    ResourceConfig app =
        new ResourceConfig().register(new AuthFeature(tokens)).register(new Whoami(asked));
    server = new HttpServer(HttpSettings.loopback(), app);
    server.start();
  }

  URI baseUri() {
    return server.baseUri();
  }

  @Override
  public void close() {
    server.close();
  }
}
