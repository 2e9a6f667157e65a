package org.feedmesh.server.registry;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the peer reports of {@code PUT /endpoints/self} (transfers, LAN peers) to whoever keeps
 * them, e.g. the browser view. The feed server only validates them; it keeps nothing itself.
 * Thread-safe.
 */
public final class PeerReports {
  private static final Logger log = LoggerFactory.getLogger(PeerReports.class);

  /**
   * Told after the announcement was stored, on the announcing request's thread: return quickly,
   * never throw (a failure is logged and does not fail the announcement).
   */
  @FunctionalInterface
  public interface Listener {
    void reported(String endpointId, PeerReport report);
  }

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  public void addListener(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Tells every listener; nothing happens for an empty report. */
  public void reported(String endpointId, PeerReport report) {
    if (report.isEmpty()) {
      return;
    }
    for (Listener l : listeners) {
      try {
        l.reported(endpointId, report);
      } catch (RuntimeException e) {
        log.warn("a peer report listener failed for endpoint {}", endpointId, e);
      }
    }
  }
}
