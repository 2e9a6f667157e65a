package org.feedmesh.agent.peer;

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
}
