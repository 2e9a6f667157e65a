package org.feedmesh.feedsync.rome;

import com.rometools.rome.feed.module.Module;
import com.rometools.rome.io.ModuleGenerator;
import java.util.Set;
import org.feedmesh.feedsync.xml.FeedNamespaces;
import org.feedmesh.feedsync.xml.internal.Dom;
import org.feedmesh.feedsync.xml.internal.SxElements;
import org.jdom2.Element;
import org.jdom2.Namespace;

/** Writes {@code sx:sync} (conflicts as full entries or items of the enclosing format). */
public class SyncEntryModuleGenerator implements ModuleGenerator {

  @Override
  public String getNamespaceUri() {
    return FeedNamespaces.SX;
  }

  @Override
  public Set<Namespace> getNamespaces() {
    return Set.of(Dom.SX);
  }

  @Override
  public void generate(Module module, Element item) {
    SyncEntryModule sx = (SyncEntryModule) module;
    if (sx.getSync() != null) {
      item.addContent(SxElements.writeSync(sx.getSync(), Formats.of(item)));
    }
  }
}
