package org.feedmesh.feedsync.xml;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.xml.stream.XMLStreamConstants;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.InvalidFeedSyncException;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.xml.internal.AtomElements;
import org.feedmesh.feedsync.xml.internal.ItemElements;
import org.feedmesh.feedsync.xml.internal.RssElements;
import org.feedmesh.feedsync.xml.internal.XmlSource;
import org.jdom2.Element;

/**
 * Reads a sync feed, Atom 1.0 or RSS 2.0 (detected from the root element), as a stream: the
 * {@link #head()} is read when the reader is opened, then items one at a time, so memory stays
 * that of one item whatever the feed's length.
 *
 * <pre>{@code
 * try (InputStream in = request.getInputStream();
 *      FeedReader feed = FeedReader.open(in, XmlLimits.DEFAULT.withMaxInputBytes(64 << 20))) {
 *   FeedHead head = feed.head();
 *   while (feed.hasNext()) {
 *     merge(feed.next());
 *   }
 * }
 * }</pre>
 *
 * <p>Every refusal is typed: {@link UnsafeXmlException} (DOCTYPE, entities), {@link
 * MalformedFeedException} (not well-formed, not a feed), {@link FeedTooLargeException} (over a
 * {@link XmlLimits} limit), {@link InvalidFeedSyncException} (an item breaks a FeedSync or
 * {@code fm:} rule; the message names the item and its line). They are thrown by {@link #open}
 * for the head and by {@link #hasNext()}/{@link #next()} for what follows, so items already
 * returned were valid; a caller that must apply all or nothing has to collect first. I/O failures
 * of the stream are {@link java.io.UncheckedIOException}s.
 *
 * <p>Items are checked up to the end of the document: {@code hasNext()} returning false means the
 * whole document was read and was well-formed. Head elements that come after the first item (RSS
 * allows channel elements anywhere) are skipped, not added to the head. Not thread-safe. The
 * caller closes the reader, after which every call fails; closing it does not close the input
 * stream, which stays the caller's.
 */
public final class FeedReader implements Iterator<Item>, AutoCloseable {
  private final XmlSource source;
  private final FeedFormat format;
  private final ItemElements mapping;
  private final FeedHead head;
  private boolean inChannel;
  private boolean positioned;
  private boolean finished;
  private long itemsRead;
  private boolean closed;

  private FeedReader(XmlSource source) {
    this.source = source;
    source.nextStartElement();
    int maxConflicts = source.limits().maxConflicts();
    if (source.isStartOf(FeedNamespaces.ATOM, "feed")) {
      format = FeedFormat.ATOM;
      mapping = new AtomElements(maxConflicts);
      inChannel = true;
    } else if (source.isStartOf("", "rss")) {
      format = FeedFormat.RSS;
      mapping = new RssElements(maxConflicts);
    } else {
      throw source.malformed("not an Atom 1.0 feed or an RSS 2.0 document: the root element is <"
          + source.stax().getLocalName() + "> in namespace \"" + source.namespace() + "\"");
    }
    List<Element> headElements = new ArrayList<>();
    positioned = advance(headElements);
    finished = !positioned;
    try {
      head = mapping.readHead(headElements);
    } catch (InvalidFeedSyncException e) {
      throw new InvalidFeedSyncException("feed head: " + e.getMessage(), e);
    }
  }

  /** Opens a feed with the default {@link XmlLimits}. */
  public static FeedReader open(InputStream in) {
    return open(in, XmlLimits.DEFAULT);
  }

  /**
   * Opens a feed and reads its head. On a refusal nothing stays open; on success the caller must
   * close the reader.
   */
  public static FeedReader open(InputStream in, XmlLimits limits) {
    XmlSource source = new XmlSource(in, limits);
    try {
      return new FeedReader(source);
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
  }

  public FeedFormat format() {
    return format;
  }

  public FeedHead head() {
    return head;
  }

  /** Items returned so far. */
  public long itemsRead() {
    return itemsRead;
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      throw new IllegalStateException("the feed reader is closed (" + itemsRead + " items read)");
    }
    if (!positioned && !finished) {
      positioned = advance(null);
      finished = !positioned;
    }
    return positioned;
  }

  @Override
  public Item next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the feed has no more items (" + itemsRead + " read)");
    }
    int line = source.stax().getLocation().getLineNumber();
    Element element = source.buildElement();
    positioned = false;
    itemsRead++;
    try {
      return mapping.readItem(element);
    } catch (InvalidFeedSyncException e) {
      throw new InvalidFeedSyncException(describe(element, line) + ": " + e.getMessage(), e);
    } catch (FeedTooLargeException e) {
      throw new FeedTooLargeException(describe(element, line) + ": " + e.what(), e.limit(), e.value(), line, -1);
    }
  }

  /** The remaining items as a sequential stream; closing the stream closes this reader. */
  public Stream<Item> items() {
    Spliterator<Item> split = Spliterators.spliteratorUnknownSize(
        this, Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(split, false).onClose(this::close);
  }

  @Override
  public void close() {
    closed = true;
    source.close();
  }

  /**
   * Moves to the start tag of the next item, collecting head elements on the way while {@code
   * head} is not null. Returns false once the feed element has ended, after checking that the
   * rest of the document is well-formed.
   */
  private boolean advance(List<Element> head) {
    while (true) {
      if (head != null && source.bytesRead() > source.limits().maxItemBytes()) {
        throw new FeedTooLargeException("the feed head (everything before the first item) is too large",
            "maxItemBytes", source.limits().maxItemBytes(), source.stax().getLocation().getLineNumber(), -1);
      }
      int event = source.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        String ns = source.namespace();
        String name = source.stax().getLocalName();
        if (!inChannel) {
          if (ns.isEmpty() && name.equals("channel")) {
            inChannel = true;
          } else {
            keepOrSkip(head, ns.equals(FeedNamespaces.SX) && mapping.isHeadElement(ns, name));
          }
        } else if (mapping.isItem(ns, name)) {
          return true;
        } else {
          keepOrSkip(head, mapping.isHeadElement(ns, name));
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        if (!inChannel) {
          throw source.malformed("an RSS document needs a <channel> element");
        }
        finishDocument();
        return false;
      }
    }
  }

  private void keepOrSkip(List<Element> head, boolean isHead) {
    if (head != null && isHead) {
      head.add(source.buildElement());
    } else {
      source.skipElement();
    }
  }

  /** After the feed or channel element: skips what is left of the root, then checks the end. */
  private void finishDocument() {
    while (source.depth() > 0) {
      if (source.next() == XMLStreamConstants.START_ELEMENT) {
        source.skipElement();
      }
    }
    source.expectEndOfDocument();
  }

  private String describe(Element element, int line) {
    String noun = format == FeedFormat.ATOM ? "entry" : "item";
    Element sync = element.getChild("sync", org.jdom2.Namespace.getNamespace(FeedNamespaces.SX));
    String id = sync == null ? null : sync.getAttributeValue("id");
    String shown = id == null ? "" : " (sx:sync id \"" + (id.length() > 80 ? id.substring(0, 80) + "…" : id) + "\")";
    return noun + " " + itemsRead + shown + " at line " + line;
  }
}
