package org.feedmesh.feedsync.rome;

import com.rometools.rome.feed.module.Module;
import com.rometools.rome.io.ModuleParser;
import java.util.Locale;
import org.feedmesh.feedsync.xml.FeedNamespaces;
import org.feedmesh.feedsync.xml.XmlLimits;
import org.feedmesh.feedsync.xml.internal.SxElements;
import org.jdom2.Element;

/**
 * Reads {@code sx:sync} from an Atom entry or RSS item, with the same mapping as {@code
 * org.feedmesh.feedsync.xml}: conflicts are read as entries or items of the enclosing format.
 * Invalid values throw {@link org.feedmesh.feedsync.InvalidFeedSyncException}.
 */
public class SyncEntryModuleParser implements ModuleParser {

  @Override
  public String getNamespaceUri() {
    return FeedNamespaces.SX;
  }

  @Override
  public Module parse(Element item, Locale locale) {
    for (Element child : item.getChildren()) {
      if (SxElements.isSync(child)) {
        return new SyncEntryModuleImpl(
            SxElements.readSync(child, Formats.of(item), XmlLimits.DEFAULT.maxConflicts()));
      }
    }
    return null;
  }
}
