package org.feedmesh.feedsync.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;

/** Test documents under src/test/resources/feeds and small builders. */
public final class Fixtures {
  public static final String ATOM_FEED = "atom-sync-feed.xml";
  public static final String RSS_FEED = "rss-sync-feed.xml";

  private Fixtures() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/feeds/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static String filePath(int n) {
    return "docs/folder-" + (n % 100) + "/report-" + n + ".txt";
  }

  /** The sync id of {@link #fileItem}{@code (n, ...)}. */
  public static String fileItemId(int n) {
    return FileMeta.itemId("docs", filePath(n));
  }

  /** A file item with {@code blocks} blocks of 1 MiB and a three-entry history. */
  public static Item fileItem(int n, int blocks) {
    String path = filePath(n);
    List<Block> list = new java.util.ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      list.add(new Block((long) b << 20, 1 << 20, Sha256.hex(path + "#" + b)));
    }
    Instant t = Instant.parse("2026-11-21T09:30:00Z").plusSeconds(n);
    FileMeta file = FileMeta.file(path, (long) blocks << 20, t, 0644, Sha256.hex(path), list);
    return Item.create(FileMeta.itemId("docs", path), "laptop", t.minusSeconds(3600), Payload.ofFile(file))
        .updated("phone", t.minusSeconds(60), Payload.ofFile(file))
        .updated("laptop", t, Payload.ofFile(file).withUpdated(t));
  }
}
