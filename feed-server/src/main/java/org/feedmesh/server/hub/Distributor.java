package org.feedmesh.server.hub;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.feedmesh.server.journal.Journal;
import org.feedmesh.server.journal.JournalEntry;
import org.feedmesh.server.journal.JournalListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content distribution (WebSub 7): POSTs what each live subscription is owed, read from the journal
 * above the subscription's stored cursor, and raises the cursor when the callback answers 2xx.
 *
 * <p>Threads. The publishing thread only calls {@link #journaled}, which marks the namespace and
 * returns: no I/O, no lock a delivery holds. One dispatch thread reads the owed subscriptions of
 * marked namespaces, builds each distinct body once (subscriptions of one topic at one cursor share
 * it) and hands the POSTs to OkHttp's asynchronous dispatcher; at most {@link
 * HubSettings#maxInFlight()} are in flight (a semaphore; the dispatch thread waits for a slot, the
 * publisher never does), and one subscription never has two in flight, so each receives its entries
 * in cursor order. Results come back on OkHttp's threads: 2xx raises the cursor, 410 ends the
 * subscription, anything else is retried after {@link Backoff} (the retry carries everything owed
 * by then). A slow or dead subscriber therefore costs one slot for at most the call timeout, and
 * nothing else.
 *
 * <p>Delivery is at least once: a crash between a 2xx and the cursor update sends that batch again
 * after the restart, which reads every subscription's cursor from H2 ({@link #wakeAll}).
 */
final class Distributor implements JournalListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Distributor.class);

  private final SubscriptionStore store;
  private final Journal journal;
  private final NotificationWriter writer;
  private final SubscriberRights rights;
  private final OkHttpClient http;
  private final HubSettings settings;
  private final Backoff backoff;
  private final HubMetrics metrics;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final ExecutorService dispatcher =
      Executors.newSingleThreadExecutor(Hub.daemonThreads("hub-dispatch"));
  private final Semaphore slots;
  private final DeliveryRecorder recorder;
  private final Set<String> marked = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> newest = new ConcurrentHashMap<>();

  /** Per namespace, the {@link System#nanoTime()} its earliest pending timer fires at. */
  private final Map<String, Long> timers = new ConcurrentHashMap<>();

  private final AtomicBoolean closed = new AtomicBoolean();

  Distributor(
      SubscriptionStore store,
      Journal journal,
      NotificationWriter writer,
      SubscriberRights rights,
      OkHttpClient http,
      HubSettings settings,
      Backoff backoff,
      HubMetrics metrics,
      Clock clock,
      ScheduledExecutorService timer) {
    this.store = store;
    this.journal = journal;
    this.writer = writer;
    this.rights = rights;
    this.http = http;
    this.settings = settings;
    this.backoff = backoff;
    this.metrics = metrics;
    this.clock = clock;
    this.timer = timer;
    this.slots = new Semaphore(settings.maxInFlight());
    this.recorder = new DeliveryRecorder(store);
  }

  /** After a journal commit, on the publishing thread: marks the namespace and returns. */
  @Override
  public void journaled(String namespace, List<JournalEntry> entries) {
    if (!entries.isEmpty()) {
      newest.merge(namespace, entries.get(entries.size() - 1).cursor(), Math::max);
    }
    wake(namespace);
  }

  /** Asks the dispatch thread to look at the namespace's subscriptions soon. Never blocks. */
  void wake(String namespace) {
    if (closed.get()) {
      return;
    }
    marked.add(namespace);
    if (drainQueued.compareAndSet(false, true)) {
      try {
        dispatcher.execute(this::drain);
      } catch (RejectedExecutionException e) {
        drainQueued.set(false); // closing
      }
    }
  }

  /** Wakes every namespace with live subscriptions: at start (resume from H2) and each sweep. */
  void wakeAll() {
    recorder.prune();
    store.liveNamespaces(clock.instant()).forEach(this::wake);
  }

  /** A subscription was verified and stored: it starts afresh and may be owed something. */
  void subscribed(Subscription s) {
    recorder.forget(s.id());
    wake(s.topic().namespace());
  }

  private void drain() {
    drainQueued.set(false);
    for (String ns : List.copyOf(marked)) {
      marked.remove(ns);
      try {
        dispatch(ns);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (closed.get()) {
          return;
        }
        log.error(
            "hub dispatch for namespace {} failed; trying again in {}",
            ns,
            settings.retryBase(),
            e);
        wakeLater(ns, settings.retryBase());
      }
    }
  }

  private void dispatch(String ns) throws InterruptedException {
    Instant now = clock.instant();
    long readMark = recorder.readMark();
    long last = journal.lastCursor(ns);
    newest.merge(ns, last, Math::max);
    Map<String, Boolean> allowed = new HashMap<>();
    Instant earliestRetry = null;
    Batch batch = null;
    String batchKey = null;
    for (Subscription owed : store.owed(ns, last, now)) {
      if (inFlight.contains(owed.id())) {
        continue; // its completion looks again
      }
      Optional<Subscription> known = recorder.current(owed, readMark);
      if (known.isEmpty() || known.get().deliveredCursor() >= last) {
        continue;
      }
      Subscription s = known.get();
      if (s.nextAttemptAt().isPresent() && s.nextAttemptAt().get().isAfter(now)) {
        Instant at = s.nextAttemptAt().get();
        earliestRetry = earliestRetry == null || at.isBefore(earliestRetry) ? at : earliestRetry;
        continue;
      }
      if (!allowed.computeIfAbsent(s.subscriber(), who -> rights.mayRead(who, ns))) {
        endForRights(s, now);
        continue;
      }
      String key = s.topic().url() + ' ' + s.hubUrl() + ' ' + s.deliveredCursor();
      if (!key.equals(batchKey)) {
        batch =
            Batch.next(
                journal,
                writer,
                s.topic(),
                s.hubUrl(),
                s.deliveredCursor(),
                last,
                settings.batchMaxEntries(),
                settings.batchMaxBytes(),
                now);
        batchKey = key;
      }
      if (batch.entries() == 0) {
        store.delivered(s.id(), batch.until(), now); // all it was owed got newer cursors since
        continue;
      }
      slots.acquire();
      inFlight.add(s.id());
      send(s, batch);
    }
    if (earliestRetry != null) {
      wakeLater(ns, Duration.between(now, earliestRetry));
    }
  }

  private void send(Subscription s, Batch batch) {
    Request.Builder request =
        new Request.Builder()
            .url(s.callback())
            .post(RequestBody.create(batch.body(), MediaType.get(batch.contentType())))
            .header("Link", "<" + s.hubUrl() + ">; rel=\"hub\"")
            .addHeader("Link", "<" + s.topic().url() + ">; rel=\"self\"");
    s.secret()
        .ifPresent(
            secret ->
                request.header(
                    SignatureAlgorithm.HEADER, settings.signature().sign(secret, batch.body())));
    if (s.attempts() > 0) {
      metrics.retries.increment();
    }
    try {
      http.newCall(request.build())
          .enqueue(
              new Callback() {
                @Override
                public void onResponse(Call call, Response response) {
                  try (response) {
                    finished(s, batch, response.code(), null);
                  }
                }

                @Override
                public void onFailure(Call call, IOException e) {
                  finished(s, batch, 0, e);
                }
              });
    } catch (RuntimeException e) {
      inFlight.remove(s.id());
      slots.release();
      throw e;
    }
  }

  /** On an OkHttp thread: records the outcome, frees the slot, looks again when more is owed. */
  private void finished(Subscription s, Batch batch, int status, IOException error) {
    String ns = s.topic().namespace();
    boolean acknowledged = false;
    try {
      if (closed.get()) {
        return; // the store may be closed; the cursor stays and the batch goes again next start
      }
      Instant now = clock.instant();
      if (status >= 200 && status < 300) {
        recorder.delivered(s, batch.until(), now);
        metrics.delivered(Duration.between(batch.oldestJournaledAt(), now));
        acknowledged = true;
      } else if (status == 410) {
        recorder.ended(s, "the callback answered 410 Gone", now);
        metrics.ended("gone");
        log.info("subscription {} ended: its callback answered 410 Gone", s);
      } else {
        failed(s, error == null ? "the callback answered " + status : error.toString(), now);
      }
    } catch (RuntimeException e) {
      log.error("recording the distribution to {} failed", s, e);
    } finally {
      inFlight.remove(s.id());
      slots.release();
    }
    if (acknowledged && batch.until() < newest.getOrDefault(ns, Long.MAX_VALUE)) {
      wake(ns); // more is owed (a bigger backlog, or news that came while this was in flight)
    }
  }

  private void failed(Subscription s, String why, Instant now) {
    int attempts = s.attempts() + 1;
    Duration delay = backoff.after(attempts);
    recorder.failed(s, attempts, now.plus(delay), why, now);
    metrics.failures.increment();
    log.info(
        "distribution to {} failed ({}); attempt {} in {} ms",
        s.callback(),
        why,
        attempts + 1,
        delay.toMillis());
    wakeLater(s.topic().namespace(), delay);
  }

  private void endForRights(Subscription s, Instant now) {
    String why =
        "subscriber '"
            + s.subscriber()
            + "' may no longer read namespace '"
            + s.topic().namespace()
            + "'";
    if (store.end(s.id(), why, now)) {
      metrics.ended("rights");
      log.info("subscription {} ended: {}", s, why);
    }
  }

  /**
   * Wakes the namespace after {@code delay}. Keeps one timer per namespace, the earliest: a later
   * request is dropped, because the round the earlier timer starts schedules the next one for the
   * earliest retry it then sees. So a thousand failing subscribers cost one timer, not a thousand
   * rounds.
   */
  private void wakeLater(String ns, Duration delay) {
    if (closed.get()) {
      return;
    }
    long millis = Math.max(1, delay.toMillis());
    long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    timers.compute(
        ns,
        (k, pending) -> {
          if (pending != null && pending - at <= 0) {
            return pending;
          }
          try {
            timer.schedule(
                () -> {
                  timers.remove(ns, at);
                  wake(ns);
                },
                millis,
                TimeUnit.MILLISECONDS);
            return at;
          } catch (RejectedExecutionException e) {
            return pending; // closing
          }
        });
  }

  /**
   * Stops dispatching and writes the outcomes recorded so far; distributions still in flight are
   * abandoned (their cursors stay, so they go again after a restart).
   */
  @Override
  public void close() {
    closed.set(true);
    dispatcher.shutdownNow();
    try {
      dispatcher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    recorder.close();
  }
}
