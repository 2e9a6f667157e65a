package org.feedmesh.server.journal;

import java.util.List;

/**
 * Told about versions after their transaction committed: the seam for long-poll wake-ups, the
 * WebSub hub and the blob lookup. Called on the publishing request's thread, in cursor order per
 * namespace: implementations must return quickly (hand work to their own threads) and must not
 * throw; a listener's failure is logged and never fails the publish.
 */
@FunctionalInterface
public interface JournalListener {
  void journaled(String namespace, List<JournalEntry> entries);
}
