package org.feedmesh.server.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.http.ApiException;

/**
 * Who may write which history. An endpoint may add history entries only under its own id ({@code
 * by}); the admin and endpoints with the relay right may add any. An entry is new unless the stored
 * version (or one of its conflicts) already has an entry that covers it in the FeedSync sense (same
 * {@code by}, sequence at least as high), so versions that merely carry other endpoints' known
 * history, even after the server purged some of it, pass.
 */
public final class Ownership {
  private Ownership() {}

  /**
   * @throws ApiException 403 naming the item and the foreign {@code by}
   */
  public static void check(Caller caller, Item stored, Item incoming) {
    if (caller.isAdmin() || caller.relay()) {
      return;
    }
    List<History> known = new ArrayList<>();
    if (stored != null) {
      collect(stored, known);
    }
    List<History> offered = new ArrayList<>();
    collect(incoming, offered);
    for (History h : offered) {
      if (caller.mayPublishAs(h.by()) || known.stream().anyMatch(k -> k.covers(h))) {
        continue;
      }
      throw new ApiException(
          403,
          "endpoint '"
              + caller.id()
              + "' may add history only under its "
              + "own id, but item "
              + incoming.id()
              + " has a new entry by "
              + (h.by() == null ? "nobody (no by)" : "'" + h.by() + "'")
              + " (sequence "
              + h.sequence()
              + "); nothing was stored",
          Map.of("item", incoming.id(), "sequence", h.sequence()));
    }
  }

  private static void collect(Item item, List<History> into) {
    into.addAll(item.sync().history());
    for (Item c : item.conflicts()) {
      into.addAll(c.sync().history());
    }
  }
}
