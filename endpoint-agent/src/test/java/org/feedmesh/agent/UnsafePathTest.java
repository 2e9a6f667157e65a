package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path from the feed that would leave the folder through a symlink on the receiving disk (or that
 * names the agent's own state folder) is refused, reported as failed, and nothing is written.
 */
class UnsafePathTest {
  @TempDir Path tmp;

  @Test
  void aFeedPathThroughASymlinkOrIntoTheStateFolderIsRefusedAndReportedFailed() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      Path bobFolder = Files.createDirectories(cluster.folder("bob"));
      Files.createSymbolicLink(bobFolder.resolve("link"), outside);
      cluster.start("bob");

      byte[] data = "payload".getBytes();
      String blob = Sha256.hex(data);
      var block = new org.feedmesh.feedsync.fm.Block(0, data.length, blob);
      Item through = item(FileMeta.file("link/evil.txt", data.length, Instant.now(), 0644, blob, List.of(block)));
      Item state = item(FileMeta.file(".feedmesh/index.mv.db", data.length, Instant.now(), 0644, blob, List.of(block)));
      publish(cluster, "alice", through, state);

      Cluster.await("bob to report both versions as failed", () -> failed(cluster, through) && failed(cluster, state));
      assertFalse(Files.exists(outside.resolve("evil.txt")), "nothing was written through the symlink");
      assertTrue(Files.isSymbolicLink(bobFolder.resolve("link")));
      assertFalse(java.util.Arrays.equals(data, Files.readAllBytes(bobFolder.resolve(".feedmesh/index.mv.db"))),
          "the agent's own database was not replaced");
    }
  }

  @Test
  void aPathTooLongForThisDiskFailsAloneAndTheJournalGoesOn() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      cluster.start("bob");
      // valid in a feed (under 4,096 characters), but with bob's folder in front of it longer than
      // this system's path limit
      String deep = String.join("/", java.util.Collections.nCopies(20, "d".repeat(202))) + "/deepest";
      Item tooLong = item(FileMeta.dir(deep, Instant.now(), 0755));
      Item after = item(FileMeta.dir("after", Instant.now(), 0755));
      publish(cluster, "alice", tooLong, after);

      Path bobFolder = cluster.folder("bob");
      Cluster.await("bob to apply the version after the one his disk cannot hold",
          () -> Files.isDirectory(bobFolder.resolve("after")));
      Cluster.await("bob to report the one he cannot hold as failed", () -> failed(cluster, tooLong));
    }
  }

  private static Item item(FileMeta meta) {
    return Item.create(FileMeta.itemId(Cluster.NS, meta.path()), "alice", Instant.now(), Payload.ofFile(meta));
  }

  private static boolean failed(Cluster cluster, Item item) {
    return cluster.server.status().itemStatus(Cluster.NS, item.id()).stream()
        .anyMatch(s -> s.endpoint().equals("bob") && s.result().json().equals("failed"));
  }

  private static void publish(Cluster cluster, String as, Item... items) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FeedWriter w = FeedWriter.open(out, FeedFormat.ATOM, FeedHead.of("urn:test", "t", Instant.now()));
    for (Item i : items) {
      w.write(i);
    }
    w.finish();
    OkHttpClient http = new OkHttpClient();
    Request r = new Request.Builder().url(cluster.server.baseUri().resolve("feeds/" + Cluster.NS).toString())
        .header("Authorization", "Bearer " + cluster.tokens.get(as))
        .post(RequestBody.create(out.toByteArray(), MediaType.get("application/atom+xml"))).build();
    try (Response resp = http.newCall(r).execute()) {
      assertTrue(resp.isSuccessful(), "publish answered " + resp.code());
    }
  }
}
