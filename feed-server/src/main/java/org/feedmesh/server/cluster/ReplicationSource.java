package org.feedmesh.server.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.db.replication.ChangeLog;
import org.feedmesh.platform.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The primary's side of replication: logs every change ({@link ChangeLog}), serves the snapshot
 * and the log to its standby, holds each write's acknowledgement until the standby has it (the
 * {@link #committed()} commit hook), and keeps the lease on approval by asking the standby to
 * renew it.
 *
 * <p>Modes: <b>solo</b> (no standby: approves alone), <b>catching-up</b> (a standby took a
 * snapshot and follows, but is behind: approves alone; the standby cannot take over), <b>sync</b>
 * (the standby applied everything once: every write waits for it, and approving needs a valid
 * lease). A server that was in sync when it stopped starts in sync without a lease, so it approves
 * nothing until its standby has renewed one: the standby may have taken over meanwhile.
 *
 * <p>Lease timing: a renewal sent at time t (this server's monotonic clock) gives a lease until t
 * + lease; the standby promises not to take over until it received the renewal + lease, which is
 * later. So the primary stops approving before the standby may start.
 *
 * <p>Thread-safe.
 */
public final class ReplicationSource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReplicationSource.class);
  private static final int PAGE_ENTRIES = 2_000;
  private static final long PAGE_BYTES = 4L << 20;

  enum Mode {
    SOLO,
    CATCHING_UP,
    SYNC
  }

  private final NodeStateFile state;
  private final ClusterSettings settings;
  private final PeerClient peers;
  private final Supplier<URI> self;
  private final LongConsumer onNewerEpoch;
  private final ScheduledExecutorService timer;
  private final Object lock = new Object();
  private volatile ChangeLog changes;
  private Mode mode;
  private long acked;
  private long leaseUntilNanos = System.nanoTime();
  private boolean peerReachable = true;
  private volatile boolean fenced;

  /**
   * @param self how the standby reaches this server (its public URL)
   * @param onNewerEpoch told (once) when this server learns that another approves with a newer
   *     epoch: it must stop and become that server's standby
   */
  ReplicationSource(
      NodeStateFile state,
      ClusterSettings settings,
      PeerClient peers,
      Supplier<URI> self,
      LongConsumer onNewerEpoch) {
    this.state = Objects.requireNonNull(state, "state");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.peers = Objects.requireNonNull(peers, "peers");
    this.self = Objects.requireNonNull(self, "self");
    this.onNewerEpoch = Objects.requireNonNull(onNewerEpoch, "onNewerEpoch");
    this.mode = state.get().sync() ? Mode.SYNC : Mode.SOLO;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "replication-lease");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts logging: call once every component has migrated its tables. */
  void attach(Database db) {
    ChangeLog log = new ChangeLog(db);
    log.startCapture();
    synchronized (lock) {
      acked = log.head().seq();
      changes = log;
    }
    long renew = settings.renewEvery().toMillis();
    timer.scheduleWithFixedDelay(this::renew, 0, renew, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::prune, 1, 1, TimeUnit.SECONDS);
  }

  long epoch() {
    return state.get().epoch();
  }

  Optional<URI> peer() {
    return state.get().peer();
  }

  /** Whether this server may approve an update now. */
  public boolean approving() {
    if (fenced) {
      return false;
    }
    synchronized (lock) {
      return mode != Mode.SYNC || System.nanoTime() - leaseUntilNanos < 0;
    }
  }

  /**
   * Waits up to {@code maxMillis} for {@link #approving()} (a lease renewal in flight); returns
   * whether it approves.
   */
  boolean awaitApproving(long maxMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
    synchronized (lock) {
      while (!approving()) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || fenced) {
          return false;
        }
        lock.wait(left);
      }
      return true;
    }
  }

  /**
   * The commit hook: in sync mode, returns once the standby has applied everything committed so
   * far.
   *
   * @throws ApiException 503 when the standby did not confirm within a lease, or the lease ran out:
   *     the write is stored here but not acknowledged
   */
  void committed() {
    ChangeLog log = changes;
    if (log == null) {
      return; // still starting: migrations
    }
    synchronized (lock) {
      lock.notifyAll(); // wakes log polls
    }
    synchronized (lock) {
      if (!settings.synchronous() || mode != Mode.SYNC) {
        return;
      }
    }
    long target = log.head().seq();
    long deadline = System.nanoTime() + settings.lease().toNanos();
    synchronized (lock) {
      while (mode == Mode.SYNC && acked < target) {
        long left = deadline - System.nanoTime();
        if (!approving() || left <= 0) {
          throw unacknowledged(target);
        }
        try {
          lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw unacknowledged(target);
        }
      }
    }
  }

  private ApiException unacknowledged(long target) {
    String standby = peer().map(URI::toString).orElse("?");
    return new ApiException(
        503,
        "the standby "
            + standby
            + " has not confirmed this write (log position "
            + target
            + ", confirmed "
            + acked
            + "); it is not acknowledged: send it again",
        Map.of("standby", standby, "epoch", epoch()));
  }

  /** A snapshot for a standby: in a temporary file the caller streams and deletes. */
  record Snapshot(Path zip) {}

  Snapshot snapshot(URI standby, Path tempDir) throws IOException {
    NodeState s = state.get();
    synchronized (lock) {
      if (mode == Mode.SYNC && s.peer().isPresent() && !s.peer().get().equals(standby)) {
        throw new ApiException(
            409,
            "this primary already has the standby " + s.peer().get() + ", in step with it",
            Map.of("standby", s.peer().get().toString()));
      }
      mode = Mode.CATCHING_UP;
      state.set(s.withPeer(standby).withSync(false, 0));
      lock.notifyAll();
    }
    log.info("standby {} asked for a snapshot; it is catching up", standby);
    Path zip = java.nio.file.Files.createTempFile(tempDir, "snapshot-", ".zip");
    changes.backup(zip);
    return new Snapshot(zip);
  }

  /** What a poll of the log answers. */
  record Page(List<ChangeLog.Entry> entries, long head) {}

  /**
   * The log after {@code after}, waiting up to {@code waitMillis} for news. The poll also says that
   * the standby applied everything up to {@code after}.
   *
   * @throws ApiException 410 when the log is another one or no longer holds what follows {@code
   *     after}: the standby needs a snapshot
   */
  Page poll(String logId, long after, long waitMillis) throws InterruptedException {
    ChangeLog log = changes;
    ChangeLog.Head head = log.head();
    if (!head.logId().equals(logId) || after < head.prunedTo() || after > head.seq()) {
      throw new ApiException(
          410,
          "this log (" + head.logId() + ", " + head.prunedTo() + ".." + head.seq()
              + ") does not continue " + logId + " after " + after + ": take a snapshot",
          Map.of("log", head.logId()));
    }
    confirmed(after, head.seq());
    List<ChangeLog.Entry> entries = log.read(after, PAGE_ENTRIES, PAGE_BYTES);
    if (entries.isEmpty() && waitMillis > 0) {
      synchronized (lock) {
        lock.wait(Math.min(waitMillis, settings.renewEvery().toMillis()));
      }
      entries = log.read(after, PAGE_ENTRIES, PAGE_BYTES);
    }
    return new Page(entries, log.head().seq());
  }

  private void confirmed(long after, long head) {
    boolean startSync = false;
    synchronized (lock) {
      acked = Math.max(acked, after);
      if (mode == Mode.CATCHING_UP && after >= head) {
        mode = Mode.SYNC;
        leaseUntilNanos = System.nanoTime();
        state.set(state.get().withSync(true, after));
        startSync = true;
      }
      lock.notifyAll();
    }
    if (startSync) {
      log.info("standby {} is in step at log position {}; writes now wait for it", peer(), after);
      timer.execute(this::renew);
    }
  }

  private void renew() {
    NodeState s = state.get();
    synchronized (lock) {
      if (mode != Mode.SYNC || fenced || s.peer().isEmpty()) {
        return;
      }
    }
    long sentAt = System.nanoTime();
    try {
      PeerClient.LeaseAnswer a = peers.lease(s.peer().get(), s.epoch(), self.get(), s.syncSince());
      if (a.granted()) {
        synchronized (lock) {
          leaseUntilNanos = sentAt + settings.lease().toNanos();
          peerReachable = true;
          lock.notifyAll();
        }
      } else if (a.epoch() > s.epoch()) {
        newerEpoch(a.epoch());
      }
    } catch (IOException | RuntimeException e) {
      synchronized (lock) {
        if (peerReachable) {
          log.warn("cannot renew the lease with standby {}: {}", s.peer().get(), e.toString());
        }
        peerReachable = false;
      }
    }
  }

  /** A request or a peer showed a newer epoch: stop approving, for good in this process. */
  void newerEpoch(long epoch) {
    if (epoch <= state.get().epoch() || fenced) {
      return;
    }
    fenced = true;
    synchronized (lock) {
      lock.notifyAll();
    }
    log.warn("another server approves with epoch {} (ours {}): this one stops approving",
        epoch, state.get().epoch());
    onNewerEpoch.accept(epoch);
  }

  private void prune() {
    try {
      ChangeLog log = changes;
      long upTo;
      synchronized (lock) {
        upTo = mode == Mode.SOLO ? log.head().seq() : acked;
      }
      log.prune(upTo);
    } catch (RuntimeException e) {
      log.warn("pruning the replication log failed: {}", e.toString());
    }
  }

  ClusterView view() {
    NodeState s = state.get();
    ChangeLog log = changes;
    long lag;
    Mode m;
    boolean reachable;
    synchronized (lock) {
      m = mode;
      reachable = peerReachable;
      lag = log == null || m == Mode.SOLO ? 0 : Math.max(0, log.head().seq() - acked);
    }
    String peerState =
        switch (m) {
          case SOLO -> fenced ? "primary" : "none";
          case CATCHING_UP -> "catching-up";
          case SYNC -> reachable ? "in-sync" : "unreachable";
        };
    return new ClusterView(
        Role.PRIMARY, s.epoch(), approving(), s.peer().map(URI::toString), lag, peerState);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    synchronized (lock) {
      fenced = true;
      lock.notifyAll();
    }
  }
}
