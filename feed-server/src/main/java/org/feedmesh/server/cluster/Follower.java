package org.feedmesh.server.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.db.DatabaseException;
import org.feedmesh.platform.db.replication.ChangeApplier;
import org.feedmesh.platform.db.replication.ChangeLog;
import org.feedmesh.platform.db.replication.Snapshots;
import org.feedmesh.server.FeedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standby's copy of the primary's database: a snapshot first (unless the local copy can go on
 * from where it is), then the primary's log, applied batch by batch, each with its position in one
 * transaction. Every poll tells the primary what is applied, which is what it waits for before it
 * acknowledges a write.
 *
 * <p>Before it asks for a snapshot it forgets that it was in step ({@link NodeState#inSync()}): the
 * primary approves alone while a standby catches up, so a standby that copies cannot take over.
 *
 * <p>One thread; {@link #close()} stops it and closes the database.
 */
final class Follower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Follower.class);
  private static final Duration POLL_WAIT = Duration.ofMillis(500);

  private final Path dataDir;
  private final NodeStateFile state;
  private final PeerClient peers;
  private final URI self;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Database db;
  private ChangeApplier applier;
  private String logId;
  private volatile long applied = -1;
  private volatile long primaryHead;
  private volatile boolean primaryReachable;
  private boolean needSnapshot;

  Follower(Path dataDir, NodeStateFile state, PeerClient peers, URI self) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    this.state = Objects.requireNonNull(state, "state");
    this.peers = Objects.requireNonNull(peers, "peers");
    this.self = Objects.requireNonNull(self, "self");
    this.thread = new Thread(this::run, "standby-follower");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private URI primary() {
    return state.get().peer().orElseThrow();
  }

  /** The log position applied so far; -1 before the first copy. */
  long applied() {
    return applied;
  }

  /** Entries the primary has that this copy lacks, as of the last poll. */
  long lag() {
    return applied < 0 ? 0 : Math.max(0, primaryHead - applied);
  }

  boolean primaryReachable() {
    return primaryReachable;
  }

  private void run() {
    needSnapshot = !Files.exists(dataDir.resolve(FeedServer.DATABASE_NAME + ".mv.db"));
    while (running) {
      try {
        if (db == null || needSnapshot) {
          copy();
        }
        follow();
      } catch (PeerClient.PeerRefusal e) {
        primaryReachable = true;
        if (e.status == 410) {
          log.info("the primary's log does not continue ours ({}); taking a snapshot", e.getMessage());
          needSnapshot = true;
        } else {
          log.warn("the primary refused: {}", e.getMessage());
          pause(1000);
        }
      } catch (IOException e) {
        if (primaryReachable) {
          log.warn("cannot reach the primary {}: {}", primary(), e.toString());
        }
        primaryReachable = false;
        pause(200);
      } catch (DatabaseException | IllegalArgumentException e) {
        if (!running) {
          return;
        }
        log.warn("cannot apply the primary's changes ({}); taking a snapshot", e.toString());
        needSnapshot = true;
        pause(200);
      }
    }
  }

  private void follow() throws IOException {
    PeerClient.LogPage page = peers.log(primary(), logId, applied, POLL_WAIT);
    primaryReachable = true;
    learnEpoch(page.epoch());
    List<ChangeLog.Entry> entries = page.entries();
    if (!entries.isEmpty() && running) {
      long last = entries.get(entries.size() - 1).seq();
      applier.apply(entries, last);
      applied = last;
    }
    primaryHead = Math.max(page.head(), applied);
  }

  private void copy() throws IOException {
    NodeState s = state.get();
    if (s.inSync()) {
      state.set(s.withInSync(false));
    }
    if (needSnapshot || db == null) {
      closeDatabase();
    }
    if (needSnapshot) {
      log.info("copying the primary {}", primary());
      try (Response r = peers.snapshot(primary(), self)) {
        primaryReachable = true;
        learnEpoch(PeerClient.header(r, org.feedmesh.platform.cluster.ClusterHeaders.EPOCH));
        Snapshots.restore(r.body().byteStream(), dataDir, FeedServer.DATABASE_NAME);
      }
      needSnapshot = false;
    }
    Database opened = Database.open(dataDir, FeedServer.DATABASE_NAME);
    ChangeLog changes = new ChangeLog(opened);
    changes.stopCapture();
    ChangeLog.Head head = changes.head();
    logId = head.logId();
    applied = head.seq();
    applier = new ChangeApplier(opened);
    db = opened;
    log.info("standby copy at log position {} of log {}", applied, logId);
  }

  private void learnEpoch(long epoch) {
    if (epoch > state.get().epoch()) {
      state.set(state.get().withEpoch(epoch));
    }
  }

  private void pause(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void closeDatabase() {
    Database d = db;
    db = null;
    if (d != null) {
      d.close();
    }
  }

  /** Stops following (waiting for a batch being applied) and closes the copy. */
  @Override
  public void close() {
    running = false; // no interrupt: H2 closes its file when an I/O thread is interrupted
    try {
      thread.join(TimeUnit.SECONDS.toMillis(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeDatabase();
  }
}
