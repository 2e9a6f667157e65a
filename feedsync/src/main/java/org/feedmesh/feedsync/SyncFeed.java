package org.feedmesh.feedsync;

import java.util.List;

/**
 * A whole sync feed held in memory. For large feeds use the streaming reader and writer of
 * {@link org.feedmesh.feedsync.xml}, which never hold more than one item at a time.
 */
public record SyncFeed(FeedHead head, List<Item> items) {
  public SyncFeed {
    head = head == null ? FeedHead.of(null, null, null) : head;
    items = items == null ? List.of() : List.copyOf(items);
  }
}
