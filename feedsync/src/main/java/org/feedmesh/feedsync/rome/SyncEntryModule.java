package org.feedmesh.feedsync.rome;

import com.rometools.rome.feed.module.Module;
import org.feedmesh.feedsync.Sync;
import org.feedmesh.feedsync.xml.FeedNamespaces;

/**
 * The {@code sx:sync} of a Rome entry or RSS item, conflicts included (each a full {@link
 * org.feedmesh.feedsync.Item}). Get it with {@code entry.getModule(SyncEntryModule.URI)}; combine
 * it with the entry's payload through {@code org.feedmesh.feedsync.xml} when a whole item is needed.
 */
public interface SyncEntryModule extends Module {
  String URI = FeedNamespaces.SX;

  Sync getSync();

  void setSync(Sync sync);
}
