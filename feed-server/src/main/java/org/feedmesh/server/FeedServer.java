package org.feedmesh.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedmesh.feedsync.xml.XmlLimits;
import org.feedmesh.lookup.BlobLookup;
import org.feedmesh.lookup.LookupSettings;
import org.feedmesh.platform.auth.AuthFeature;
import org.feedmesh.platform.auth.AuthFilter;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.http.HttpServer;
import org.feedmesh.platform.metrics.MetricsResource;
import org.feedmesh.platform.metrics.RequestMetrics;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.accounts.AccountsAuthenticator;
import org.feedmesh.server.accounts.AdminToken;
import org.feedmesh.server.accounts.Endpoint;
import org.feedmesh.server.admin.AdminResource;
import org.feedmesh.server.admin.RegistryResource;
import org.feedmesh.server.atompub.Entries;
import org.feedmesh.server.atompub.ItemResource;
import org.feedmesh.server.atompub.ServiceResource;
import org.feedmesh.server.cluster.ClusterMember;
import org.feedmesh.server.cluster.ClusterView;
import org.feedmesh.server.feeds.FeedErrorMapper;
import org.feedmesh.server.feeds.FeedResource;
import org.feedmesh.server.hub.FeedNotificationWriter;
import org.feedmesh.server.hub.Hub;
import org.feedmesh.server.hub.HubResource;
import org.feedmesh.server.hub.SubscriberRights;
import org.feedmesh.server.journal.ItemCodec;
import org.feedmesh.server.journal.Journal;
import org.feedmesh.server.locators.BlobLocators;
import org.feedmesh.server.notify.CursorWaiters;
import org.feedmesh.server.notify.LongPoll;
import org.feedmesh.server.registry.PeerReports;
import org.feedmesh.server.status.StatusResource;
import org.feedmesh.server.status.StatusStore;
import org.feedmesh.server.tickets.PeerKey;
import org.feedmesh.server.tickets.PeerKeyResource;
import org.feedmesh.server.tickets.TicketIssuer;
import org.feedmesh.server.tickets.TicketResource;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the feed server: builds the database, the stores, the resources and the
 * HTTP server through constructors, and owns their lifecycle. {@link #start} returns a running
 * server; {@link #close} stops HTTP first, then closes the database.
 */
public final class FeedServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedServer.class);

  /** File name of the database under the data directory ({@code feedmesh.mv.db}). */
  public static final String DATABASE_NAME = "feedmesh";

  private final ServerConfig config;
  private final Database db;
  private final AccountStore accounts;
  private final Journal journal;
  private final StatusStore status;
  private final ScheduledExecutorService timeouts;
  private final ExecutorService answers;
  private final CursorWaiters waiters;
  private final PrometheusMeterRegistry metrics;
  private final Hub hub;
  private final BlobLookup lookup;
  private final HttpServer http;
  private final Path adminTokenFile;
  private final ClusterMember cluster;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<AutoCloseable> installed = new ArrayList<>();

  private FeedServer(
      ServerConfig config,
      Clock clock,
      SecureRandom random,
      ClusterMember cluster,
      List<ServerExtension> extensions)
      throws IOException {
    this.config = config;
    this.cluster = cluster;
    Files.createDirectories(config.dataDir());
    this.db =
        Database.open(
            config.dataDir(),
            DATABASE_NAME,
            Database.DEFAULT_MAX_CONNECTIONS,
            cluster.commitHook());
    this.timeouts = Executors.newSingleThreadScheduledExecutor(threads("longpoll-timer"));
    // Answering a long-poll writes its page on one of these threads, so a slow client holds one;
    // enough of them that a few slow readers do not delay everybody else's wake-up.
    this.answers = Executors.newFixedThreadPool(16, threads("longpoll-answer"));
    Hub startedHub = null;
    BlobLookup startedLookup = null;
    try {
      Tokens tokens = new Tokens(random);
      this.accounts = new AccountStore(db, clock);
      this.adminTokenFile = AdminToken.ensure(config.dataDir(), accounts, tokens);
      this.journal = new Journal(db, new ItemCodec(), clock);
      this.status = new StatusStore(db, journal, clock);
      this.waiters = new CursorWaiters(timeouts, answers);
      LongPoll longPoll = new LongPoll(waiters);
      XmlLimits limits = XmlLimits.DEFAULT.withMaxInputBytes(config.maxBodyBytes());
      Entries entries = new Entries(journal, limits, clock);

      this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      Gauge.builder("feedmesh.namespaces", accounts, a -> a.namespaces().size())
          .description("namespaces on this server")
          .register(metrics);
      Gauge.builder("feedmesh.journal.entries", journal, Journal::size)
          .description("item versions journaled, all namespaces")
          .register(metrics);
      Gauge.builder("feedmesh.longpoll.waiting", waiters, CursorWaiters::size)
          .description("long-poll requests waiting for news")
          .register(metrics);
      this.hub =
          startedHub =
              new Hub(
                  db,
                  journal,
                  new FeedNotificationWriter(),
                  SubscriberRights.of(accounts),
                  config.hub(),
                  clock,
                  random,
                  metrics);
      this.lookup =
          startedLookup =
              BlobLookup.open(
                  db,
                  LookupSettings.defaults(),
                  clock,
                  id -> accounts.endpoint(id).filter(Endpoint::isActive).isPresent());
      BlobLocators locators = new BlobLocators(lookup.service());
      // Order matters: the lookup learns who holds a new version before anyone hears of it, so a
      // long-poll or WebSub subscriber that asks for its blocks at once finds the holder.
      journal.addListener(locators);
      status.addListener(locators);
      accounts.addListener(locators);
      journal.addListener(hub.listener());
      journal.addListener(waiters);
      status.addListener(
          (ns, events, versions) ->
              waiters.advance(StatusResource.KEY_PREFIX + ns, events.get(events.size() - 1).seq()));

      AccountsAuthenticator authenticator = new AccountsAuthenticator(accounts, clock);
      PeerReports peerReports = new PeerReports();
      Set<String> openPaths = new HashSet<>(AuthFilter.DEFAULT_OPEN_PATHS);
      extensions.forEach(e -> openPaths.addAll(e.openPaths()));
      ResourceConfig app =
          new ResourceConfig()
              .register(new AuthFeature(authenticator, openPaths))
              .register(new RequestMetrics(metrics))
              .register(new HealthResource(db, cluster::view))
              .register(new MetricsResource(metrics))
              .register(new AdminResource(accounts, tokens))
              .register(new RegistryResource(accounts, peerReports))
              .register(new StatusResource(status, journal, accounts, longPoll))
              .register(new ServiceResource(accounts, config.publicUrl()))
              .register(
                  new FeedResource(journal, entries, longPoll, config.publicUrl(), limits, metrics))
              .register(new ItemResource(entries))
              .register(new HubResource(hub, config.publicUrl()))
              .register(FeedErrorMapper.class);
      TicketIssuer tickets =
          new TicketIssuer(
              PeerKey.ensure(db, random, clock), accounts, clock, config.ticketLifetime());
      app.register(new TicketResource(tickets)).register(new PeerKeyResource(tickets.key()));
      lookup.addResourcesTo(app);
      ServerParts parts =
          new ServerParts(
              config, clock, random, db, accounts, journal, status,
              lookup.service(), peerReports, metrics);
      for (ServerExtension extension : extensions) {
        installed.add(extension.install(parts, app));
      }
      // After the extensions: they migrate their own tables, which the pair must replicate too.
      cluster.join(db, app);
      this.http = new HttpServer(config.http(), app);
      FunctionCounter.builder("feedmesh.http.response.bytes", http, HttpServer::bytesWritten)
          .description("response body bytes the server sent, every request and status")
          .baseUnit("bytes")
          .register(metrics);
      http.start();
    } catch (IOException | RuntimeException e) {
      closeInstalled();
      if (startedHub != null) {
        startedHub.close();
      }
      if (startedLookup != null) {
        startedLookup.close();
      }
      timeouts.shutdownNow();
      answers.shutdownNow();
      db.close();
      throw e;
    }
  }

  private void closeInstalled() {
    for (AutoCloseable c : installed) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("an extension did not close cleanly", e);
      }
    }
    installed.clear();
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Starts a server with the system clock and a fresh {@link SecureRandom}. */
  public static FeedServer start(ServerConfig config) throws IOException {
    return start(config, Clock.systemUTC(), new SecureRandom());
  }

  public static FeedServer start(ServerConfig config, Clock clock, SecureRandom random)
      throws IOException {
    return start(config, clock, random, ClusterMember.STANDALONE, List.of());
  }

  /** Starts a server that also serves the given extensions (see {@link ServerExtension}). */
  public static FeedServer start(
      ServerConfig config, Clock clock, SecureRandom random, List<ServerExtension> extensions)
      throws IOException {
    return start(config, clock, random, ClusterMember.STANDALONE, extensions);
  }

  /** Starts a server that is one of a primary/standby pair ({@code cluster}). */
  public static FeedServer start(
      ServerConfig config, Clock clock, SecureRandom random, ClusterMember cluster)
      throws IOException {
    return start(config, clock, random, cluster, List.of());
  }

  /**
   * Starts a server that is one of a primary/standby pair ({@code cluster}, or {@link
   * ClusterMember#STANDALONE}) and also serves the given extensions.
   */
  public static FeedServer start(
      ServerConfig config,
      Clock clock,
      SecureRandom random,
      ClusterMember cluster,
      List<ServerExtension> extensions)
      throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(cluster, "cluster");
    FeedServer server = new FeedServer(config, clock, random, cluster, List.copyOf(extensions));
    log.info(
        "FeedMesh feed server listening on {}:{} (locally {}), data in {}",
        config.host(),
        server.port(),
        server.baseUri(),
        config.dataDir().toAbsolutePath());
    return server;
  }

  /** Where local clients reach the server, ending in {@code /}. */
  public URI baseUri() {
    return http.baseUri();
  }

  public int port() {
    return http.port();
  }

  public ServerConfig config() {
    return config;
  }

  /** {@code DATA/admin.token}, written on first start. */
  public Path adminTokenFile() {
    return adminTokenFile;
  }

  public AccountStore accounts() {
    return accounts;
  }

  public Journal journal() {
    return journal;
  }

  public StatusStore status() {
    return status;
  }

  public Database database() {
    return db;
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /**
   * Response body bytes this server has sent since it started, every request and status included
   * (also {@code feedmesh_http_response_bytes_total} in {@code /metrics}).
   */
  public long bytesSent() {
    return http.bytesWritten();
  }

  /** The embedded blob lookup ({@code /blobs/...}). */
  public BlobLookup lookup() {
    return lookup;
  }

  /** The WebSub hub. */
  public Hub hub() {
    return hub;
  }

  /** This server's role, epoch and standby lag, as {@code /health} shows them. */
  public ClusterView cluster() {
    return cluster.view();
  }

  /** Stops HTTP (requests in flight finish or fail), then closes the database. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    waiters.close(); // answer every long-poll now, so HTTP can stop at once
    http.close();
    closeInstalled(); // extensions stop before the database closes
    hub.close(); // before the database: distributions in flight stop writing cursors
    lookup.close(); // stops the sweeper
    timeouts.shutdownNow();
    answers.shutdown();
    try {
      answers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    cluster.close();
    db.close();
    metrics.close();
    log.info("FeedMesh feed server stopped");
  }
}
