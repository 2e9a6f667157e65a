package org.feedmesh.webapp.items;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.feedmesh.server.status.StatusEvent;
import org.feedmesh.server.status.StatusReport;
import org.feedmesh.server.status.StatusStore;

/**
 * Whether each endpoint of a namespace has an item's current version (seed 000: the status of the
 * applied change): an endpoint has it when it reported that version {@code applied}, or when it
 * wrote that version (its id is the version's topmost {@code by}: the author needs no delivery).
 */
public final class Delivery {
  /** One endpoint's state for the current version. */
  public enum State {
    AUTHOR,
    APPLIED,
    CONFLICT,
    FAILED,
    PENDING
  }

  /** An endpoint's state, with its latest report when there is one. */
  public record Entry(String endpoint, State state, StatusEvent latest) {}

  private final StatusStore status;

  public Delivery(StatusStore status) {
    this.status = Objects.requireNonNull(status, "status");
  }

  /** The state of each of {@code endpoints} for version {@code updates} written by {@code by}. */
  public List<Entry> of(String ns, String itemId, int updates, String by, List<String> endpoints) {
    Map<String, StatusEvent> latest = new HashMap<>();
    for (StatusEvent e : status.itemStatus(ns, itemId)) {
      latest.put(e.endpoint(), e);
    }
    return endpoints.stream()
        .map(id -> new Entry(id, state(latest.get(id), id, updates, by), latest.get(id)))
        .toList();
  }

  /** How many of {@code endpoints} have the version. */
  public int count(String ns, ItemRow row, Set<String> endpoints) {
    int n = 0;
    for (Entry e : of(ns, row.id(), row.updates(), row.changedBy(), List.copyOf(endpoints))) {
      if (e.state() == State.AUTHOR || e.state() == State.APPLIED) {
        n++;
      }
    }
    return n;
  }

  private static State state(StatusEvent report, String endpoint, int updates, String by) {
    if (report != null && report.updates() == updates) {
      if (report.result() == StatusReport.Result.APPLIED) {
        return State.APPLIED;
      }
      return report.result() == StatusReport.Result.CONFLICT ? State.CONFLICT : State.FAILED;
    }
    return endpoint.equals(by) ? State.AUTHOR : State.PENDING;
  }
}
