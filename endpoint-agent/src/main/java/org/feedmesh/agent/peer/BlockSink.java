package org.feedmesh.agent.peer;

import java.io.IOException;

/**
 * Receives downloaded blocks whose hash was checked. Called on the fetcher's threads, several at
 * once: implementations must be thread-safe. The array is the sink's to keep.
 */
@FunctionalInterface
public interface BlockSink {
  /**
   * @param data exactly {@code block.size()} bytes whose SHA-256 is {@code block.hash()}
   * @param from the peer that sent them
   * @throws IOException when the sink cannot store them; the block then counts as missing
   */
  void accept(WantedBlock block, byte[] data, PeerSource from) throws IOException;
}
