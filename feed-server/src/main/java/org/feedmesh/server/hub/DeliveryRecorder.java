package org.feedmesh.server.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.feedmesh.server.hub.SubscriptionStore.Delivered;
import org.feedmesh.server.hub.SubscriptionStore.Ended;
import org.feedmesh.server.hub.SubscriptionStore.Failed;
import org.feedmesh.server.hub.SubscriptionStore.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the outcome of distributions: at once in memory, and in H2 from one thread that writes
 * everything pending in one transaction. So a thousand acknowledgements arriving together cost a
 * few transactions on one pooled connection instead of a thousand on all of them, and publishing
 * never waits for a connection because of the hub.
 *
 * <p>The dispatch thread reads subscriptions from H2, which may lag behind: {@link #current}
 * overlays what memory knows and H2 did not have at the time of the read, so a round neither sends
 * acknowledged entries again nor retries before the backoff delay nor serves an ended subscription.
 * An outcome leaves memory once a later read is known to have it from H2.
 *
 * <p>Thread-safe. Durability: an outcome not yet written when the process dies is lost; the
 * subscription then gets that batch again (at least once).
 */
final class DeliveryRecorder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeliveryRecorder.class);

  private static final int MAX_PER_TRANSACTION = 1000;

  /** What memory knows of one subscription's delivery state. */
  private static final class Outcome {
    final Update update;
    final long cursor;
    final int failures;
    final Optional<java.time.Instant> nextAttempt;

    /** The {@link #sequence} value taken after the write committed; 0 until then. */
    volatile long written;

    Outcome(Update update, long cursor, int failures, Optional<java.time.Instant> nextAttempt) {
      this.update = update;
      this.cursor = cursor;
      this.failures = failures;
      this.nextAttempt = nextAttempt;
    }
  }

  private final SubscriptionStore store;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<Long, Outcome> outcomes = new ConcurrentHashMap<>();
  private final BlockingQueue<Outcome> pending = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean running = true;
  private volatile long sweptUpTo;

  DeliveryRecorder(SubscriptionStore store) {
    this.store = store;
    this.writer = Hub.daemonThreads("hub-recorder").newThread(this::writeLoop);
    writer.start();
  }

  /** Take this before reading subscriptions from H2, and hand it to {@link #current}. */
  long readMark() {
    return sequence.get();
  }

  /**
   * The subscription as read from H2 (after {@code readMark} was taken), with newer delivery state
   * from memory; empty when memory knows it ended.
   */
  Optional<Subscription> current(Subscription read, long readMark) {
    Outcome o = outcomes.get(read.id());
    if (o == null) {
      return Optional.of(read);
    }
    long written = o.written;
    if (written != 0 && written <= readMark) {
      outcomes.remove(read.id(), o); // the read already saw it
      return Optional.of(read);
    }
    if (o.update instanceof Ended) {
      return Optional.empty();
    }
    return Optional.of(
        read.withDelivery(Math.max(read.deliveredCursor(), o.cursor), o.failures, o.nextAttempt));
  }

  void delivered(Subscription s, long cursor, java.time.Instant at) {
    put(new Outcome(new Delivered(s.id(), cursor, at), cursor, 0, Optional.empty()));
  }

  void failed(
      Subscription s, int failures, java.time.Instant next, String error, java.time.Instant at) {
    put(
        new Outcome(
            new Failed(s.id(), failures, next, error, at),
            s.deliveredCursor(),
            failures,
            Optional.of(next)));
  }

  void ended(Subscription s, String reason, java.time.Instant at) {
    put(
        new Outcome(
            new Ended(s.id(), reason, at), s.deliveredCursor(), s.attempts(), s.nextAttemptAt()));
  }

  /** Drops what memory knows of a subscription that was just (re)subscribed. */
  void forget(long id) {
    outcomes.remove(id);
  }

  /** Drops outcomes every read since the previous call has from H2. Call now and then. */
  void prune() {
    long cut = sweptUpTo;
    outcomes.values().removeIf(o -> o.written != 0 && o.written <= cut);
    sweptUpTo = sequence.get();
  }

  private void put(Outcome o) {
    outcomes.put(o.update.id(), o);
    pending.add(o);
  }

  private void writeLoop() {
    while (running || !pending.isEmpty()) {
      try {
        Outcome first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first != null) {
          write(first);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void write(Outcome first) {
    List<Outcome> batch = new ArrayList<>();
    batch.add(first);
    pending.drainTo(batch, MAX_PER_TRANSACTION - 1);
    try {
      store.record(batch.stream().map(o -> o.update).toList());
      long mark = sequence.incrementAndGet();
      batch.forEach(o -> o.written = mark);
    } catch (RuntimeException e) {
      // Memory still holds them, so this process goes on correctly; a restart re-sends.
      log.error("could not record {} distribution outcomes in the database", batch.size(), e);
    }
  }

  /** Writes what is still pending, then stops. Call before the database closes. */
  @Override
  public void close() {
    running = false;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
