package org.feedmesh.server.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedReader;
import org.feedmesh.feedsync.xml.XmlLimits;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feed far larger than one journal chunk is served whole, as a stream, in both formats. */
class LargeFeedTest {
  private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

  @TempDir Path data;

  static Item file(int n) {
    String path = "dir-" + (n % 50) + "/file-" + n + ".bin";
    String hash = Sha256.hex(path);
    FileMeta meta = FileMeta.file(path, 1000, T, 0644, hash, List.of(new Block(0, 1000, hash)));
    return Item.create("i" + n, "laptop", T, Payload.ofFile(meta));
  }

  @Test
  void twelveThousandItemsAreStreamedWholeAsAtomAndRss() throws Exception {
    int n = 12_000;
    try (TestServer s = TestServer.start(data, 64 << 20)) {
      s.namespace("big");
      String token = s.endpoint("laptop", "big");
      for (int from = 0; from < n; from += 4000) {
        List<Item> batch = new ArrayList<>();
        for (int i = from; i < from + 4000; i++) {
          batch.add(file(i));
        }
        s.server.journal().publish("big", Caller.admin(), batch);
      }
      for (FeedFormat format : FeedFormat.values()) {
        try (Response r = s.get("feeds/big?format=" + format.name().toLowerCase(), token);
            InputStream in = r.body().byteStream();
            FeedReader feed = FeedReader.open(in, XmlLimits.DEFAULT)) {
          assertEquals(200, r.code());
          int count = 0;
          while (feed.hasNext()) {
            Item item = feed.next();
            assertEquals(file(count), item);
            count++;
          }
          assertEquals(n, count);
        }
      }
    }
  }
}
