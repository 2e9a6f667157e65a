package org.feedmesh.agent.peer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where this agent holds a block, if it does: what the peer server serves. The agent's index
 * implements it. Called on HTTP threads, concurrently; must not block for long.
 */
@FunctionalInterface
public interface BlockProvider {
  /**
   * A place on disk that held the block with this hash when last seen; empty when it is not held.
   * The peer server re-reads and verifies it, so a stale answer costs a 404, never wrong bytes.
   */
  Optional<BlockFile> locate(String hash);

  /**
   * Where each of {@code hashes} is held, for those that are; for a batch request. The default asks
   * {@link #locate} for each; an index can answer them all with one query.
   */
  default Map<String, BlockFile> locateAll(List<String> hashes) {
    Map<String, BlockFile> out = new HashMap<>();
    for (String h : hashes) {
      locate(h).ifPresent(f -> out.put(h, f));
    }
    return out;
  }
}
