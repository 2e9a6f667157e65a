package org.feedmesh.feedsync.rome;

import com.rometools.rome.feed.module.Module;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.xml.FeedNamespaces;

/** FeedMesh's {@code fm:file} of a Rome entry or RSS item: {@code entry.getModule(FileModule.URI)}. */
public interface FileModule extends Module {
  String URI = FeedNamespaces.FM;

  FileMeta getFile();

  void setFile(FileMeta file);
}
