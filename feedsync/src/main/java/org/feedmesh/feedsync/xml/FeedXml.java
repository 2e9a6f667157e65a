package org.feedmesh.feedsync.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.SyncFeed;

/**
 * Whole feeds in memory, for small feeds and tests; built on {@link FeedReader} and {@link
 * FeedWriter}, so the same rules and limits apply. For anything that may be large, stream.
 */
public final class FeedXml {
  private FeedXml() {}

  /** Reads a whole feed; does not close {@code in}. */
  public static SyncFeed read(InputStream in, XmlLimits limits) {
    try (FeedReader reader = FeedReader.open(in, limits)) {
      List<Item> items = new ArrayList<>();
      reader.forEachRemaining(items::add);
      return new SyncFeed(reader.head(), items);
    }
  }

  public static SyncFeed read(byte[] document) {
    return read(new ByteArrayInputStream(document), XmlLimits.DEFAULT);
  }

  /** Writes a whole feed, finished; does not close {@code out}. */
  public static void write(SyncFeed feed, FeedFormat format, OutputStream out) throws IOException {
    try (FeedWriter writer = FeedWriter.open(out, format, feed.head())) {
      for (Item item : feed.items()) {
        writer.write(item);
      }
      writer.finish();
    }
  }

  public static byte[] toBytes(SyncFeed feed, FeedFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(feed, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array stream does not fail", e);
    }
    return out.toByteArray();
  }
}
