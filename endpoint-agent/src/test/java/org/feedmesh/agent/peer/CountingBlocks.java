package org.feedmesh.agent.peer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link BlockProvider} that answers from another one and counts single and batch lookups. */
final class CountingBlocks implements BlockProvider {
  final AtomicInteger singles = new AtomicInteger();
  final AtomicInteger batches = new AtomicInteger();
  private final BlockProvider inner;

  CountingBlocks(BlockProvider inner) {
    this.inner = inner;
  }

  @Override
  public Optional<BlockFile> locate(String hash) {
    singles.incrementAndGet();
    return inner.locate(hash);
  }

  /** One lookup for the whole batch (counted once), not one per hash. */
  @Override
  public Map<String, BlockFile> locateAll(List<String> hashes) {
    batches.incrementAndGet();
    Map<String, BlockFile> out = new HashMap<>();
    hashes.forEach(h -> inner.locate(h).ifPresent(f -> out.put(h, f)));
    return out;
  }

  int lookups() {
    return singles.get() + batches.get();
  }
}
