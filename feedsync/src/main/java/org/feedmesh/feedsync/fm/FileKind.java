package org.feedmesh.feedsync.fm;

import org.feedmesh.feedsync.InvalidFeedSyncException;

/** What an item of a shared folder is. */
public enum FileKind {
  FILE,
  DIR,
  SYMLINK;

  public String xml() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static FileKind fromXml(String value) {
    for (FileKind k : values()) {
      if (k.xml().equals(value)) {
        return k;
      }
    }
    throw new InvalidFeedSyncException("fm:file/@kind must be file, dir or symlink, got \"" + value + "\"");
  }
}
