package org.feedmesh.agent.peer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.feedmesh.agent.peer.BlockDownloader.Attempt;
import org.feedmesh.agent.peer.BlockDownloader.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads blocks from several peers at once, each block from one peer.
 *
 * <p>For each block in turn, the candidate with the fewest downloads in flight is chosen (ties go
 * to the peer this fetch has asked least, then to the candidate listed first), as long as it is
 * under {@link FetchSettings#perPeer()} and the fetcher under {@link FetchSettings#total()}; these
 * limits hold across concurrent {@code fetch} calls. A block that fails from one peer (404, error,
 * wrong length or hash, broken body) goes back to the queue for its next candidate; a peer that
 * cannot be reached or times out is skipped for the rest of the fetch; a peer that answers 503 is
 * asked again after its {@code Retry-After} when no other candidate delivered, at most {@link
 * FetchSettings#busyRetries()} times. Verified blocks go to the {@link BlockSink} on the download
 * thread.
 *
 * <p>Thread-safe; {@link #close} stops its threads.
 */
public final class BlockFetcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BlockFetcher.class);

  private final FetchSettings settings;
  private final BlockDownloader downloader;
  private final ExecutorService threads;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, Integer> inFlight = new HashMap<>();
  private int totalInFlight;

  /**
   * @param http the client to derive from (its pool and dispatcher are shared; this fetcher sets
   *     its own timeouts)
   * @param ticket this agent's current peer ticket (e.g. a {@link TicketSource}); called per
   *     request
   */
  public BlockFetcher(OkHttpClient http, Supplier<String> ticket, FetchSettings settings) {
    this(http, settings, peer -> ticket.get());
  }

  /**
   * @param ticketFor the ticket to show each peer (bound to it, e.g. {@link
   *     TicketSource#ticketFor}); called per request
   */
  public BlockFetcher(
      OkHttpClient http, FetchSettings settings, java.util.function.Function<PeerSource, String> ticketFor) {
    this.settings = Objects.requireNonNull(settings, "settings");
    OkHttpClient client =
        Objects.requireNonNull(http, "http")
            .newBuilder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .callTimeout(settings.blockTimeout())
            .retryOnConnectionFailure(false)
            .build();
    this.downloader = new BlockDownloader(client, Objects.requireNonNull(ticketFor, "ticketFor"));
    AtomicInteger n = new AtomicInteger();
    this.threads =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE, // bounded by settings.total(): a task is submitted per free slot
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "block-fetch-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  public FetchSettings settings() {
    return settings;
  }

  /**
   * Downloads the wanted blocks from their candidates and hands each verified one to the sink.
   * Returns when every block was fetched or ran out of candidates. When the calling thread is
   * interrupted, downloads in flight are cancelled, the blocks not yet fetched count as missing,
   * and the interrupt flag stays set (a download finishing just then may still reach the sink).
   *
   * @param candidates per block hash, the peers that may hold it, best first; a block without
   *     candidates is missing
   */
  public FetchResult fetch(
      List<WantedBlock> wanted, Map<String, List<PeerSource>> candidates, BlockSink sink) {
    Objects.requireNonNull(sink, "sink");
    Fetch fetch = new Fetch(sink);
    Map<String, WantedBlock> unique = new LinkedHashMap<>();
    for (WantedBlock b : wanted) {
      unique.putIfAbsent(b.hash(), b);
    }
    for (WantedBlock b : unique.values()) {
      Map<String, PeerSource> peers = byEndpoint(candidates.getOrDefault(b.hash(), List.of()));
      if (peers.isEmpty()) {
        fetch.missing.add(b.hash());
      } else {
        fetch.known.addAll(peers.keySet());
        fetch.pending.add(new Job(b, new ArrayList<>(peers.values())));
      }
    }
    lock.lock();
    try {
      fetch.run();
    } catch (InterruptedException e) {
      downloader.cancelAll();
      Thread.currentThread().interrupt();
      fetch.abandon();
    } finally {
      lock.unlock();
    }
    return fetch.result();
  }

  /** One candidate per endpoint, the first listed. */
  private static Map<String, PeerSource> byEndpoint(List<PeerSource> peers) {
    Map<String, PeerSource> out = new LinkedHashMap<>();
    for (PeerSource p : peers) {
      out.putIfAbsent(p.endpointId(), p);
    }
    return out;
  }

  /** A block waiting for a peer. Guarded by the fetcher's lock. */
  private static final class Job {
    final WantedBlock block;
    final List<PeerSource> untried;
    final List<PeerSource> busy = new ArrayList<>();
    int busyRounds;
    long busyUntil; // System.nanoTime(): the latest Retry-After of the busy peers
    long notBefore; // System.nanoTime()

    Job(WantedBlock block, List<PeerSource> untried) {
      this.block = block;
      this.untried = untried;
    }
  }

  /** The state of one fetch call. Guarded by the fetcher's lock. */
  private final class Fetch {
    final BlockSink sink;
    final Deque<Job> pending = new ArrayDeque<>();
    final Set<String> fetched = new HashSet<>();
    final Set<String> missing = new HashSet<>();
    final Map<String, Long> bytes = new HashMap<>();
    final Set<String> down = new HashSet<>();
    final Map<String, Integer> asked = new HashMap<>();
    final Set<String> active = new HashSet<>();
    final Set<String> known = new HashSet<>();
    boolean abandoned;
    int running;

    Fetch(BlockSink sink) {
      this.sink = sink;
    }

    void run() throws InterruptedException {
      while (!pending.isEmpty() || running > 0) {
        long wait = schedule();
        if (wait == 0) {
          continue;
        }
        changed.awaitNanos(wait);
      }
    }

    /** Starts what can start now; 0 when it started something, else how long to wait (ns). */
    long schedule() {
      long now = System.nanoTime();
      long wait = TimeUnit.SECONDS.toNanos(1);
      if (totalInFlight >= settings.total() || totalInFlight > 0 && !anyPeerFree()) {
        return wait; // woken by the next completion (of this fetch or another)
      }
      boolean started = false;
      for (Iterator<Job> it = pending.iterator(); it.hasNext(); ) {
        if (totalInFlight >= settings.total()) {
          break;
        }
        Job job = it.next();
        job.untried.removeIf(p -> down.contains(p.endpointId()));
        job.busy.removeIf(p -> down.contains(p.endpointId()));
        if (job.untried.isEmpty() && !retryBusy(job, now)) {
          missing.add(job.block.hash());
          it.remove();
          continue;
        }
        if (job.notBefore - now > 0) {
          wait = Math.min(wait, job.notBefore - now);
          continue;
        }
        PeerSource peer = leastLoaded(job.untried);
        if (peer != null) {
          it.remove();
          job.untried.remove(peer);
          start(job, peer);
          started = true;
        }
      }
      return started ? 0 : Math.max(wait, 1);
    }

    /** Whether some peer of this fetch that is not down could take a download now. */
    boolean anyPeerFree() {
      for (String id : known) {
        if (!down.contains(id) && inFlight.getOrDefault(id, 0) < settings.perPeer()) {
          return true;
        }
      }
      return false;
    }

    /** Moves the busy peers back to untried once more, after their Retry-After. */
    boolean retryBusy(Job job, long now) {
      if (job.busy.isEmpty() || job.busyRounds >= settings.busyRetries()) {
        return false;
      }
      job.busyRounds++;
      job.untried.addAll(job.busy);
      job.busy.clear();
      job.notBefore = Math.max(job.busyUntil, now);
      return true;
    }

    PeerSource leastLoaded(List<PeerSource> peers) {
      PeerSource best = null;
      int bestLoad = Integer.MAX_VALUE;
      int bestAsked = Integer.MAX_VALUE;
      for (PeerSource p : peers) {
        int load = inFlight.getOrDefault(p.endpointId(), 0);
        int a = asked.getOrDefault(p.endpointId(), 0);
        if (load < settings.perPeer() && (load < bestLoad || load == bestLoad && a < bestAsked)) {
          best = p;
          bestLoad = load;
          bestAsked = a;
        }
      }
      return best;
    }

    void start(Job job, PeerSource peer) {
      inFlight.merge(peer.endpointId(), 1, Integer::sum);
      asked.merge(peer.endpointId(), 1, Integer::sum);
      totalInFlight++;
      running++;
      active.add(job.block.hash());
      threads.execute(() -> finish(job, peer, transfer(job.block, peer)));
    }

    /** On a download thread, without the lock. */
    Attempt transfer(WantedBlock block, PeerSource peer) {
      Attempt attempt = downloader.download(block, peer);
      if (attempt.succeeded()) {
        try {
          sink.accept(block, attempt.data(), peer);
        } catch (IOException | RuntimeException e) {
          log.warn(
              "could not store block {} from {}: {}",
              block.hash(),
              peer.endpointId(),
              e.toString());
          return new Attempt(null, null, "the sink refused it: " + e, Duration.ZERO);
        }
      } else {
        log.debug("block {} from {} failed: {}", block.hash(), peer.endpointId(), attempt.reason());
      }
      return attempt;
    }

    void finish(Job job, PeerSource peer, Attempt attempt) {
      lock.lock();
      try {
        inFlight.merge(peer.endpointId(), -1, Integer::sum);
        totalInFlight--;
        running--;
        String hash = job.block.hash();
        active.remove(hash);
        if (abandoned) {
          return;
        }
        if (attempt.succeeded()) {
          fetched.add(hash);
          bytes.merge(peer.endpointId(), (long) job.block.size(), Long::sum);
        } else if (attempt.failure() == null) {
          missing.add(hash); // the sink failed: another peer's copy would fare no better
        } else {
          if (attempt.failure() == Failure.PEER_DOWN) {
            down.add(peer.endpointId());
          } else if (attempt.failure() == Failure.BUSY) {
            job.busy.add(peer);
            job.busyUntil =
                Math.max(job.busyUntil, System.nanoTime() + attempt.retryAfter().toNanos());
          }
          pending.addFirst(job);
        }
      } finally {
        changed.signalAll();
        lock.unlock();
      }
    }

    /**
     * After an interrupt: what is not fetched is missing; downloads still running are cancelled.
     */
    void abandon() {
      abandoned = true;
      pending.forEach(j -> missing.add(j.block.hash()));
      pending.clear();
      missing.addAll(active);
    }

    FetchResult result() {
      lock.lock();
      try {
        Set<String> lost = new HashSet<>(missing);
        lost.removeAll(fetched);
        return new FetchResult(fetched, lost, bytes);
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public void close() {
    downloader.cancelAll();
    threads.shutdownNow();
  }
}
