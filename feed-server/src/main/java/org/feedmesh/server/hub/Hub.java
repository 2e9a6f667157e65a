package org.feedmesh.server.hub;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.db.Database;
import org.feedmesh.server.hub.SubscriptionRequest.Mode;
import org.feedmesh.server.journal.Journal;
import org.feedmesh.server.journal.JournalListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSub hub of the feed server: takes subscription requests ({@link #request}), verifies them
 * ({@link Verifier}), distributes journaled changes ({@link Distributor}, the {@link #listener()}
 * to add to the journal) and sweeps away ended and expired subscriptions. Built and closed by the
 * composition root; thread-safe.
 */
public final class Hub implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Hub.class);

  private final HubSettings settings;
  private final SubscriptionStore store;
  private final Journal journal;
  private final Clock clock;
  private final OkHttpClient http;
  private final ScheduledExecutorService timer;
  private final Verifier verifier;
  private final Distributor distributor;

  /**
   * Creates the hub's tables if needed and starts its threads; deliveries still owed from before a
   * restart resume at once.
   *
   * @param writer writes distribution bodies
   * @param rights asked before each distribution round whether a subscriber may still read
   * @param random for challenges and retry jitter
   */
  public Hub(
      Database db,
      Journal journal,
      NotificationWriter writer,
      SubscriberRights rights,
      HubSettings settings,
      Clock clock,
      SecureRandom random,
      MeterRegistry registry) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.store = new SubscriptionStore(db);
    HubMetrics metrics = new HubMetrics(registry, store, clock);
    this.http = client(settings);
    this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("hub-timer"));
    this.distributor =
        new Distributor(
            store,
            journal,
            writer,
            rights,
            http,
            settings,
            new Backoff(settings.retryBase(), settings.retryMax(), random),
            metrics,
            clock,
            timer);
    this.verifier =
        new Verifier(
            http,
            store,
            journal,
            random,
            clock,
            metrics,
            settings.verifyThreads(),
            distributor::subscribed);
    long sweep = settings.sweepInterval().toMillis();
    timer.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    timer.execute(distributor::wakeAll);
  }

  private static OkHttpClient client(HubSettings settings) {
    Dispatcher dispatcher =
        new Dispatcher(Executors.newCachedThreadPool(daemonThreads("hub-http")));
    dispatcher.setMaxRequests(settings.maxInFlight());
    dispatcher.setMaxRequestsPerHost(settings.maxInFlight());
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(
            new ConnectionPool(Math.min(settings.maxInFlight(), 32), 1, TimeUnit.MINUTES))
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.callTimeout())
        .writeTimeout(settings.callTimeout())
        .callTimeout(settings.callTimeout())
        .followRedirects(false)
        .followSslRedirects(false)
        .socketFactory(new org.feedmesh.platform.http.NoDelaySockets())
        .build(); // retries on a stale pooled connection: delivery is at least once anyway
  }

  /** The journal listener that schedules distributions; add it to the journal. */
  public JournalListener listener() {
    return distributor;
  }

  public SubscriptionStore subscriptions() {
    return store;
  }

  public HubSettings settings() {
    return settings;
  }

  /** What {@link #request} accepted, as {@code POST /hub} answers it with 202. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Accepted(
      String mode, String topic, String callback, Long leaseSeconds, String verification) {}

  /**
   * Accepts a subscription request for verification, or refuses it.
   *
   * @param bases the base URLs (ending in {@code /}) this server is reached at; the first is the
   *     public one, whose {@code hub} is named in distributions
   * @throws org.feedmesh.platform.http.ApiException 400 not a feed of this server, 403 the caller
   *     may not read the namespace, 404 no such namespace, 503 too many verifications waiting
   */
  public Accepted request(SubscriptionRequest request, Caller caller, List<URI> bases) {
    Topic topic = Topic.parse(request.topic(), bases);
    caller.requireRead(topic.namespace());
    journal.lastCursor(topic.namespace()); // 404 for a namespace that does not exist
    Duration lease = settings.lease(request.leaseSeconds());
    String hubUrl = bases.get(0) + "hub";
    verifier.submit(
        new Verifier.Intent(
            request.mode(),
            topic,
            request.callback(),
            hubUrl,
            request.secret(),
            caller.id(),
            lease));
    return new Accepted(
        request.mode().value(),
        topic.url(),
        request.callback(),
        request.mode() == Mode.SUBSCRIBE ? lease.toSeconds() : null,
        "pending");
  }

  private void sweep() {
    try {
      int purged = store.purge(clock.instant());
      if (purged > 0) {
        log.info("hub purged {} ended or expired subscriptions", purged);
      }
      distributor.wakeAll();
    } catch (RuntimeException e) {
      log.error("hub sweep failed; it runs again in {}", settings.sweepInterval(), e);
    }
  }

  /** Stops verifying and distributing; call before the database closes. Idempotent. */
  @Override
  public void close() {
    distributor.close();
    http.dispatcher().cancelAll(); // running verifications and distributions fail at once
    verifier.close();
    timer.shutdownNow();
    http.dispatcher().executorService().shutdownNow();
    http.connectionPool().evictAll();
  }

  static ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
