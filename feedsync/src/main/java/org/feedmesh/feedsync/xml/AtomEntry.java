package org.feedmesh.feedsync.xml;

import java.util.Objects;
import org.feedmesh.feedsync.InvalidFeedSyncException;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Sync;

/**
 * A single Atom entry document as AtomPub clients send it: its payload and, when the client speaks
 * FeedSync, its {@code sx:sync} ({@code null} otherwise, e.g. a plain AtomPub client creating an
 * entry that the server then creates the sync metadata for).
 */
public record AtomEntry(Sync sync, Payload payload) {
  public AtomEntry {
    Objects.requireNonNull(payload, "payload");
  }

  public boolean hasSync() {
    return sync != null;
  }

  /** The entry as a sync item; refuses an entry without {@code sx:sync}. */
  public Item toItem() {
    if (sync == null) {
      throw new InvalidFeedSyncException("the entry has no sx:sync element");
    }
    return new Item(sync, payload);
  }
}
