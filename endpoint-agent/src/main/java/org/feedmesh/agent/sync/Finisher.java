package org.feedmesh.agent.sync;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes temporary files ({@link TempFile#finish}: fsync and whole-file check) on a few threads
 * of their own, as soon as their last block is in place and while other files still download, so
 * installing them afterwards only renames. fsync waits on the disk: several in flight let the file
 * system batch them. A failure is kept by the {@link TempFile} and surfaces when it is installed.
 */
final class Finisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Finisher.class);
  private static final int THREADS = 4;

  private final ExecutorService threads =
      Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "feedmesh-finish");
        t.setDaemon(true);
        return t;
      });

  /** The files of one apply batch, finished as they complete. */
  Batch batch() {
    return new Batch();
  }

  final class Batch {
    private final List<Future<?>> started = new ArrayList<>();

    /** Finishes {@code t} on a finisher thread; may be called from any thread. */
    synchronized void start(TempFile t) {
      started.add(threads.submit(() -> {
        try {
          t.finish();
        } catch (IOException e) {
          log.debug("{} failed its final check: {}", t.meta().path(), e.getMessage());
        }
      }));
    }

    /** Waits until every file started so far is finished. */
    void await() throws IOException {
      List<Future<?>> all;
      synchronized (this) {
        all = new ArrayList<>(started);
      }
      for (Future<?> f : all) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while files were finished");
        } catch (ExecutionException e) {
          throw new IOException(e.getCause());
        }
      }
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
