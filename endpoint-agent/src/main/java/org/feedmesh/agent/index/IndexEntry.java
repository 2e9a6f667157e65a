package org.feedmesh.agent.index;

import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.RelativePath;

/**
 * What the agent knows about one path of its folder.
 *
 * @param path the relative path (NFC, {@code /}-separated)
 * @param local what the agent last saw or put on disk at {@code path}; null: nothing on disk
 * @param itemXml the last FeedSync item known for the path (Atom entry XML); null: never published
 *     or received
 * @param pending a local change not yet acknowledged by the server
 */
public record IndexEntry(String path, FileMeta local, String itemXml, boolean pending) {
  public IndexEntry {
    path = RelativePath.normalize(path);
    if (local != null && !local.path().equals(path)) {
      throw new IllegalArgumentException(
          "index entry " + path + " holds metadata of another path, " + local.path());
    }
  }

  public IndexEntry withLocal(FileMeta newLocal) {
    return new IndexEntry(path, newLocal, itemXml, pending);
  }

  public IndexEntry withItemXml(String newItemXml, boolean newPending) {
    return new IndexEntry(path, local, newItemXml, newPending);
  }
}
