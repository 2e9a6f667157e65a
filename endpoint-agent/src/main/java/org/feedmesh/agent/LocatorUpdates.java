package org.feedmesh.agent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.feedmesh.agent.index.AgentIndex;
import org.feedmesh.agent.sync.RemoteBlocks;
import org.feedmesh.agent.sync.SafePaths;
import org.feedmesh.agent.sync.TempFile;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.lookup.BlobId;
import org.feedmesh.lookup.BlobLayout;
import org.feedmesh.lookup.BlockRange;
import org.feedmesh.lookup.HeldBlocks;
import org.feedmesh.lookup.LocatorRequest;
import org.feedmesh.lookup.client.LookupClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the blocks of a file this agent is still downloading available to others: the index
 * records where each landed block is in the temporary file, so the peer port can serve it, and
 * the blob lookup hears which blocks this agent now holds (for files of several blocks, at most
 * every half second per file), so others pull from it while it still downloads.
 *
 * <p>Both happen on one background thread, in order, so the download threads never wait for them
 * and the lookup never names a block before the index can find it: blocks that land while the
 * thread is busy are recorded together, one index transaction per file.
 */
final class LocatorUpdates implements RemoteBlocks.Landed, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocatorUpdates.class);
  private static final long MIN_INTERVAL_NANOS = 500_000_000L;

  private final LookupClient lookup;
  private final String me;
  private final String namespace;
  private final AgentIndex index;
  private final SafePaths paths;
  private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
  /** Blocks landed since the sender last recorded them, per file, in landing order. */
  private final Map<TempFile, List<Block>> landedBlocks = new LinkedHashMap<>();
  private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "feedmesh-locators");
    t.setDaemon(true);
    return t;
  });

  LocatorUpdates(LookupClient lookup, String me, String namespace, AgentIndex index, SafePaths paths) {
    this.lookup = lookup;
    this.me = me;
    this.namespace = namespace;
    this.index = index;
    this.paths = paths;
  }

  @Override
  public void landed(TempFile file, int blockIndex) {
    int count = file.meta().blocks().size();
    if (count < 2) {
      return; // a one-block file is in place (and announced) as soon as its block is here
    }
    boolean first;
    synchronized (landedBlocks) {
      first = landedBlocks.isEmpty();
      landedBlocks.computeIfAbsent(file, f -> new ArrayList<>()).add(file.meta().blocks().get(blockIndex));
    }
    if (first) {
      sender.execute(this::recordLanded);
    }
    long now = System.nanoTime();
    String blob = file.meta().blobId();
    boolean complete = file.complete();
    Long last = lastSent.get(blob);
    if (last != null && now - last < MIN_INTERVAL_NANOS && !complete) {
      return;
    }
    if (complete) {
      lastSent.remove(blob); // the last word on this file: nothing to pace any more
    } else {
      lastSent.put(blob, now);
    }
    BitSet held = file.heldSet();
    sender.execute(() -> register(file, held));
  }

  private void recordLanded() {
    Map<TempFile, List<Block>> batch;
    synchronized (landedBlocks) {
      batch = new LinkedHashMap<>(landedBlocks);
      landedBlocks.clear();
    }
    batch.forEach((file, blocks) -> {
      try {
        // an installed (closed) file's blocks are recorded at its final path instead
        file.whileOpen(() -> index.putStoredBlocks(paths.relative(file.path()), blocks));
      } catch (RuntimeException e) {
        log.warn("could not record the downloaded blocks of {}: {}", file.meta().path(), e.getMessage());
      }
    });
  }

  /** Waits until everything handed to the background thread so far is done (for tests). */
  void awaitIdle() throws InterruptedException, ExecutionException {
    CompletableFuture.runAsync(() -> {}, sender).get();
  }

  private void register(TempFile file, BitSet held) {
    List<BlockRange> ranges = new ArrayList<>();
    for (int i = held.nextSetBit(0); i >= 0; ) {
      int end = held.nextClearBit(i);
      ranges.add(new BlockRange(i, end - 1));
      i = held.nextSetBit(end);
    }
    if (ranges.isEmpty()) {
      return;
    }
    try {
      lookup.register(
          new BlobId(file.meta().blobId()),
          me,
          new LocatorRequest(namespace, Optional.empty(), Optional.of(BlobLayout.of(file.meta())),
              HeldBlocks.ranges(ranges), Optional.empty()));
    } catch (IOException | RuntimeException e) {
      log.debug("could not register the blocks of {} held so far: {}", file.meta().path(), e.getMessage());
    }
  }

  @Override
  public void close() {
    sender.shutdownNow();
  }
}
