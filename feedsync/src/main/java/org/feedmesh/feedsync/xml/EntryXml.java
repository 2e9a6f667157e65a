package org.feedmesh.feedsync.xml;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.feedmesh.feedsync.InvalidFeedSyncException;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.xml.internal.AtomElements;
import org.feedmesh.feedsync.xml.internal.Dom;
import org.feedmesh.feedsync.xml.internal.ElementOutput;
import org.feedmesh.feedsync.xml.internal.ItemElements;
import org.feedmesh.feedsync.xml.internal.XmlSource;
import org.jdom2.Element;

/**
 * Single Atom entry documents ({@code application/atom+xml;type=entry}), as AtomPub reads and
 * writes one member of a collection. Same mapping, same safety and limits as {@link FeedReader}:
 * {@code maxItemBytes} bounds the entry as well as {@code maxInputBytes} the document.
 */
public final class EntryXml {
  private EntryXml() {}

  /** Reads an entry document; its {@code sx:sync} is optional. Does not close {@code in}. */
  public static AtomEntry read(java.io.InputStream in, XmlLimits limits) {
    try (XmlSource source = new XmlSource(in, limits)) {
      source.nextStartElement();
      if (!source.isStartOf(FeedNamespaces.ATOM, "entry")) {
        throw source.malformed("not an Atom entry document: the root element is <"
            + source.stax().getLocalName() + "> in namespace \"" + source.namespace() + "\"");
      }
      int line = source.stax().getLocation().getLineNumber();
      Element entry = source.buildElement();
      source.expectEndOfDocument();
      ItemElements.Entry parsed;
      try {
        parsed = new AtomElements(limits.maxConflicts()).readEntry(entry);
      } catch (InvalidFeedSyncException e) {
        throw new InvalidFeedSyncException("entry at line " + line + ": " + e.getMessage(), e);
      }
      return new AtomEntry(parsed.sync(), parsed.payload());
    }
  }

  /** Reads an entry document that must carry {@code sx:sync}. */
  public static Item readItem(java.io.InputStream in, XmlLimits limits) {
    return read(in, limits).toItem();
  }

  /** Writes {@code item} as a complete entry document in UTF-8; flushes, does not close {@code out}. */
  public static void write(Item item, OutputStream out) throws IOException {
    Element entry;
    try {
      entry = AtomElements.DEFAULT.writeItem(item);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("item " + item.id() + ": " + e.getMessage(), e);
    }
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.write("<entry xmlns=\"" + FeedNamespaces.ATOM + "\" xmlns:sx=\"" + FeedNamespaces.SX
        + "\" xmlns:fm=\"" + FeedNamespaces.FM + "\">");
    ElementOutput content = new ElementOutput(Dom.ATOM, Dom.SX, Dom.FM);
    for (Element child : entry.getChildren()) {
      content.write(w, child);
    }
    w.write("</entry>\n");
    w.flush();
  }
}
