package org.feedmesh.lookup;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.feedmesh.lookup.store.H2LookupStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link LookupService#sweep()} every {@code interval} on its own daemon thread, so expired
 * locators leave the store (answers never show them either way). A failed sweep is logged and
 * retried at the next tick. {@link #close()} stops it and waits for a sweep in progress.
 */
public final class LookupSweeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LookupSweeper.class);

  private final ScheduledExecutorService timer;

  private LookupSweeper(LookupService service, Duration interval) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lookup-sweeper");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(() -> sweepOnce(service), millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Starts sweeping every {@code interval}, the first time one interval from now. */
  public static LookupSweeper start(LookupService service, Duration interval) {
    return new LookupSweeper(service, interval);
  }

  private static void sweepOnce(LookupService service) {
    try {
      H2LookupStore.Swept swept = service.sweep();
      if (swept.locators() + swept.blobs() > 0) {
        log.info(
            "lookup sweep removed {} expired locators and {} unheld blobs",
            swept.locators(),
            swept.blobs());
      }
    } catch (RuntimeException e) {
      log.warn("lookup sweep failed; trying again at the next interval", e);
    }
  }

  @Override
  public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      timer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
