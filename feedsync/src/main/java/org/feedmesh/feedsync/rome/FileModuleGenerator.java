package org.feedmesh.feedsync.rome;

import com.rometools.rome.feed.module.Module;
import com.rometools.rome.io.ModuleGenerator;
import java.util.Set;
import org.feedmesh.feedsync.xml.FeedNamespaces;
import org.feedmesh.feedsync.xml.internal.Dom;
import org.feedmesh.feedsync.xml.internal.FmElements;
import org.jdom2.Element;
import org.jdom2.Namespace;

/** Writes {@code fm:file}. */
public class FileModuleGenerator implements ModuleGenerator {

  @Override
  public String getNamespaceUri() {
    return FeedNamespaces.FM;
  }

  @Override
  public Set<Namespace> getNamespaces() {
    return Set.of(Dom.FM);
  }

  @Override
  public void generate(Module module, Element item) {
    FileModule fm = (FileModule) module;
    if (fm.getFile() != null) {
      item.addContent(FmElements.writeFile(fm.getFile()));
    }
  }
}
