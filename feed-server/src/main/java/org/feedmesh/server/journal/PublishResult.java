package org.feedmesh.server.journal;

import java.util.List;

/**
 * What a publish did.
 *
 * @param merged the merged version of each posted item, in the order posted (conflicts included)
 * @param journaled the versions that changed and got cursors; empty when nothing changed
 * @param lastCursor the namespace's newest cursor after the publish
 */
public record PublishResult(
    List<org.feedmesh.feedsync.Item> merged, List<JournalEntry> journaled, long lastCursor) {
  public PublishResult {
    merged = List.copyOf(merged);
    journaled = List.copyOf(journaled);
  }
}
