package org.feedmesh.feedsync.rome;

import com.rometools.rome.feed.module.Module;
import org.feedmesh.feedsync.Sharing;
import org.feedmesh.feedsync.xml.FeedNamespaces;

/**
 * The feed-level FeedSync elements of a Rome feed (Atom {@code feed}, RSS {@code channel}):
 * {@code sx:sharing} and {@code sx:unpublished}. Get it with {@code feed.getModule(SyncFeedModule.URI)}.
 */
public interface SyncFeedModule extends Module {
  String URI = FeedNamespaces.SX;

  /** {@link Sharing#NONE} when the feed has no {@code sx:sharing}. */
  Sharing getSharing();

  void setSharing(Sharing sharing);

  boolean isUnpublished();

  void setUnpublished(boolean unpublished);
}
