package org.feedmesh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
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
import org.feedmesh.feedsync.SyncFeed;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedXml;
import org.feedmesh.server.accounts.AdminToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write the server acknowledged survives kill -9 of the server process. */
class DurabilityTest {
  @TempDir Path dir;

  @Test
  void acknowledgedAccountChangesAndPublishesSurviveKillMinus9() throws Exception {
    Path data = dir.resolve("data");
    OkHttpClient client = new OkHttpClient();
    int posts = 20;
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    try (ForkedServer forked = ForkedServer.start(data, dir.resolve("server.log"))) {
      String admin = AdminToken.read(data.resolve(AdminToken.FILE_NAME));
      for (String ns : List.of("photos", "music", "docs")) {
        post(
            client,
            forked.url() + "admin/namespaces",
            admin,
            "application/json",
            ("{\"name\":\"" + ns + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
            201);
      }
      for (int i = 0; i < posts; i++) {
        List<Item> items =
            List.of(
                Item.create("a" + i, "admin", t, Payload.EMPTY),
                Item.create("b" + i, "admin", t, Payload.EMPTY));
        byte[] feed =
            FeedXml.toBytes(new SyncFeed(FeedHead.of("urn:x", "x", t), items), FeedFormat.RSS);
        post(client, forked.url() + "feeds/photos", admin, FeedFormat.RSS.mediaType(), feed, 200);
      }
      forked.kill(); // right after the last acknowledgement
    }
    try (FeedServer restarted = FeedServer.start(ServerConfig.loopback(data))) {
      assertEquals(posts * 2L, restarted.journal().lastCursor("photos"));
      assertEquals(posts * 2L, restarted.journal().itemCount("photos"));
      assertEquals(3, restarted.accounts().namespaces().size());
    }
  }

  private static void post(
      OkHttpClient client, String url, String token, String type, byte[] body, int status)
      throws IOException {
    Request req =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + token)
            .post(RequestBody.create(body, MediaType.get(type)))
            .build();
    try (Response r = client.newCall(req).execute()) {
      assertEquals(status, r.code(), r.body().string());
    }
  }
}
