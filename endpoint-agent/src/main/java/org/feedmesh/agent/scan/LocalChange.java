package org.feedmesh.agent.scan;

import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.RelativePath;

/**
 * A difference between the folder and the index at one path: {@code before} is the index's {@code
 * local} (null: new), {@code after} what is on disk now (null: gone).
 */
public record LocalChange(String path, FileMeta before, FileMeta after) {
  public LocalChange {
    path = RelativePath.normalize(path);
    if (before == null && after == null) {
      throw new IllegalArgumentException("a change at " + path + " needs a before or an after");
    }
    for (FileMeta m : new FileMeta[] {before, after}) {
      if (m != null && !m.path().equals(path)) {
        throw new IllegalArgumentException("change at " + path + " carries metadata of " + m.path());
      }
    }
  }

  public boolean isNew() {
    return before == null;
  }

  public boolean isGone() {
    return after == null;
  }
}
