package org.feedmesh.server.status;

import java.util.List;
import java.util.Map;
import org.feedmesh.feedsync.Item;

/**
 * Told about status reports after their transaction committed: the seam for long-poll wake-ups and
 * for the blob lookup (an endpoint that applied a version holds its blob). Called on the reporting
 * request's thread: return quickly, never throw; failures are logged and ignored.
 */
@FunctionalInterface
public interface StatusListener {
  /**
   * @param versions the reported items' current versions by item id, as read when the reports
   *     were checked (so listeners need not read them again)
   */
  void reported(String namespace, List<StatusEvent> events, Map<String, Item> versions);
}
