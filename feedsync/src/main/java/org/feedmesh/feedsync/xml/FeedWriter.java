package org.feedmesh.feedsync.xml;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.xml.internal.AtomElements;
import org.feedmesh.feedsync.xml.internal.Dom;
import org.feedmesh.feedsync.xml.internal.ElementOutput;
import org.feedmesh.feedsync.xml.internal.ItemElements;
import org.feedmesh.feedsync.xml.internal.RssElements;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Writes a sync feed as a stream, UTF-8: the head when opened, then one item per {@link #write},
 * then the closing tags on {@link #finish()}. Holds one item at a time.
 *
 * <pre>{@code
 * StreamingOutput body = out -> {
 *   try (FeedWriter feed = FeedWriter.open(out, FeedFormat.ATOM, head)) {
 *     journal.forEachAfter(cursor, feed::write);
 *     feed.finish();
 *   }
 * };
 * }</pre>
 *
 * <p>Contract: call {@link #finish()} after the last item. {@link #close()} without {@code
 * finish()} (because producing the items failed) flushes what was written and leaves the document
 * unterminated on purpose, so that a reader fails loudly instead of taking a cut-off feed for a
 * complete one. Neither closes the output stream, which stays the caller's.
 *
 * <p>An item whose values XML 1.0 cannot carry (U+FFFF, a lone surrogate, a control character)
 * is refused with an {@link IllegalArgumentException} naming the item before any of it is written,
 * so the writer stays usable. Not thread-safe.
 */
public final class FeedWriter implements AutoCloseable {
  private final Writer out;
  private final FeedFormat format;
  private final ItemElements mapping;
  private final ElementOutput output;
  private long itemsWritten;
  private boolean finished;
  private boolean closed;

  private FeedWriter(OutputStream stream, FeedFormat format, FeedHead head) throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    this.format = format;
    this.mapping = format == FeedFormat.ATOM ? AtomElements.DEFAULT : RssElements.DEFAULT;
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if (format == FeedFormat.ATOM) {
      output = new ElementOutput(Dom.ATOM, Dom.SX, Dom.FM);
      out.write("<feed xmlns=\"" + FeedNamespaces.ATOM + "\"" + declare(Dom.SX) + declare(Dom.FM) + ">\n");
    } else {
      output = new ElementOutput(Namespace.NO_NAMESPACE, Dom.SX, Dom.FM, Dom.ATOM_PREFIXED, Dom.CONTENT);
      out.write("<rss version=\"2.0\"" + declare(Dom.SX) + declare(Dom.FM) + declare(Dom.ATOM_PREFIXED)
          + declare(Dom.CONTENT) + ">\n<channel>\n");
    }
    for (Element e : mapping.writeHead(head)) {
      output.write(out, e);
      out.write('\n');
    }
  }

  /**
   * Starts a feed on {@code out}: writes the XML declaration, the root element and the head.
   *
   * @throws IllegalArgumentException if a head value cannot be written in XML
   */
  public static FeedWriter open(OutputStream out, FeedFormat format, FeedHead head) throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(head, "head");
    return new FeedWriter(out, format, head);
  }

  public FeedFormat format() {
    return format;
  }

  public long itemsWritten() {
    return itemsWritten;
  }

  /** Writes one item (with its conflicts inside {@code sx:conflicts}). */
  public void write(Item item) throws IOException {
    if (finished || closed) {
      throw new IllegalStateException("the feed is already " + (finished ? "finished" : "closed"));
    }
    Element e;
    try {
      e = mapping.writeItem(item);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("item " + item.id() + ": " + ex.getMessage(), ex);
    }
    output.write(out, e);
    out.write('\n');
    itemsWritten++;
  }

  /** Pushes buffered output to the stream (e.g. before a long-poll wait). */
  public void flush() throws IOException {
    out.flush();
  }

  /** Closes the feed element and the document and flushes. Idempotent. */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    if (closed) {
      throw new IllegalStateException("the feed writer is closed");
    }
    out.write(format == FeedFormat.ATOM ? "</feed>\n" : "</channel>\n</rss>\n");
    out.flush();
    finished = true;
  }

  /** Flushes; the document is complete only if {@link #finish()} was called first. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      out.flush();
    }
  }

  private static String declare(Namespace ns) {
    return " xmlns:" + ns.getPrefix() + "=\"" + ns.getURI() + "\"";
  }
}
