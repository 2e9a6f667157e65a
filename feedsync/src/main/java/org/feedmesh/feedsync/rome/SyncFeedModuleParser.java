package org.feedmesh.feedsync.rome;

import com.rometools.rome.feed.module.Module;
import com.rometools.rome.io.ModuleParser;
import java.util.Locale;
import org.feedmesh.feedsync.Sharing;
import org.feedmesh.feedsync.xml.FeedNamespaces;
import org.feedmesh.feedsync.xml.internal.SxElements;
import org.jdom2.Element;

/**
 * Reads {@code sx:sharing} and {@code sx:unpublished} from an Atom {@code feed} or RSS {@code
 * channel} (Rome also offers the RSS root, where some FeedSync publishers put {@code sx:sharing}).
 * Invalid values throw {@link org.feedmesh.feedsync.InvalidFeedSyncException}.
 */
public class SyncFeedModuleParser implements ModuleParser {

  @Override
  public String getNamespaceUri() {
    return FeedNamespaces.SX;
  }

  @Override
  public Module parse(Element element, Locale locale) {
    Sharing sharing = null;
    boolean unpublished = false;
    for (Element child : element.getChildren()) {
      if (SxElements.isSharing(child) && sharing == null) {
        sharing = SxElements.readSharing(child);
      } else if (SxElements.isUnpublished(child)) {
        unpublished = true;
      }
    }
    return sharing == null && !unpublished ? null : new SyncFeedModuleImpl(sharing, unpublished);
  }
}
