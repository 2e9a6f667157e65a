package org.feedmesh.server.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.Response;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedReader;
import org.feedmesh.feedsync.xml.XmlLimits;
import org.feedmesh.server.TestServer;
import org.feedmesh.server.journal.JournalEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentPublishTest {
  private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

  @TempDir Path data;

  @Test
  void eightEndpointsPublishingAtOnceLoseNothingAndNeverShareACursor() throws Exception {
    int endpoints = 8;
    int requests = 8;
    try (TestServer s = TestServer.start(data, 1 << 20)) {
      s.namespace("shared");
      List<String> tokens = new ArrayList<>();
      for (int e = 0; e < endpoints; e++) {
        tokens.add(s.endpoint("ep" + e, "shared"));
      }
      ExecutorService pool = Executors.newFixedThreadPool(endpoints);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int e = 0; e < endpoints; e++) {
          String who = "ep" + e;
          String token = tokens.get(e);
          done.add(
              pool.submit(
                  () -> {
                    Item doc = null;
                    for (int r = 0; r < requests; r++) {
                      // Its own new item and the next version of its own document.
                      doc =
                          doc == null
                              ? Item.create(who + "-doc", who, T, Payload.EMPTY)
                              : doc.updated(who, T.plusSeconds(r), Payload.EMPTY);
                      Item own = Item.create(who + "-" + r, who, T, Payload.EMPTY);
                      byte[] body = FeedResourceTest.feed(FeedFormat.ATOM, List.of(own, doc));
                      try (Response resp =
                          s.send(
                              "POST", "feeds/shared", token, FeedFormat.ATOM.mediaType(), body)) {
                        assertEquals(200, resp.code(), resp.body().string());
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      long expected = (long) endpoints * requests * 2;
      assertEquals(expected, s.server.journal().lastCursor("shared"));
      assertEquals(expected, s.server.journal().size());
      Set<Long> cursors = new HashSet<>();
      for (int e = 0; e < endpoints; e++) {
        for (JournalEntry v : s.server.journal().versions("shared", "ep" + e + "-doc")) {
          assertTrue(cursors.add(v.cursor()));
        }
        assertEquals(
            requests,
            s.server.journal().current("shared", "ep" + e + "-doc").orElseThrow().updates());
      }
      // The whole feed, read as a stream, has every item once.
      try (Response r = s.get("feeds/shared", tokens.get(0));
          InputStream in = r.body().byteStream();
          FeedReader feed = FeedReader.open(in, XmlLimits.DEFAULT)) {
        Set<String> ids = new HashSet<>();
        while (feed.hasNext()) {
          assertTrue(ids.add(feed.next().id()));
        }
        assertEquals(endpoints * (requests + 1), ids.size());
      }
    }
  }
}
