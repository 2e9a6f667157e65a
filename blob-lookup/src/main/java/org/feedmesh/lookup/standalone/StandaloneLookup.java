package org.feedmesh.lookup.standalone;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.feedmesh.lookup.BlobLookup;
import org.feedmesh.platform.auth.AuthFeature;
import org.feedmesh.platform.auth.Authenticator;
import org.feedmesh.platform.auth.RemoteAuthenticator;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.http.HttpServer;
import org.feedmesh.platform.metrics.MetricsResource;
import org.feedmesh.platform.metrics.RequestMetrics;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a standalone blob lookup ({@code feedmesh lookup}): its own database
 * file, its own HTTP server, tokens vouched for by the feed server's {@code GET /whoami} (cached
 * for {@link LookupConfig#tokenCacheTtl()}, so a revoked token stops working within that bound)
 * plus its own admin token. {@link #start} returns it running; {@link #close} stops HTTP, the
 * sweeper, then the database.
 *
 * <p>Endpoints it knows (for the admin's registrations on an endpoint's behalf) are those that
 * registered or sent a heartbeat here: it owns no accounts.
 */
public final class StandaloneLookup implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StandaloneLookup.class);

  /** File name of the database under the data directory ({@code lookup.mv.db}). */
  public static final String DATABASE_NAME = "lookup";

  private final Database db;
  private final BlobLookup lookup;
  private final HttpServer http;
  private final LocalAdminToken adminToken;
  private final PrometheusMeterRegistry metrics;
  private final AtomicBoolean closed = new AtomicBoolean();

  private StandaloneLookup(LookupConfig config, Clock clock, OkHttpClient client)
      throws IOException {
    Files.createDirectories(config.dataDir());
    adminToken = LocalAdminToken.ensure(config.dataDir(), new Tokens(new SecureRandom()));
    db = Database.open(config.dataDir(), DATABASE_NAME);
    BlobLookup opened = null;
    try {
      opened = BlobLookup.open(db, config.settings(), clock);
      lookup = opened;
      Optional<Authenticator> remote =
          config
              .feedServer()
              .map(u -> new RemoteAuthenticator(u, client, config.tokenCacheTtl(), clock));
      metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ResourceConfig app =
          new ResourceConfig()
              .register(new AuthFeature(new StandaloneAuthenticator(adminToken, remote)))
              .register(new RequestMetrics(metrics))
              .register(new MetricsResource(metrics))
              .register(new LookupHealthResource(db));
      lookup.addResourcesTo(app);
      http = new HttpServer(config.http(), app);
      http.start();
    } catch (IOException | RuntimeException e) {
      if (opened != null) {
        opened.close();
      }
      db.close();
      throw e;
    }
  }

  /**
   * Starts a standalone lookup.
   *
   * @param client used to ask the feed server about tokens (its timeouts apply)
   */
  public static StandaloneLookup start(LookupConfig config, Clock clock, OkHttpClient client)
      throws IOException {
    Objects.requireNonNull(config, "config");
    StandaloneLookup s = new StandaloneLookup(config, clock, client);
    log.info(
        "FeedMesh blob lookup listening on {}:{} (locally {}), data in {}, tokens checked" + " {}",
        config.http().host(),
        s.port(),
        s.baseUri(),
        config.dataDir().toAbsolutePath(),
        config
            .feedServer()
            .map(u -> "with the feed server at " + u)
            .orElse("only against " + s.adminTokenFile()));
    return s;
  }

  public URI baseUri() {
    return http.baseUri();
  }

  public int port() {
    return http.port();
  }

  /** {@code DATA/lookup-admin.token}: this lookup's own admin token. */
  public Path adminTokenFile() {
    return adminToken.file();
  }

  public BlobLookup lookup() {
    return lookup;
  }

  /** Stops HTTP, then the sweeper, then closes the database. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    http.close();
    lookup.close();
    db.close();
    metrics.close();
    log.info("FeedMesh blob lookup stopped");
  }
}
