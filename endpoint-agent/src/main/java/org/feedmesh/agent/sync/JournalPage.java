package org.feedmesh.agent.sync;

import java.util.List;

/**
 * One answer of {@code GET /feeds/NS?since=...}: the versions journaled after {@code since} up to
 * {@code until}, in cursor order.
 */
public record JournalPage(List<org.feedmesh.feedsync.Item> items, long since, long until, boolean more) {
  public JournalPage {
    items = List.copyOf(items);
    if (until < since) {
      throw new IllegalArgumentException("a page cannot end (" + until + ") before it starts (" + since + ")");
    }
  }
}
