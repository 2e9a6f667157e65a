package org.feedmesh.server.notify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.feedmesh.server.journal.JournalEntry;
import org.feedmesh.server.journal.JournalListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-poll waiters keyed by namespace (or any other key, e.g. a status stream): each waits for the
 * key's cursor to pass a value, or for its timeout. No thread is held per waiter: a waiter is an
 * entry in a map plus a scheduled timeout; completions run on the given executor, never on the
 * publisher's thread, so a thousand waking clients cost the publish nothing.
 *
 * <p>No wake-up is lost: {@link #await} registers first and then reads the current cursor, and
 * {@link #advance} is called after the cursor's transaction committed; whichever comes second sees
 * the other. Each waiter completes exactly once.
 */
public final class CursorWaiters implements JournalListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CursorWaiters.class);

  private final ScheduledExecutorService scheduler;
  private final Executor completions;
  private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();

  /**
   * @param scheduler runs timeouts (one thread is plenty); owned by the caller
   * @param completions runs the callbacks (a small pool); owned by the caller
   */
  public CursorWaiters(ScheduledExecutorService scheduler, Executor completions) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.completions = Objects.requireNonNull(completions, "completions");
  }

  /** One registered wait; {@link #cancel()} it when the client went away. */
  public final class Waiter {
    private final String key;
    private final long since;
    private final LongConsumer onReady;
    private final Runnable onTimeout;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile ScheduledFuture<?> timer;

    private Waiter(String key, long since, LongConsumer onReady, Runnable onTimeout) {
      this.key = key;
      this.since = since;
      this.onReady = onReady;
      this.onTimeout = onTimeout;
    }

    /** Forgets this waiter without calling either callback. */
    public void cancel() {
      if (done.compareAndSet(false, true)) {
        unregister();
      }
    }

    private void ready(long cursor) {
      if (done.compareAndSet(false, true)) {
        unregister();
        run(() -> onReady.accept(cursor));
      }
    }

    private void timedOut() {
      if (done.compareAndSet(false, true)) {
        unregister();
        run(onTimeout);
      }
    }

    private void unregister() {
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
      }
      waiting.computeIfPresent(
          key,
          (k, set) -> {
            set.remove(this);
            return set.isEmpty() ? null : set;
          });
    }
  }

  /**
   * Waits until {@code key}'s cursor is above {@code since}. Exactly one of {@code onReady} (with
   * the cursor seen) and {@code onTimeout} runs, once, on the completion executor, unless the
   * waiter is cancelled first.
   *
   * @param current reads the key's cursor now (e.g. {@code () -> journal.lastCursor(ns)})
   */
  public Waiter await(
      String key,
      long since,
      Duration timeout,
      LongSupplier current,
      LongConsumer onReady,
      Runnable onTimeout) {
    Waiter w = new Waiter(key, since, onReady, onTimeout);
    waiting.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(w);
    try {
      w.timer =
          scheduler.schedule(w::timedOut, Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      w.timedOut(); // shutting down: answer now
      return w;
    }
    long now = current.getAsLong();
    if (now > since) {
      w.ready(now);
    }
    return w;
  }

  /** Wakes every waiter of {@code key} whose {@code since} is below {@code cursor}. */
  public void advance(String key, long cursor) {
    Set<Waiter> set = waiting.get(key);
    if (set == null) {
      return;
    }
    for (Waiter w : set) {
      if (w.since < cursor) {
        w.ready(cursor);
      }
    }
  }

  @Override
  public void journaled(String namespace, List<JournalEntry> entries) {
    advance(namespace, entries.get(entries.size() - 1).cursor());
  }

  /** How many waiters are registered now. */
  public int size() {
    return waiting.values().stream().mapToInt(Set::size).sum();
  }

  /** Times out every waiter now, so their clients get an answer before the server stops. */
  @Override
  public void close() {
    for (Set<Waiter> set : waiting.values()) {
      for (Waiter w : set) {
        w.timedOut();
      }
    }
  }

  private void run(Runnable task) {
    try {
      completions.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              log.warn("a long-poll completion failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("long-poll completion dropped: executor is shut down");
    }
  }
}
