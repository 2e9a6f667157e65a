package org.feedmesh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.feedmesh.server.accounts.AdminToken;
import org.feedmesh.server.accounts.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write the server acknowledged survives kill -9 of the server process. */
class DurabilityTest {
  @TempDir Path dir;

  @Test
  void acknowledgedWritesSurviveKillMinus9() throws Exception {
    Path data = dir.resolve("data");
    OkHttpClient client = new OkHttpClient();
    int acknowledged = 30;
    try (ForkedServer forked = ForkedServer.start(data, dir.resolve("server.log"))) {
      String admin = AdminToken.read(data.resolve(AdminToken.FILE_NAME));
      for (int i = 0; i < acknowledged; i++) {
        Request req = new Request.Builder().url(forked.url() + "admin/namespaces")
            .header("Authorization", "Bearer " + admin)
            .post(RequestBody.create("{\"name\":\"ns" + i + "\"}", MediaType.get("application/json")))
            .build();
        try (Response r = client.newCall(req).execute()) {
          assertEquals(201, r.code(), r.body().string());
        }
      }
      forked.kill(); // right after the last acknowledgement
    }
    assertEquals(true, Files.exists(data.resolve("feedmesh.mv.db")));
    try (FeedServer restarted = FeedServer.start(ServerConfig.loopback(data))) {
      List<Namespace> namespaces = restarted.accounts().namespaces();
      assertEquals(acknowledged, namespaces.size());
    }
  }
}
