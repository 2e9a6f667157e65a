package org.feedmesh.server.journal;

import org.feedmesh.feedsync.Item;

/**
 * The FeedSync merge of an incoming version into the stored one (FeedSync 1.0.1 section 4). The
 * journal treats a result equal to {@code stored} as "nothing changed". Must be a pure function.
 */
@FunctionalInterface
public interface ItemMerge {
  Item merge(Item stored, Item incoming);
}
