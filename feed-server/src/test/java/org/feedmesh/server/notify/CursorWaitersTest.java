package org.feedmesh.server.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CursorWaitersTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService completions = Executors.newFixedThreadPool(2);
  private final CursorWaiters waiters = new CursorWaiters(scheduler, completions);
  private final AtomicLong cursor = new AtomicLong();
  private static final Duration LONG = Duration.ofMinutes(5);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    completions.shutdownNow();
  }

  @Test
  void waiterWakesWhenTheCursorPassesItsSince() throws InterruptedException {
    ConcurrentLinkedQueue<Long> woke = new ConcurrentLinkedQueue<>();
    CountDownLatch done = new CountDownLatch(1);
    waiters.await(
        "photos",
        3,
        LONG,
        cursor::get,
        c -> {
          woke.add(c);
          done.countDown();
        },
        () -> woke.add(-1L));
    waiters.advance("photos", 3);
    waiters.advance("docs", 9);
    assertEquals(1, waiters.size());
    waiters.advance("photos", 4);
    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertEquals(4L, woke.peek());
    assertEquals(0, waiters.size());
  }

  @Test
  void waiterWhoseCursorAlreadyPassedAnswersAtOnce() throws InterruptedException {
    cursor.set(7);
    CountDownLatch done = new CountDownLatch(1);
    waiters.await("photos", 5, LONG, cursor::get, c -> done.countDown(), () -> {});
    assertTrue(done.await(10, TimeUnit.SECONDS));
  }

  @Test
  void waiterTimesOutWhenNothingHappens() throws InterruptedException {
    CountDownLatch timedOut = new CountDownLatch(1);
    AtomicInteger ready = new AtomicInteger();
    waiters.await(
        "photos",
        0,
        Duration.ofMillis(50),
        cursor::get,
        c -> ready.incrementAndGet(),
        timedOut::countDown);
    assertTrue(timedOut.await(10, TimeUnit.SECONDS));
    waiters.advance("photos", 1);
    assertEquals(0, ready.get());
    assertEquals(0, waiters.size());
  }

  @Test
  void manyWaitersHoldNoThreadsAndAllWakeOnce() throws InterruptedException {
    int n = 5000;
    CountDownLatch done = new CountDownLatch(n);
    AtomicInteger calls = new AtomicInteger();
    int threadsBefore = Thread.activeCount();
    for (int i = 0; i < n; i++) {
      waiters.await(
          "photos",
          0,
          LONG,
          cursor::get,
          c -> {
            calls.incrementAndGet();
            done.countDown();
          },
          () -> {});
    }
    assertTrue(Thread.activeCount() <= threadsBefore + 3, "threads grew with waiters");
    assertEquals(n, waiters.size());
    cursor.set(1);
    waiters.advance("photos", 1);
    waiters.advance("photos", 2);
    assertTrue(done.await(30, TimeUnit.SECONDS));
    assertEquals(n, calls.get());
  }

  @Test
  void cancelledWaiterIsNeverCalled() throws InterruptedException {
    AtomicInteger calls = new AtomicInteger();
    CursorWaiters.Waiter w =
        waiters.await(
            "photos",
            0,
            Duration.ofMillis(20),
            cursor::get,
            c -> calls.incrementAndGet(),
            calls::incrementAndGet);
    w.cancel();
    waiters.advance("photos", 5);
    // The timeout would have fired by now; the scheduler runs tasks in order, so a marker task
    // scheduled later than it proves it had its chance.
    CountDownLatch marker = new CountDownLatch(1);
    scheduler.schedule(marker::countDown, 40, TimeUnit.MILLISECONDS);
    assertTrue(marker.await(10, TimeUnit.SECONDS));
    completions.shutdown();
    assertTrue(completions.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(0, calls.get());
  }

  @Test
  void closeAnswersEveryWaiterAsATimeout() throws InterruptedException {
    CountDownLatch timedOut = new CountDownLatch(2);
    waiters.await("photos", 0, LONG, cursor::get, c -> {}, timedOut::countDown);
    waiters.await("docs", 0, LONG, cursor::get, c -> {}, timedOut::countDown);
    waiters.close();
    assertTrue(timedOut.await(10, TimeUnit.SECONDS));
    assertFalse(waiters.size() > 0);
  }
}
