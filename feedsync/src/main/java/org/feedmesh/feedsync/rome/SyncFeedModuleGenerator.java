package org.feedmesh.feedsync.rome;

import com.rometools.rome.feed.module.Module;
import com.rometools.rome.io.ModuleGenerator;
import java.util.Set;
import org.feedmesh.feedsync.Sharing;
import org.feedmesh.feedsync.xml.FeedNamespaces;
import org.feedmesh.feedsync.xml.internal.Dom;
import org.feedmesh.feedsync.xml.internal.SxElements;
import org.jdom2.Element;
import org.jdom2.Namespace;

/** Writes {@code sx:sharing} and {@code sx:unpublished} into an Atom feed or RSS channel. */
public class SyncFeedModuleGenerator implements ModuleGenerator {

  @Override
  public String getNamespaceUri() {
    return FeedNamespaces.SX;
  }

  @Override
  public Set<Namespace> getNamespaces() {
    return Set.of(Dom.SX);
  }

  @Override
  public void generate(Module module, Element element) {
    SyncFeedModule sx = (SyncFeedModule) module;
    if (!sx.getSharing().equals(Sharing.NONE)) {
      element.addContent(SxElements.writeSharing(sx.getSharing()));
    }
    if (sx.isUnpublished()) {
      element.addContent(SxElements.writeUnpublished());
    }
  }
}
