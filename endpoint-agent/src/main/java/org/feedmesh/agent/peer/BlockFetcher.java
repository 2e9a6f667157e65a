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
import java.util.function.LongSupplier;
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
 * limits hold across concurrent {@code fetch} calls. Small blocks (up to {@link #BATCH_BLOCK_MAX})
 * travel together: a block whose candidates include a peer that a request is being put together
 * for joins that request, up to {@link #BATCH_BLOCKS} blocks and {@link #BATCH_BYTES} bytes, and the
 * request counts as one download. A peer that does not take batches (405) is asked block by block
 * for the next ten minutes, then offered a batch again.
 *
 * <p>A block that fails from one peer (404 or "not held", error, wrong length or hash, broken
 * body) goes back to the queue for its next candidate; a peer that cannot be reached or times out
 * is skipped for the rest of the fetch; a peer that answers 503 is asked again after its {@code
 * Retry-After} when no other candidate delivered, at most {@link FetchSettings#busyRetries()}
 * times. Verified blocks go to the {@link BlockSink} on the download thread, as each arrives.
 *
 * <p>Thread-safe; {@link #close} stops its threads.
 */
public final class BlockFetcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BlockFetcher.class);

  /** The largest block that is asked for together with others. */
  static final int BATCH_BLOCK_MAX = 512 * 1024;
  /** The most blocks in one request. */
  static final int BATCH_BLOCKS = 64;
  /** The most bytes in one request: no more than one largest block, so one block's timeout fits. */
  static final long BATCH_BYTES = 4L * 1024 * 1024;

  private final FetchSettings settings;
  private final BlockDownloader downloader;
  private final ExecutorService threads;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, Integer> inFlight = new HashMap<>();
  /** Endpoints that answered a batch 405, until when (nanos) they are asked block by block. */
  private final Map<String, Long> singleOnly = new HashMap<>();
  private final LongSupplier nanoClock;
  private int totalInFlight;

  /** How long a peer that refused a batch is asked block by block before a batch is tried again. */
  static final long SINGLE_ONLY_NANOS = TimeUnit.MINUTES.toNanos(10);

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
    this(http, settings, ticketFor, System::nanoTime);
  }

  /** With the clock that times how long a peer that refused a batch is asked block by block. */
  BlockFetcher(
      OkHttpClient http,
      FetchSettings settings,
      java.util.function.Function<PeerSource, String> ticketFor,
      LongSupplier nanoClock) {
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
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

  /** Under the lock: whether {@code peer} is asked for batches (an older peer is, again, later). */
  private boolean takesBatches(PeerSource peer) {
    Long until = singleOnly.get(peer.endpointId());
    if (until == null) {
      return true;
    }
    if (nanoClock.getAsLong() - until >= 0) {
      singleOnly.remove(peer.endpointId()); // it may have been upgraded since: try again
      return true;
    }
    return false;
  }

  private static boolean batchable(Job job) {
    return job.block.size() <= BATCH_BLOCK_MAX;
  }

  /** Blocks asked of one peer in one request (one block: a plain GET). */
  private static final class Request {
    final PeerSource peer;
    final List<Job> jobs = new ArrayList<>();
    long bytes;

    Request(PeerSource peer, Job first) {
      this.peer = peer;
      add(first);
    }

    void add(Job job) {
      jobs.add(job);
      bytes += job.block.size();
    }

    boolean hasRoom() {
      return jobs.size() < BATCH_BLOCKS && bytes < BATCH_BYTES;
    }

    boolean fits(Job job) {
      return jobs.size() < BATCH_BLOCKS && bytes + job.block.size() <= BATCH_BYTES;
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
      List<Request> forming = new ArrayList<>();
      boolean started = false;
      for (Iterator<Job> it = pending.iterator(); it.hasNext(); ) {
        boolean slotFree = totalInFlight < settings.total();
        if (!slotFree && forming.stream().noneMatch(Request::hasRoom)) {
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
        PeerSource peer = slotFree ? leastLoaded(job.untried) : null;
        Request joined = joinable(forming, job);
        if (joined != null && (peer == null || load(peer) >= load(joined.peer))) {
          // no candidate is less busy than one a request is being put together for: join it
          it.remove();
          job.untried.remove(joined.peer);
          joined.add(job);
          continue;
        }
        if (peer != null) {
          it.remove();
          job.untried.remove(peer);
          Request request = new Request(peer, job);
          reserve(request);
          if (batchable(job) && takesBatches(peer)) {
            forming.add(request);
          } else {
            launch(request);
          }
          started = true;
        }
      }
      forming.forEach(this::launch);
      return started ? 0 : Math.max(wait, 1);
    }

    /** The request being put together that {@code job} can join: to one of its candidates. */
    Request joinable(List<Request> forming, Job job) {
      if (!batchable(job)) {
        return null;
      }
      Request best = null;
      for (Request r : forming) {
        if (r.fits(job) && job.untried.contains(r.peer)
            && (best == null || r.jobs.size() < best.jobs.size())) {
          best = r;
        }
      }
      return best;
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

    int load(PeerSource peer) {
      return inFlight.getOrDefault(peer.endpointId(), 0);
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

    void reserve(Request request) {
      String id = request.peer.endpointId();
      inFlight.merge(id, 1, Integer::sum);
      asked.merge(id, 1, Integer::sum);
      totalInFlight++;
      running++;
    }

    void launch(Request request) {
      request.jobs.forEach(j -> active.add(j.block.hash()));
      threads.execute(() -> {
        List<Attempt> attempts;
        try {
          attempts = transfer(request);
        } catch (RuntimeException e) { // a bug, not a peer's doing: still account for every block
          log.warn("downloading {} block(s) from {} failed", request.jobs.size(),
              request.peer.endpointId(), e);
          attempts = List.of();
        }
        finish(request, attempts);
      });
    }

    /** On a download thread, without the lock: each job's attempt, in the request's order. */
    List<Attempt> transfer(Request request) {
      PeerSource peer = request.peer;
      if (request.jobs.size() == 1) {
        WantedBlock block = request.jobs.get(0).block;
        return List.of(deliver(block, downloader.download(block, peer), peer));
      }
      List<Attempt> attempts = new ArrayList<>(request.jobs.size());
      List<WantedBlock> blocks = new ArrayList<>(request.jobs.size());
      request.jobs.forEach(j -> blocks.add(j.block));
      downloader.downloadAll(blocks, peer, (block, attempt) -> attempts.add(deliver(block, attempt, peer)));
      return attempts;
    }

    /** Hands a verified block to the sink; what became of the attempt. */
    Attempt deliver(WantedBlock block, Attempt attempt, PeerSource peer) {
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

    void finish(Request request, List<Attempt> attempts) {
      PeerSource peer = request.peer;
      lock.lock();
      try {
        inFlight.merge(peer.endpointId(), -1, Integer::sum);
        totalInFlight--;
        running--;
        for (int i = 0; i < request.jobs.size(); i++) {
          finish(request.jobs.get(i), peer, i < attempts.size()
              ? attempts.get(i) : Attempt.failed(Failure.REFUSED, "the download broke off"));
        }
      } finally {
        changed.signalAll();
        lock.unlock();
      }
    }

    /** Under the lock. */
    private void finish(Job job, PeerSource peer, Attempt attempt) {
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
        } else if (attempt.failure() == Failure.NO_BATCH) {
          singleOnly.put(peer.endpointId(), nanoClock.getAsLong() + SINGLE_ONLY_NANOS);
          job.untried.add(0, peer); // not an answer about the block: ask it again, alone
        }
        pending.addFirst(job);
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
