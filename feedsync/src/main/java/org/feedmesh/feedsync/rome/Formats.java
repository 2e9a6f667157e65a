package org.feedmesh.feedsync.rome;

import org.feedmesh.feedsync.xml.FeedNamespaces;
import org.feedmesh.feedsync.xml.internal.AtomElements;
import org.feedmesh.feedsync.xml.internal.ItemElements;
import org.feedmesh.feedsync.xml.internal.RssElements;
import org.jdom2.Element;

/** Which item mapping applies to an element Rome hands us: Atom when it is in the Atom namespace. */
final class Formats {
  private Formats() {}

  static ItemElements of(Element item) {
    return FeedNamespaces.ATOM.equals(item.getNamespaceURI()) ? AtomElements.DEFAULT : RssElements.DEFAULT;
  }
}
