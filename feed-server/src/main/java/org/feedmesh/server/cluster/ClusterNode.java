package org.feedmesh.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.db.replication.ChangeApplier;
import org.feedmesh.platform.db.replication.ChangeLog;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.ServerExtension;
import org.feedmesh.server.accounts.AdminToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server process of a primary/standby pair: starts it in the role its state file (or {@code
 * --standby-of}) says, and changes role on the same port when the pair says so: a standby that
 * took over starts a {@link FeedServer} as primary; a primary that learns of a newer epoch stops
 * and becomes the standby of the server that has it, copying it before it serves again. The
 * {@link ServerExtension}s it is given (the browser view) are served while it is primary.
 *
 * <p>Role changes run on one thread of their own, never on a request thread. Thread-safe.
 */
public final class ClusterNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

  private final ClusterSettings settings;
  private final NodeStateFile state;
  private final Clock clock;
  private final SecureRandom random;
  private final List<ServerExtension> extensions;
  private final ExecutorService roleChanges;
  private final PeerClient peers;
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private ServerConfig config;
  private volatile FeedServer primary;
  private volatile StandbyServer standby;
  private volatile boolean closed;

  private ClusterNode(
      ServerConfig config,
      ClusterSettings settings,
      Clock clock,
      SecureRandom random,
      List<ServerExtension> extensions)
      throws IOException {
    this.config = config;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
    this.extensions = List.copyOf(extensions);
    Files.createDirectories(config.dataDir());
    NodeState initial =
        settings.standbyOf().isPresent()
            ? NodeState.standbyOf(baseUrl(settings.standbyOf().get().toString()), 1)
            : NodeState.firstPrimary();
    this.state = NodeStateFile.open(config.dataDir(), initial);
    this.peers = new PeerClient(this::token, settings.probeTimeout());
    this.roleChanges =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "cluster-role");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the server in the role its state gives it. */
  public static ClusterNode start(ServerConfig config, ClusterSettings settings)
      throws IOException {
    return start(config, settings, List.of());
  }

  /** Starts the server in the role its state gives it, serving {@code extensions} as primary. */
  public static ClusterNode start(
      ServerConfig config, ClusterSettings settings, List<ServerExtension> extensions)
      throws IOException {
    return start(config, settings, Clock.systemUTC(), new SecureRandom(), extensions);
  }

  public static ClusterNode start(
      ServerConfig config, ClusterSettings settings, Clock clock, SecureRandom random)
      throws IOException {
    return start(config, settings, clock, random, List.of());
  }

  public static ClusterNode start(
      ServerConfig config,
      ClusterSettings settings,
      Clock clock,
      SecureRandom random,
      List<ServerExtension> extensions)
      throws IOException {
    ClusterNode node =
        new ClusterNode(
            Objects.requireNonNull(config, "config"),
            Objects.requireNonNull(settings, "settings"),
            clock,
            random,
            Objects.requireNonNull(extensions, "extensions"));
    NodeState s = node.state.get();
    if (settings.standbyOf().isPresent() && s.role() == Role.PRIMARY) {
      log.warn("--standby-of is set, but this server took over as primary (epoch {}); it stays"
          + " primary until it learns of a newer epoch", s.epoch());
    }
    if (s.role() == Role.PRIMARY) {
      node.startPrimary();
    } else {
      node.startStandby();
    }
    return node;
  }

  /** The normalized base URL ({@code .../} at the end) of a server. */
  public static URI baseUrl(String url) {
    URI u = URI.create(url.strip());
    return u.getPath() == null || u.getPath().endsWith("/") ? u : URI.create(u + "/");
  }

  private String token() {
    if (settings.clusterToken().isPresent()) {
      return settings.clusterToken().get();
    }
    try {
      return AdminToken.read(config.dataDir().resolve(AdminToken.FILE_NAME));
    } catch (IOException e) {
      throw new UncheckedIOException("the pair needs the admin token in "
          + config.dataDir().resolve(AdminToken.FILE_NAME), e);
    }
  }

  private URI self(int port) {
    return config.publicUrl().map(u -> baseUrl(u.toString()))
        .orElse(URI.create("http://" + ("0.0.0.0".equals(config.host()) ? "127.0.0.1" : config.host())
            + ":" + port + "/"));
  }

  private void startPrimary() throws IOException {
    ReplicationSource source =
        new ReplicationSource(
            state, settings, peers, () -> self(primary.port()), this::demoteLater);
    PrimaryMember member =
        new PrimaryMember(source, settings, config.dataDir().resolve("replication-tmp"));
    FeedServer server = FeedServer.start(config, clock, random, member, extensions);
    config = config.withPort(server.port());
    primary = server;
    log.info("serving as primary, epoch {}", state.get().epoch());
  }

  private void startStandby() throws IOException {
    StandbyServer server =
        new StandbyServer(config, settings, state, peers, Tokens.hash(token()), this::promoteLater);
    config = config.withPort(server.port());
    standby = server;
    log.info("serving as standby of {}, epoch {}", state.get().peer().orElse(null), state.get().epoch());
  }

  private void promoteLater() {
    roleChanges.execute(
        () -> {
          try {
            StandbyServer old = standby;
            standby = null;
            if (old != null) {
              old.close();
            }
            prepareDatabaseForPromotion(config.dataDir());
            if (!closed) {
              startPrimary();
            }
          } catch (IOException | RuntimeException e) {
            log.error("could not start serving as primary after taking over", e);
          }
        });
  }

  private void demoteLater(long newerEpoch) {
    roleChanges.execute(
        () -> {
          try {
            FeedServer old = primary;
            primary = null;
            if (old != null) {
              old.close();
            }
            NodeState s = state.get();
            state.set(new NodeState(Math.max(newerEpoch, s.epoch()), Role.STANDBY, s.peer(),
                false, 0, false));
            if (!closed) {
              startStandby();
            }
          } catch (IOException | RuntimeException e) {
            log.error("could not become a standby after learning of epoch {}", newerEpoch, e);
          }
        });
  }

  /**
   * Makes a standby's copy ready to approve: identity columns continue above their rows, and the
   * log gets a new identity, so a follower of the old primary's log starts from a snapshot.
   */
  static void prepareDatabaseForPromotion(Path dataDir) throws IOException {
    try (Database db = Database.open(dataDir, FeedServer.DATABASE_NAME)) {
      ChangeApplier.restartIdentities(db);
      new ChangeLog(db).startNewLog();
    }
  }

  /** Role, epoch and lag of this server now. */
  public ClusterView view() {
    FeedServer p = primary;
    if (p != null) {
      return p.cluster();
    }
    StandbyServer s = standby;
    if (s != null) {
      return s.view();
    }
    NodeState n = state.get();
    return new ClusterView(n.role(), n.epoch(), false, n.peer().map(URI::toString), 0, "changing");
  }

  /** The feed server while this node is primary. */
  public Optional<FeedServer> feedServer() {
    return Optional.ofNullable(primary);
  }

  public int port() {
    return config.port();
  }

  /** Blocks until {@link #close()}. */
  public void awaitClose() throws InterruptedException {
    closedLatch.await();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    roleChanges.shutdown();
    try {
      roleChanges.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    FeedServer p = primary;
    if (p != null) {
      p.close();
    }
    StandbyServer s = standby;
    if (s != null) {
      s.close();
    }
    peers.close();
    closedLatch.countDown();
  }
}
