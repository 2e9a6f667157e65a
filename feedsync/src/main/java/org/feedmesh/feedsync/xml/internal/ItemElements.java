package org.feedmesh.feedsync.xml.internal;

import java.util.List;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Sync;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.jdom2.Element;

/**
 * The mapping between one feed format's elements and the model: items (Atom {@code entry}, RSS
 * {@code item}) both ways, and the feed head. The one place the element layout is defined: the
 * streaming reader and writer and the Rome module all go through it.
 *
 * <p>Reading is strict for {@code sx:} and {@code fm:} (an invalid value throws {@link
 * org.feedmesh.feedsync.InvalidFeedSyncException}) and lenient for the rest of the payload: an
 * element we cannot map exactly is kept verbatim as a {@link Payload.Foreign} element.
 */
public interface ItemElements {

  FeedFormat format();

  boolean isItem(String namespace, String localName);

  default boolean isItem(Element e) {
    return isItem(e.getNamespaceURI(), e.getName());
  }

  /** An item element's {@code sx:sync} (null when it has none) and payload. */
  Entry readEntry(Element item);

  /** An item element as a sync item; refuses an element without {@code sx:sync}. */
  default Item readItem(Element item) {
    Entry entry = readEntry(item);
    if (entry.sync() == null) {
      throw new org.feedmesh.feedsync.InvalidFeedSyncException(
          "the " + item.getName() + " has no sx:sync element");
    }
    return new Item(entry.sync(), entry.payload());
  }

  Element writeItem(Item item);

  /** Whether a child of the feed or channel element is one the head keeps. */
  boolean isHeadElement(String namespace, String localName);

  FeedHead readHead(List<Element> headElements);

  List<Element> writeHead(FeedHead head);

  /** What an item element holds: its FeedSync metadata, when it has any, and its payload. */
  record Entry(Sync sync, Payload payload) {}
}
