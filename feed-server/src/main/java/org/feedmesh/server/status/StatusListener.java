package org.feedmesh.server.status;

import java.util.List;

/**
 * Told about status reports after their transaction committed: the seam for long-poll wake-ups and
 * for the blob lookup (an endpoint that applied a version holds its blob). Called on the reporting
 * request's thread: return quickly, never throw; failures are logged and ignored.
 */
@FunctionalInterface
public interface StatusListener {
  void reported(String namespace, List<StatusEvent> events);
}
