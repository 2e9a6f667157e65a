package org.feedmesh.agent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.feedmesh.agent.index.AgentIndex;
import org.feedmesh.agent.sync.RemoteBlocks;
import org.feedmesh.agent.sync.SafePaths;
import org.feedmesh.agent.sync.TempFile;
import org.feedmesh.lookup.BlobId;
import org.feedmesh.lookup.BlobLayout;
import org.feedmesh.lookup.BlockRange;
import org.feedmesh.lookup.HeldBlocks;
import org.feedmesh.lookup.LocatorRequest;
import org.feedmesh.lookup.client.LookupClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a block this agent has just downloaded available at once: the peer port can serve it from
 * the temporary file, and (for files of several blocks, at most every half second per file) the
 * blob lookup hears which blocks this agent now holds, so others pull from it while it still
 * downloads.
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
    var block = file.meta().blocks().get(blockIndex);
    index.addStoredBlocks(paths.relative(file.path()), List.of(block));
    long now = System.nanoTime();
    Long last = lastSent.get(file.meta().blobId());
    if (last != null && now - last < MIN_INTERVAL_NANOS && !file.complete()) {
      return;
    }
    lastSent.put(file.meta().blobId(), now);
    BitSet held = file.heldSet();
    sender.execute(() -> register(file, held));
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
