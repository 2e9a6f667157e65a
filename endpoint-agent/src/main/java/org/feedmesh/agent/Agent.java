package org.feedmesh.agent;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.feedmesh.agent.blocks.FileHasher;
import org.feedmesh.agent.index.AgentIndex;
import org.feedmesh.agent.peer.BlockFetcher;
import org.feedmesh.agent.peer.PeerServer;
import org.feedmesh.agent.peer.TicketSource;
import org.feedmesh.agent.scan.FolderMissingException;
import org.feedmesh.agent.scan.FolderScanner;
import org.feedmesh.agent.scan.FolderWatcher;
import org.feedmesh.agent.scan.IgnoreRules;
import org.feedmesh.agent.scan.ScanProgress;
import org.feedmesh.agent.sync.AbandonedTempFiles;
import org.feedmesh.agent.sync.JournalPage;
import org.feedmesh.agent.sync.RemoteBlocks;
import org.feedmesh.agent.sync.SafePaths;
import org.feedmesh.agent.sync.ServerApi;
import org.feedmesh.agent.sync.SyncEngine;
import org.feedmesh.agent.sync.Transfers;
import org.feedmesh.agent.sync.Versions;
import org.feedmesh.lookup.client.LookupClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint agent's composition root: opens the index, starts the peer port, scans and
 * publishes the folder, watches it, follows the journal and applies it, announces itself. All sync
 * steps run one at a time on the sync thread; block downloads run in parallel inside a step.
 */
public final class Agent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);

  private final AgentConfig config;
  private final Clock clock;
  private final OkHttpClient http;
  private final ServerApi api;
  private final String me;
  private final AgentIndex index;
  private final PeerServer peers;
  private final SyncEngine engine;
  private final FolderScanner scanner;
  private final Transfers transfers = new Transfers();
  private final ExecutorService sync;
  private final ScheduledExecutorService timers;
  private final Thread follower;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final LocatorUpdates locators;
  private final Versions versions;
  private final BlockFetcher fetcher;
  private final LanNode lan;
  private FolderWatcher watcher;
  private volatile List<URI> peerUrls = List.of();

  private Agent(AgentConfig config, Clock clock) throws IOException {
    this.config = config;
    this.clock = clock;
    // Every call to the feed server goes to the server that approves updates now; when it does not
    // answer, the interceptor turns to the standby and says so (seed 002).
    var servers = new org.feedmesh.platform.cluster.ServerSet(
        config.servers().stream().map(u -> okhttp3.HttpUrl.get(u.toString())).toList());
    this.http = new OkHttpClient.Builder()
        // up to 32 block downloads, the long-poll and the server calls at once: keep them all
        // alive instead of OkHttp's default 5 idle connections (a new TCP connection per block)
        .connectionPool(new okhttp3.ConnectionPool(64, 1, java.util.concurrent.TimeUnit.MINUTES))
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(60))
        .socketFactory(new org.feedmesh.platform.http.NoDelaySockets()) // no 40 ms per streamed body
        .addInterceptor(
            new org.feedmesh.platform.cluster.FailoverInterceptor(servers, config.failoverTimeout()))
        .build();
    URI server = config.servers().get(0);
    this.api = new ServerApi(http, server, config.token(), config.namespace(), clock);
    this.me = api.whoami();
    Files.createDirectories(config.folder());
    Files.createDirectories(config.stateDir());
    this.index = AgentIndex.open(config.stateDir());
    checkOwner();
    markFolder();
    TicketSource tickets = new TicketSource(http, config.servers(), config.token(), clock);
    SafePaths paths = new SafePaths(config.folder());
    var local = new org.feedmesh.agent.sync.LocalBlocks(config.folder(), index);
    var verifier = tickets.verifier();
    this.lan = new LanNode(me, config.namespace(), config.lan(), config.peers(), http, tickets, clock);
    this.peers = PeerServer.builder(
            org.feedmesh.agent.peer.PeerSettings.of(config.peerHost(), config.peerPort()),
            verifier.forAudience(me), // only tickets issued for this peer: no replay from elsewhere
            config.namespace(),
            local)
        .route(org.feedmesh.agent.lan.AdvertisementServlet.PATH, lan.servlet(verifier))
        .start();
    this.peerUrls = config.peerUrls().isEmpty() ? derivePeerUrls(server, peers.port()) : config.peerUrls();
    LookupClient lookup = new LookupClient(http, server, config.token());
    this.fetcher = new BlockFetcher(http, org.feedmesh.agent.peer.FetchSettings.DEFAULT.withConcurrency(8, 32),
        peer -> tickets.ticketFor(peer.endpointId()));
    this.locators = new LocatorUpdates(lookup, me, config.namespace(), index, paths);
    RemoteBlocks remote = new RemoteBlocks(lookup, fetcher, me, lan.hints(), config.useLookup());
    this.versions = new Versions(config.folder(), config.versionsRetention(), clock);
    this.scanner = new FolderScanner(
        config.folder(), index, IgnoreRules.load(config.folder()), new FileHasher(config.chunker()));
    this.engine = new SyncEngine(api, me, index, scanner, paths, versions, remote, transfers, locators, clock);
    this.sync = Executors.newSingleThreadExecutor(named("feedmesh-sync"));
    this.timers = Executors.newScheduledThreadPool(1, named("feedmesh-timers"));
    this.follower = new Thread(this::follow, "feedmesh-follow");
    this.follower.setDaemon(true);
  }

  /** Starts an agent: the first scan is published before this returns. */
  public static Agent start(AgentConfig config) throws IOException {
    return start(config, Clock.systemUTC());
  }

  public static Agent start(AgentConfig config, Clock clock) throws IOException {
    Agent a = new Agent(config, clock);
    try {
      a.begin();
    } catch (IOException | RuntimeException e) {
      a.close();
      throw e;
    }
    return a;
  }

  private void begin() throws IOException {
    log.info("agent {} keeps {} in sync with namespace {} at {} (peer port {})",
        me, config.folder(), config.namespace(), config.servers().get(0), peers.port());
    announceQuietly();
    call(() -> {
      engine.republishPending();
      engine.findNeeds();
      ScanProgress progress = config.progressBar() ? ScanProgress.bar() : ScanProgress.NONE;
      int n = engine.rescan(progress);
      log.info("first scan: {} change(s) published", n);
      return null;
    });
    lan.start(peers.port(), engine.cursor());
    lan.peers().addListener(change -> timers.execute(() -> writeLocalStatus(lan.report())));
    lan.pollStaticPeers();
    if (!config.peers().isEmpty()) {
      timers.scheduleWithFixedDelay(lan::pollStaticPeers, 10, 10, TimeUnit.SECONDS);
    }
    watcher = new FolderWatcher(config.folder(), scanner.rules(), config.debounce(),
        this::localChanged, this::lostTrackOf);
    watcher.start();
    follower.start();
    long rescan = config.rescanInterval().toMillis();
    timers.scheduleWithFixedDelay(this::rescanSoon, rescan, rescan, TimeUnit.MILLISECONDS);
    long every = config.announceInterval().toMillis();
    timers.scheduleWithFixedDelay(this::announceQuietly, every, every, TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(this::sweepVersions, 1, 24 * 60, TimeUnit.MINUTES);
    timers.scheduleWithFixedDelay(() -> submitVoid(engine::retryNeeded), 2, 2, TimeUnit.SECONDS);
  }

  public String endpointId() {
    return me;
  }

  public URI peerUri() {
    return peers.baseUri();
  }

  public List<URI> peerUrls() {
    return peerUrls;
  }

  public long cursor() {
    return engine.cursor();
  }

  /**
   * How many local changes the server has not taken yet: a moment's worth while a publish is on
   * its way, more while the server is out of reach (see {@code status.json}).
   */
  public long waitingToPublish() {
    return index.pendingCount();
  }

  /** The ignore rules in force: {@code .feedmeshignore} as last read. */
  public IgnoreRules ignoreRules() {
    return scanner.rules();
  }

  public Transfers transfers() {
    return transfers;
  }

  /** LAN peers this agent has heard (UDP or TCP advertisements). */
  public org.feedmesh.agent.lan.LanPeers lanPeers() {
    return lan.peers();
  }

  public PeerServer peerServer() {
    return peers;
  }

  /**
   * Makes the folder's {@code .feedmesh/} marker on first use; refuses to start when it is missing
   * from a folder this agent has synced before (see {@link FolderScanner#checkFolder}).
   */
  private void markFolder() throws IOException {
    Path marker = config.folder().resolve(IgnoreRules.AGENT_DIR);
    if (Files.isDirectory(marker, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    long known = index.localCount();
    if (known > 0) {
      index.close();
      throw new FolderMissingException(config.folder());
    }
    Files.createDirectories(marker);
  }

  /** Runs a full scan now and waits for it (tests and the status command use it). */
  public void rescanNow() throws IOException {
    call(() -> engine.rescan(ScanProgress.NONE));
  }

  private void localChanged(Set<String> paths) {
    submit(() -> {
      if (paths.contains(IgnoreRules.FILE_NAME)) {
        followIgnoreRules();
      }
      return engine.localChanged(paths);
    });
  }

  /**
   * Reads {@code .feedmeshignore} again (it changed here, or arrived from another endpoint) and,
   * when its rules differ from those in force, follows them at once: no restart.
   */
  private void followIgnoreRules() throws IOException {
    IgnoreRules fresh;
    try {
      fresh = IgnoreRules.load(config.folder());
    } catch (java.io.UncheckedIOException e) {
      log.warn("cannot read {} ({}); the ignore rules in force stay", IgnoreRules.FILE_NAME, e.getMessage());
      return;
    }
    if (fresh.equals(scanner.rules())) {
      return;
    }
    log.info("{} changed: {} pattern(s) now; following them without a restart", IgnoreRules.FILE_NAME,
        fresh.patternCount());
    if (watcher != null) {
      watcher.rules(fresh);
    }
    engine.ignoreRulesChanged(fresh);
  }

  /** The watcher lost the events of these directories ("" is the whole folder): scan them. */
  private void lostTrackOf(Set<String> dirs) {
    if (dirs.contains("")) {
      rescanSoon();
    } else {
      submit(() -> engine.rescan(dirs));
    }
  }

  private void rescanSoon() {
    submit(() -> {
      engine.republishPending(); // and versions a failed publish left behind
      followIgnoreRules(); // the safety net covers a missed change of the rules too
      return engine.rescan(ScanProgress.NONE);
    });
  }

  private void follow() {
    long backoff = 500;
    boolean failed = false;
    while (running.get()) {
      try {
        long since = engine.cursor();
        // after a failure, a first call that does not wait: it says at once that the server is back
        JournalPage page = api.changes(since, failed ? 0 : ServerApi.LONG_POLL_SECONDS);
        if (failed && engine.unpublished()) {
          submitVoid(engine::republishNow); // changes a failed publish left behind
        }
        failed = false;
        call(() -> {
          engine.applyPage(page);
          return null;
        });
        if (page.until() != since) {
          lan.cursor(page.until());
        }
        if (!page.items().isEmpty()) {
          announceCursorSoon();
        }
        backoff = 500;
      } catch (IOException | RuntimeException e) {
        if (!running.get()) {
          return;
        }
        log.warn("following the journal failed ({}); retrying in {} ms", e.getMessage(), backoff);
        failed = true;
        sleep(backoff);
        backoff = Math.min(30_000, backoff * 2);
      }
    }
  }

  /**
   * Tells the server the cursor this agent has applied (shown as its lag): at once when the last
   * such announcement is a second old, otherwise at the end of that second, once, with the cursor
   * reached by then. While thousands of entries arrive a page at a time, that is one announcement
   * a second, not one per page.
   */
  private void announceCursorSoon() {
    if (!cursorAnnounceQueued.compareAndSet(false, true)) {
      return; // the one queued will carry the newest cursor
    }
    long wait = lastCursorAnnounce + CURSOR_ANNOUNCE_GAP_NANOS - System.nanoTime();
    timers.schedule(() -> {
      cursorAnnounceQueued.set(false);
      lastCursorAnnounce = System.nanoTime();
      announceQuietly();
    }, Math.max(0, wait), TimeUnit.NANOSECONDS);
  }

  private static final long CURSOR_ANNOUNCE_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);
  private final java.util.concurrent.atomic.AtomicBoolean cursorAnnounceQueued =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile long lastCursorAnnounce = System.nanoTime() - CURSOR_ANNOUNCE_GAP_NANOS;

  private void announceQuietly() {
    try {
      announce();
    } catch (IOException | RuntimeException e) {
      log.warn("could not announce this endpoint's peer addresses to the server: {}", e.getMessage());
    }
  }

  private void announce() throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("addresses", peerUrls.stream().map(URI::toString).toList());
    body.put("cursors", Map.of(config.namespace(), engine == null ? 0L : engine.cursor()));
    Map<String, Object> essentials = new LinkedHashMap<>(body);
    List<Map<String, Object>> moved = transfers.drainForAnnounce();
    if (!moved.isEmpty()) {
      body.put("transfers", moved);
    }
    List<Map<String, Object>> lanPeers = lan == null ? List.of() : lan.report();
    if (!lanPeers.isEmpty()) {
      body.put("lanPeers", lanPeers);
    }
    writeLocalStatus(lanPeers);
    try {
      api.announce(body);
    } catch (org.feedmesh.agent.sync.ServerException e) {
      if (e.status() != 400 || body.size() == essentials.size()) {
        throw e;
      }
      // a server that does not know the transfer and LAN reports still gets the addresses
      api.announce(essentials);
    }
  }

  /** {@code STATE/status.json}: what {@code feedmesh status --folder} shows about this agent. */
  private void writeLocalStatus(List<Map<String, Object>> lanPeers) {
    Map<String, Object> st = new LinkedHashMap<>();
    st.put("endpoint", me);
    st.put("namespace", config.namespace());
    st.put("updated", clock.instant().toString());
    st.put("appliedCursor", engine == null ? 0L : engine.cursor());
    st.put("peerUrls", peerUrls.stream().map(URI::toString).toList());
    st.put("received", transfers.totals());
    st.put("waitingForContent", engine == null ? 0 : engine.needCount());
    st.put("waitingToPublish", waitingToPublish());
    st.put("lanPeers", lanPeers);
    try {
      java.nio.file.Path tmp = config.stateDir().resolve("status.json.tmp");
      Files.write(tmp, STATUS_JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(st));
      Files.move(tmp, config.stateDir().resolve("status.json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      log.debug("could not write status.json: {}", e.getMessage());
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper STATUS_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** Once a day: kept versions past their retention, and temporary files abandoned for a day. */
  private void sweepVersions() {
    submitVoid(() -> {
      versions.sweep(index::removeStoredBlocks);
      int gone = AbandonedTempFiles.sweep(
          config.folder(), clock.instant().minus(Duration.ofDays(1)), index::removeStoredBlocks);
      if (gone > 0) {
        log.info("removed {} temporary file(s) that no download had written to for a day", gone);
      }
    });
  }

  private void checkOwner() {
    String owner = me + " " + config.namespace();
    var stored = index.value("owner");
    if (stored.isPresent() && !stored.get().equals(owner)) {
      throw new IllegalStateException("the state directory " + config.stateDir() + " belongs to "
          + stored.get() + ", not " + owner + "; give this agent its own --state directory");
    }
    index.setValue("owner", owner);
  }

  private interface Step {
    Object run() throws IOException;
  }

  private void submitVoid(VoidStep step) {
    submit(() -> {
      step.run();
      return null;
    });
  }

  private interface VoidStep {
    void run() throws IOException;
  }

  private void submit(Step step) {
    if (!running.get()) {
      return;
    }
    sync.execute(() -> {
      try {
        step.run();
      } catch (FolderMissingException e) {
        log.warn("{}", e.getMessage()); // said as it is: no stack trace
      } catch (IOException | RuntimeException e) {
        log.warn("sync step failed: {}", e.getMessage(), e);
      }
    });
  }

  private void call(Step step) throws IOException {
    try {
      sync.submit(() -> {
        step.run();
        return null;
      }).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    }
  }

  static List<URI> derivePeerUrls(URI server, int port) {
    Set<URI> out = new LinkedHashSet<>();
    boolean loopbackServer = isLoopback(server.getHost());
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp()) {
          continue;
        }
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (a.isLinkLocalAddress() || (a.isLoopbackAddress() && !loopbackServer)) {
            continue;
          }
          String host = a instanceof Inet6Address ? "[" + a.getHostAddress().replaceAll("%.*", "") + "]" : a.getHostAddress();
          out.add(URI.create("http://" + host + ":" + port));
        }
      }
    } catch (IOException e) {
      log.warn("cannot list network interfaces: {}", e.getMessage());
    }
    List<URI> sorted = new ArrayList<>(out);
    sorted.sort((a, b) -> Boolean.compare(a.getHost().startsWith("["), b.getHost().startsWith("[")));
    if (loopbackServer) {
      sorted.removeIf(u -> !isLoopback(u.getHost()));
    }
    return sorted.size() > 8 ? sorted.subList(0, 8) : sorted;
  }

  private static boolean isLoopback(String host) {
    return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running.set(false);
    if (watcher != null) {
      watcher.close();
    }
    follower.interrupt();
    timers.shutdownNow();
    sync.shutdown();
    try {
      sync.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sync.shutdownNow();
    engine.close();
    locators.close();
    fetcher.close();
    lan.close();
    if (peers != null) {
      peers.close();
    }
    http.dispatcher().cancelAll();
    index.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

}
