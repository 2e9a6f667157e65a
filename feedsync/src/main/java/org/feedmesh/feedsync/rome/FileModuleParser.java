package org.feedmesh.feedsync.rome;

import com.rometools.rome.feed.module.Module;
import com.rometools.rome.io.ModuleParser;
import java.util.Locale;
import org.feedmesh.feedsync.xml.FeedNamespaces;
import org.feedmesh.feedsync.xml.internal.FmElements;
import org.jdom2.Element;

/** Reads {@code fm:file}; an invalid one throws {@link org.feedmesh.feedsync.InvalidFeedSyncException}. */
public class FileModuleParser implements ModuleParser {

  @Override
  public String getNamespaceUri() {
    return FeedNamespaces.FM;
  }

  @Override
  public Module parse(Element item, Locale locale) {
    for (Element child : item.getChildren()) {
      if (FmElements.isFile(child)) {
        return new FileModuleImpl(FmElements.readFile(child));
      }
    }
    return null;
  }
}
